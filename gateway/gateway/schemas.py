"""Shapes of the gateway's answers, for the OpenAPI document. Requests use `contracts.inbound`."""
from datetime import timezone

from marshmallow import Schema, ValidationError, fields, post_load, validate

from contracts.inbound import StrictSchema


class DefectSchema(Schema):
    code = fields.String()
    message = fields.String()
    article = fields.String()


class ApplicationCreatedSchema(Schema):
    id = fields.UUID()
    tracking_number = fields.String(metadata={"example": "GZM-2026-000123"})
    status = fields.String(metadata={"enum": ["received", "not_processed"]})
    received_at = fields.DateTime()
    reasons = fields.List(fields.Nested(DefectSchema))
    possible_duplicate_of = fields.List(fields.String())
    lookup_code = fields.String(metadata={"description": "Başvuru sahibinin durum sorgulaması için gizli kodu"})


class ApplicantViewSchema(Schema):
    full_name = fields.String(allow_none=True)
    tc_kimlik_no = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    postal_address = fields.String(allow_none=True)
    preferred_reply_channel = fields.String(allow_none=True)
    hide_identity = fields.Boolean()
    signed = fields.Boolean()


class AttachmentViewSchema(Schema):
    id = fields.UUID()
    filename = fields.String()
    content_type = fields.String()
    size_bytes = fields.Integer()


class ApplicationDetailSchema(Schema):
    id = fields.UUID()
    tracking_number = fields.String()
    status = fields.String()
    status_label = fields.String()
    channel = fields.String()
    type = fields.String()
    category = fields.String()
    subject = fields.String()
    body = fields.String()
    neighbourhood = fields.String(allow_none=True)
    location = fields.Dict(allow_none=True)
    received_at = fields.DateTime()
    source_system = fields.String(allow_none=True)
    source_reference = fields.String(allow_none=True)
    reasons = fields.List(fields.Nested(DefectSchema))
    possible_duplicate_of = fields.List(fields.String())
    applicant = fields.Nested(ApplicantViewSchema)
    attachments = fields.List(fields.Nested(AttachmentViewSchema))
    submitted_by = fields.String()


class StatusLookupSchema(StrictSchema):
    tracking_number = fields.String(required=True, metadata={"example": "GZM-2026-000123"})
    code = fields.String(required=True, metadata={"example": "K7P2-M9QX"})


class ApplicantStatusSchema(Schema):
    tracking_number = fields.String()
    status = fields.String()
    status_label = fields.String()
    subject = fields.String()
    received_at = fields.DateTime()
    reasons = fields.List(fields.String())


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
        # any offset ISO 8601 allows; PostgreSQL takes only ±15:59, and UTC says the same instant
        for key in ("since", "until"):
            if key in data:
                try:
                    data[key] = data[key].astimezone(timezone.utc)
                except OverflowError:
                    raise ValidationError("Tarih aralık dışında.", key) from None
        return data


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
