"""Shapes of the gateway's answers, for the OpenAPI document. Requests use `contracts.inbound`."""
from marshmallow import Schema, fields


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


class StatusLookupSchema(Schema):
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
