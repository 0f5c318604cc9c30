"""Events published by `services/routing` on the `routing.events` exchange.

They carry the case and application ids and the tracking number, never the applicant's contact
details: notifications keep their own read model of those from `intake.application_received`.
"""
from marshmallow import EXCLUDE, Schema, fields

SOURCE = "routing"
EXCHANGE = "routing.events"

CASE_OPENED = "case_opened"
CASE_ASSIGNED = "case_assigned"
CASE_TRANSFERRED = "case_transferred"
CASE_FORWARDED = "case_forwarded"
DEADLINE_EXTENDED = "deadline_extended"
DEADLINE_WARNING = "deadline_warning"
DEADLINE_ESCALATED = "deadline_escalated"
DEADLINE_BREACHED = "deadline_breached"
ANSWER_APPROVED = "answer_approved"
FEE_NOTIFIED = "fee_notified"
EVENT_TYPES = (CASE_OPENED, CASE_ASSIGNED, CASE_TRANSFERRED, CASE_FORWARDED, DEADLINE_EXTENDED, DEADLINE_WARNING,
               DEADLINE_ESCALATED, DEADLINE_BREACHED, ANSWER_APPROVED, FEE_NOTIFIED)


class _Payload(Schema):
    class Meta:
        unknown = EXCLUDE


class _CaseRef(_Payload):
    case_id = fields.UUID(required=True)
    application_id = fields.UUID(required=True)
    tracking_number = fields.String(required=True)


class CaseOpenedSchema(_CaseRef):
    """A case was opened for an application: routed to a directorate, or to the PR desk's triage."""

    directorate = fields.String(allow_none=True)
    state = fields.String(required=True)
    legal_due_on = fields.Date(allow_none=True)
    internal_due_on = fields.Date(allow_none=True)
    deadline_rule = fields.String(required=True)


class CaseAssignedSchema(_CaseRef):
    directorate = fields.String(required=True)
    by = fields.String(required=True)


class CaseTransferredSchema(_CaseRef):
    from_directorate = fields.String(required=True)
    to_directorate = fields.String(required=True)
    reason = fields.String(required=True)
    by = fields.String(required=True)


class CaseForwardedSchema(_CaseRef):
    """Not the municipality's business: sent to another institution; the applicant is to be told (3071 m. 5)."""

    institution = fields.String(required=True)
    reason = fields.String(required=True)


class DeadlineExtendedSchema(_CaseRef):
    """A 4982 extension: the applicant is to be told, with the reason, before the 15th working day."""

    reason = fields.String(required=True)
    legal_due_on = fields.Date(required=True)


class DeadlineWarningSchema(_CaseRef):
    directorate = fields.String(allow_none=True)
    internal_due_on = fields.Date(required=True)
    legal_due_on = fields.Date(required=True)
    working_days_left = fields.Integer(required=True)


class DeadlineEscalatedSchema(_CaseRef):
    directorate = fields.String(allow_none=True)
    level = fields.Integer(required=True)
    escalate_to = fields.String(required=True)
    internal_due_on = fields.Date(required=True)


class DeadlineBreachedSchema(_CaseRef):
    directorate = fields.String(allow_none=True)
    legal_due_on = fields.Date(required=True)


class AttachmentRefSchema(_Payload):
    id = fields.UUID(required=True)
    filename = fields.String(required=True)
    content_type = fields.String(required=True)
    size_bytes = fields.Integer(required=True)


class AnswerApprovedSchema(_CaseRef):
    """The approved answer, to be relayed to the applicant; its files are fetched from routing
    (`attachment("answer_file", id)`, `contracts.attachments`) by whoever sends it."""

    outcome = fields.String(required=True)
    interim = fields.Boolean(required=True)
    text = fields.String(required=True)
    exemption_article = fields.String(allow_none=True)
    remedy = fields.String(allow_none=True)
    directorate = fields.String(allow_none=True)
    attachments = fields.List(fields.Nested(AttachmentRefSchema), load_default=list)


class FeeNotifiedSchema(_CaseRef):
    """4982: the applicant is to be told the cost; the clock stops until it is paid."""

    fee_amount = fields.String(required=True)
    paused_on = fields.Date(required=True)


PAYLOAD_SCHEMAS = {
    FEE_NOTIFIED: FeeNotifiedSchema,
    CASE_OPENED: CaseOpenedSchema, CASE_ASSIGNED: CaseAssignedSchema, CASE_TRANSFERRED: CaseTransferredSchema,
    CASE_FORWARDED: CaseForwardedSchema, DEADLINE_EXTENDED: DeadlineExtendedSchema,
    DEADLINE_WARNING: DeadlineWarningSchema, DEADLINE_ESCALATED: DeadlineEscalatedSchema,
    DEADLINE_BREACHED: DeadlineBreachedSchema, ANSWER_APPROVED: AnswerApprovedSchema,
}
