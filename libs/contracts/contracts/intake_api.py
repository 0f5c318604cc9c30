"""The operations intake offers through the gateway, each declared once (`contracts.api.Operation`), with the
schemas of what they take and answer: intake validates with the same input schemas, the gateway serves,
authorises, audits and documents each from its declaration. The KVKK search asks two owners and is the gateway's
own route (`gateway/routes/kvkk.py`)."""
from functools import partial

from marshmallow import Schema, fields, validate

from .api import PUBLIC, Audit, Operation
from .inbound import ApplicationSubmissionSchema, StrictSchema
from .press_answers import PressRequestCreated
from .press_inputs import PressRequest

SERVICE = "intake"
TAG = "Başvurular"
SUBMISSION_MAX_BYTES = 40 * 1024 * 1024  # five 5 MB attachments, base64-encoded, with room
PRESS_REQUEST_MAX_BYTES = 64 * 1024
LOOKUP_MAX_BYTES = 4096

intake = partial(Operation, service=SERVICE)


# -- what the applications' operations take ------------------------------------------------------------
class StatusLookupSchema(StrictSchema):
    tracking_number = fields.String(required=True, metadata={"example": "GZM-2026-000123"})
    # the code is ASCII (letters, digits, a dash); intake compares it in constant time, which takes ASCII only
    code = fields.String(required=True, metadata={"example": "K7P2-M9QX"}, validate=validate.Regexp(
        r"^[A-Za-z0-9 -]{1,20}$", error="Kod harf, rakam ve tireden oluşur (örn. K7P2-M9QX)."))


class RunQuerySchema(StrictSchema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


# -- what they answer -----------------------------------------------------------------------------------
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


class ApplicantStatusSchema(Schema):
    tracking_number = fields.String()
    status = fields.String()
    status_label = fields.String()
    subject = fields.String()
    received_at = fields.DateTime()
    reasons = fields.List(fields.String())


class AppliedRuleSchema(Schema):
    rule = fields.String()
    keep_years = fields.Integer()
    cutoff = fields.Date(metadata={"description": "Bu günden önce gelen başvurular anonimleştirildi"})
    source = fields.String()


class DestructionRunSchema(Schema):
    id = fields.UUID()
    started_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)
    trigger = fields.String(metadata={"description": "'schedule' ya da başlatan yöneticinin kimliği"})
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(),
                         metadata={"description": "Saklama kuralına göre anonimleştirilen başvuru sayısı"})
    total = fields.Integer()
    method = fields.String()
    rules = fields.List(fields.Nested(AppliedRuleSchema), metadata={"description": "Uygulanan saklama süreleri"})


class DestructionRunListSchema(Schema):
    runs = fields.List(fields.Nested(DestructionRunSchema))


# -- the operations ---------------------------------------------------------------------------------------
# staff, or another system signing its request (the five headers together)
SIGNED = ("BearerAuth", ("ClientId", "KeyId", "Timestamp", "Nonce", "Signature"))

APPLICATIONS = (
    intake("POST", "/api/v1/applications", rpc="receive_application", rule="application.submit",
           args=("body", "actor", "header.Idempotency-Key"), input=ApplicationSubmissionSchema,
           max_body=SUBMISSION_MAX_BYTES, output=ApplicationCreatedSchema, answer_from="application",
           status=201, created_from="created", location="/api/v1/applications/{id}",
           audit=Audit("application.submit", "application", "answer.id", personal_data=True), errors=("409",),
           summary="Başvuru al", operation_id="submitApplication", tag=TAG, security=SIGNED),
    intake("GET", "/api/v1/applications/{application_id}", rpc="show_application", rule="application.read",
           args=("path.application_id", "actor"), output=ApplicationDetailSchema, answer_from="application",
           audit=Audit("application.read", "application", "path.application_id",
                       personal_data="reply.identity_shown"),
           summary="Başvuruyu göster", operation_id="getApplication", tag=TAG, security=SIGNED),
    intake("GET", "/api/v1/applications/{application_id}/receipt.pdf", rpc="receipt_for", rule="application.read",
           args=("path.application_id", "actor"), file=("application/pdf",), inline=True,
           audit=Audit("application.receipt", "application", "path.application_id"),
           summary="Alındı belgesi (PDF)", operation_id="getReceipt", tag=TAG, security=SIGNED),
    intake("POST", "/api/v1/applications/status-lookup", rpc="lookup_status", rule=PUBLIC,
           args=("body.tracking_number", "body.code"), input=StatusLookupSchema, max_body=LOOKUP_MAX_BYTES,
           output=ApplicantStatusSchema, errors=("404",),
           summary="Başvuru sahibinin durum sorgusu (takip numarası ve gizli kod)", operation_id="lookupStatus",
           tag=TAG),
    intake("POST", "/api/v1/press/requests", rpc="submit_press_request", rule="press_request.submit",
           args=("body", "actor", "header.Idempotency-Key"), input=PressRequest, max_body=PRESS_REQUEST_MAX_BYTES,
           output=PressRequestCreated, answer_from="application", status=201, created_from="created",
           audit=Audit("press_request.submit", "application", "answer.id", personal_data=True), errors=("409",),
           summary="Gazetecinin bilgi ya da röportaj talebi: ilgili müdürlüğe yönlendirilir, cevabı Başkanlık Makamı "
                   "onayladıktan sonra gazeteciye gider", operation_id="submitPressRequest", tag="Basın"),
)

RETENTION = (
    intake("GET", "/api/v1/ops/retention/runs", rpc="destruction_runs", rule="retention.read",
           args=("query.limit",), query=RunQuerySchema, output=DestructionRunListSchema, answer_key="runs",
           summary="Periyodik imha kayıtları (KVKK): her çalıştırmanın zamanı, başlatanı ve saklama kuralına göre "
                   "anonimleştirilen başvuru sayıları; kişisel veri içermez. Yönetici, işletim ve denetçi okur.",
           operation_id="destructionRuns", tag="KVKK"),
    intake("POST", "/api/v1/ops/retention/runs", rpc="run_destruction", rule="retention.run", args=("actor",),
           output=DestructionRunSchema, errors=("409",),
           audit=Audit("retention.run", "destruction_run", "answer.id", personal_data=True),
           summary="Periyodik imhayı şimdi çalıştır (zamanlanmış çalıştırmaların dışında; en geç altı ayda bir zaten "
                   "çalışır): saklama süresi dolmuş başvuruların başvuru sahibi bilgileri geri alınamaz biçimde "
                   "anonimleştirilir. Yalnızca yönetici; başka bir çalıştırma sürerken 409.",
           operation_id="runDestruction", tag="KVKK"),
)

OPERATIONS = APPLICATIONS + RETENTION
