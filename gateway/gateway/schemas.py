"""Shapes of the gateway's answers, for the OpenAPI document. Requests use `contracts.inbound`."""
from datetime import timezone

from marshmallow import Schema, ValidationError, fields, post_load, validate

from contracts.inbound import StrictSchema
from contracts.press_inputs import Flag  # a JSON true or false only


def dates_in_utc(data, keys):
    """Any offset ISO 8601 allows is accepted; PostgreSQL takes only ±15:59, and UTC names the same instant."""
    for key in keys:
        if key in data:
            try:
                data[key] = data[key].astimezone(timezone.utc)
            except OverflowError:
                raise ValidationError("Tarih aralık dışında.", key) from None
    return data


class ProblemSchema(Schema):
    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    errors = fields.Dict()
    correlation_id = fields.String()


class HealthSchema(Schema):
    status = fields.String()
    checks = fields.Dict()


class SignInSchema(StrictSchema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=100))
    password = fields.String(required=True, validate=validate.Length(min=1, max=200))


class TokensSchema(Schema):
    access_token = fields.String()
    token_type = fields.String(metadata={"example": "Bearer"})
    expires_in = fields.Integer()
    refresh_token = fields.String()
    refresh_expires_in = fields.Integer()
    role = fields.String()
    directorate = fields.String(allow_none=True)


class RefreshSchema(StrictSchema):
    refresh_token = fields.String(required=True, validate=validate.Length(min=1, max=200))


class PasswordChangeSchema(StrictSchema):
    current_password = fields.String(required=True, validate=validate.Length(min=1, max=200))
    new_password = fields.String(required=True, validate=validate.Length(min=1, max=200))


class MeSchema(Schema):
    id = fields.String()
    username = fields.String()
    role = fields.String()
    role_label = fields.String()
    directorate = fields.String(allow_none=True)


class InboundEventSchema(Schema):
    event_id = fields.UUID(required=True)
    event_type = fields.String(required=True, metadata={"example": "application_submitted"})
    occurred_at = fields.AwareDateTime(required=True)
    version = fields.Integer(required=True)
    correlation_id = fields.String(required=True)
    payload = fields.Dict(required=True, metadata={"description": "ApplicationSubmission for application_submitted"})


class InboundAcceptedSchema(Schema):
    event_id = fields.UUID()
    status = fields.String(metadata={"example": "accepted"})


class AuditQuerySchema(StrictSchema):
    actor_id = fields.String(validate=validate.Length(max=100))
    action = fields.String(validate=validate.Length(max=100))
    object_type = fields.String(validate=validate.Length(max=100))
    object_id = fields.String(validate=validate.Length(max=100))
    outcome = fields.String(validate=validate.OneOf(["allowed", "denied", "failed"]))
    since = fields.AwareDateTime()
    until = fields.AwareDateTime()
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))
    before_id = fields.Integer(validate=validate.Range(min=1, max=2**62))

    @post_load
    def _in_utc(self, data, **_):
        return dates_in_utc(data, ("since", "until"))


class AuditEntrySchema(Schema):
    id = fields.Integer()
    at = fields.DateTime()
    actor_kind = fields.String()
    actor_id = fields.String(allow_none=True)
    role = fields.String(allow_none=True)
    action = fields.String()
    object_type = fields.String(allow_none=True)
    object_id = fields.String(allow_none=True)
    personal_data = fields.Boolean()
    outcome = fields.String()
    address = fields.String(allow_none=True)
    correlation_id = fields.String(allow_none=True)


class AuditPageSchema(Schema):
    entries = fields.List(fields.Nested(AuditEntrySchema))


class DeadLetterQuerySchema(StrictSchema):
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))


class DeadLetterActionSchema(StrictSchema):
    id = fields.String(validate=validate.Length(min=1, max=100))
    all = Flag(load_default=False)


class DeadLetterCountsSchema(Schema):
    services = fields.List(fields.Dict(), metadata={"description": "[{service, count}]"})


class DeadLetterSummarySchema(Schema):
    id = fields.String()
    message_id = fields.String(allow_none=True)
    error = fields.String(allow_none=True, metadata={"description": "Neden (istisna adı ve iletisi)"})
    original_queue = fields.String(allow_none=True)
    original_routing_key = fields.String(allow_none=True)
    attempts = fields.Integer(allow_none=True)
    failed_at = fields.String(allow_none=True)
    content_type = fields.String(allow_none=True)
    size = fields.Integer()


class DeadLetterListSchema(Schema):
    service = fields.String()
    dead_letters = fields.List(fields.Nested(DeadLetterSummarySchema))


class DeadLetterDetailSchema(DeadLetterSummarySchema):
    headers = fields.Dict()
    body = fields.String()
    body_encoding = fields.String(metadata={"description": "utf-8 ya da base64"})


class DeadLetterOutcomeSchema(Schema):
    service = fields.String()
    replayed = fields.Integer()
    purged = fields.Integer()
