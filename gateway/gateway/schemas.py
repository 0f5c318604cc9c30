"""Shapes of the gateway's answers, for the OpenAPI document. Requests use `contracts.inbound`."""
from datetime import timezone

from marshmallow import Schema, ValidationError, fields, post_load, validate

from contracts.inbound import ATTACHMENT_MAX_COUNT, AttachmentSchema, StrictSchema


def dates_in_utc(data, keys):
    """Any offset ISO 8601 allows is accepted; PostgreSQL takes only ±15:59, and UTC names the same instant."""
    for key in keys:
        if key in data:
            try:
                data[key] = data[key].astimezone(timezone.utc)
            except OverflowError:
                raise ValidationError("Tarih aralık dışında.", key) from None
    return data


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
    media_url = fields.String(allow_none=True, metadata={"description": "Sorunun resmine bağlantı (Open311 media_url)"})
    received_at = fields.DateTime()
    source_system = fields.String(allow_none=True)
    source_reference = fields.String(allow_none=True)
    reasons = fields.List(fields.Nested(DefectSchema))
    possible_duplicate_of = fields.List(fields.String())
    applicant = fields.Nested(ApplicantViewSchema)
    attachments = fields.List(fields.Nested(AttachmentViewSchema))
    submitted_by = fields.String()
    anonymised_at = fields.DateTime(allow_none=True, metadata={
        "description": "Saklama süresi dolduğu için başvuru sahibinin kişisel verisinin anonimleştirildiği an (KVKK)"})


class StatusLookupSchema(StrictSchema):
    tracking_number = fields.String(required=True, metadata={"example": "GZM-2026-000123"})
    # the code is ASCII (letters, digits, a dash); intake compares it in constant time, which takes ASCII only
    code = fields.String(required=True, metadata={"example": "K7P2-M9QX"}, validate=validate.Regexp(
        r"^[A-Za-z0-9 -]{1,20}$", error="Kod harf, rakam ve tireden oluşur (örn. K7P2-M9QX)."))


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


class DeadlinePreviewQuerySchema(StrictSchema):
    type = fields.String(required=True, validate=validate.Length(min=1, max=40),
                         metadata={"example": "bilgi_edinme"})
    received_on = fields.Date(required=True, metadata={"example": "2026-03-13"})
    extended = fields.Boolean(load_default=False)


class DeadlinePreviewSchema(Schema):
    due_on = fields.Date(allow_none=True)
    internal_due_on = fields.Date(allow_none=True)
    rule = fields.Dict()
    explanation = fields.List(fields.Dict())
    warnings = fields.List(fields.String())


class CaseQuerySchema(StrictSchema):
    directorate = fields.String(validate=validate.Length(max=60))
    state = fields.String(validate=validate.OneOf(["triage", "assigned", "answer_submitted", "awaiting_mayor",
                                                   "answered", "forwarded", "closed"]))
    channel = fields.String(validate=validate.Length(max=30))
    neighbourhood = fields.String(validate=validate.Length(max=100))
    due_before = fields.Date()
    overdue = fields.Boolean()
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))


class CaseSchema(Schema):
    id = fields.UUID()
    application_id = fields.UUID()
    tracking_number = fields.String()
    channel = fields.String()
    type = fields.String()
    category = fields.String()
    subject = fields.String()
    neighbourhood = fields.String(allow_none=True)
    received_at = fields.DateTime()
    hide_identity = fields.Boolean()
    state = fields.String()
    state_label = fields.String()
    directorate = fields.String(allow_none=True)
    routing_rule_id = fields.Integer(allow_none=True)
    deadline_rule = fields.String()
    legal_due_on = fields.Date(allow_none=True)
    internal_due_on = fields.Date(allow_none=True)
    due_explanation = fields.Dict()
    extended = fields.Boolean()
    paused_on = fields.Date(allow_none=True, metadata={"description": "4982 ücret bildirimi: süre durdu"})
    resumed_on = fields.Date(allow_none=True)
    fee_amount = fields.String(allow_none=True)
    interim_replied_at = fields.DateTime(allow_none=True)
    answered_at = fields.DateTime(allow_none=True)
    opened_at = fields.DateTime()
    updated_at = fields.DateTime()
    allowed_actions = fields.List(fields.String())
    timeline = fields.List(fields.Dict())


class CasePageSchema(Schema):
    total = fields.Integer()
    cases = fields.List(fields.Nested(CaseSchema))


class CaseActionSchema(StrictSchema):
    """What an action needs: assign/transfer `directorate` (+ `reason`), forward `institution` + `reason`,
    extend `reason`, submit_answer `outcome` + `text` (+ `exemption_article`), approve/return `comment`."""

    directorate = fields.String(validate=validate.Length(min=1, max=60))
    reason = fields.String(validate=validate.Length(max=2000))
    institution = fields.String(validate=validate.Length(max=200))
    outcome = fields.String(validate=validate.OneOf(["granted", "partly_granted", "refused", "not_competent",
                                                     "interim"]))
    text = fields.String(validate=validate.Length(max=20000))
    exemption_article = fields.String(validate=validate.Length(max=10))
    comment = fields.String(validate=validate.Length(max=2000))
    fee_amount = fields.String(validate=validate.Length(max=200))
    attachments = fields.List(fields.Nested(AttachmentSchema), validate=validate.Length(max=ATTACHMENT_MAX_COUNT))


class RoutingRuleSchema(StrictSchema):
    directorate = fields.String(required=True, validate=validate.Length(min=1, max=60))
    category = fields.String(validate=validate.Length(max=60))
    neighbourhood = fields.String(validate=validate.Length(max=100))
    channel = fields.String(validate=validate.Length(max=30))
    keywords = fields.List(fields.String(validate=validate.Length(min=1, max=60)), validate=validate.Length(max=20))
    priority = fields.Integer(load_default=100, validate=validate.Range(min=0, max=10000))


class RoutingTableSchema(Schema):
    directorates = fields.List(fields.Dict())
    rules = fields.List(fields.Dict())
    idari_izin_days = fields.List(fields.Dict())


class IdariIzinSchema(StrictSchema):
    day = fields.Date(required=True)
    note = fields.String(required=True, validate=validate.Length(min=1, max=300))


class RuleChangeSchema(Schema):
    id = fields.Integer()
    active = fields.Boolean()


class DeadLetterQuerySchema(StrictSchema):
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))


class DeadLetterActionSchema(StrictSchema):
    id = fields.String(validate=validate.Length(min=1, max=100))
    all = fields.Boolean(load_default=False)


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
