"""Events published by `services/notify` on the `notify.events` exchange: what was told to whom, by
which channel, and whether it arrived (never the address or the message itself)."""
from marshmallow import EXCLUDE, Schema, fields

from . import intake, routing

SOURCE = "notify"
EXCHANGE = "notify.events"

NOTIFICATION_DELIVERED = "notification_delivered"
NOTIFICATION_FAILED = "notification_failed"
EVENT_TYPES = (NOTIFICATION_DELIVERED, NOTIFICATION_FAILED)

# An outcome's `kind` says what the message was. A message about an application that was not processed
# (işleme konulmaz: the applicant's notice, or a webhook of that event) belongs to no case, ever; any other
# message about an application belongs to its case, even when the consumer has not opened that case yet.
NOT_PROCESSED_NOTICE = "not_processed"
KINDS_WITHOUT_CASE = (NOT_PROCESSED_NOTICE, intake.APPLICATION_NOT_PROCESSED)


class _Outcome(Schema):
    class Meta:
        unknown = EXCLUDE

    notification_id = fields.UUID(required=True)
    kind = fields.String(required=True)
    channel = fields.String(required=True)
    application_id = fields.UUID(allow_none=True)
    case_id = fields.UUID(allow_none=True)
    tracking_number = fields.String(allow_none=True)
    attempts = fields.Integer(required=True)


class NotificationDeliveredSchema(_Outcome):
    """The message was accepted by the channel (the SMTP server, the SMS provider, the webhook)."""

    delivered_at = fields.AwareDateTime(required=True)


class NotificationFailedSchema(_Outcome):
    """The message could not be delivered: a permanent refusal, or retries ran out."""

    reason = fields.String(required=True)


PAYLOAD_SCHEMAS = {NOTIFICATION_DELIVERED: NotificationDeliveredSchema, NOTIFICATION_FAILED: NotificationFailedSchema}


# -- webhooks -----------------------------------------------------------------------------------------
# What another system receives when it subscribes to an event (`POST /api/v1/webhooks`): the envelope with
# the payload dumped through the schema below, so only the fields listed here ever go out. Never a secret
# (the applicant's lookup code), never personal data or free text someone wrote (subjects, reasons, answer
# texts, names of staff, file names). Events about an application go only to the API client that submitted
# it (`submitted_by` of `application_received` / `application_not_processed`); to nobody else.


class _WebhookPayload(Schema):
    class Meta:
        ordered = True

    application_id = fields.UUID(required=True)
    tracking_number = fields.String(required=True)


class _WebhookCase(_WebhookPayload):
    case_id = fields.UUID(required=True)


class WebhookApplicationReceivedSchema(_WebhookPayload):
    channel = fields.String(required=True)
    type = fields.String(required=True)
    category = fields.String(required=True)
    received_at = fields.AwareDateTime(required=True)
    source_system = fields.String(allow_none=True)
    source_reference = fields.String(allow_none=True)
    attachment_count = fields.Integer(required=True)


class WebhookDefectSchema(Schema):
    code = fields.String(required=True)
    article = fields.String(required=True)


class WebhookApplicationNotProcessedSchema(_WebhookPayload):
    channel = fields.String(required=True)
    type = fields.String(required=True)
    received_at = fields.AwareDateTime(required=True)
    reasons = fields.List(fields.Nested(WebhookDefectSchema), required=True)


class WebhookCaseOpenedSchema(_WebhookCase):
    directorate = fields.String(allow_none=True)
    state = fields.String(required=True)
    legal_due_on = fields.Date(allow_none=True)
    deadline_rule = fields.String(required=True)


class WebhookCaseAssignedSchema(_WebhookCase):
    directorate = fields.String(required=True)


class WebhookCaseTransferredSchema(_WebhookCase):
    from_directorate = fields.String(required=True)
    to_directorate = fields.String(required=True)


class WebhookCaseForwardedSchema(_WebhookCase):
    institution = fields.String(required=True)


class WebhookDeadlineExtendedSchema(_WebhookCase):
    legal_due_on = fields.Date(required=True)


class WebhookDeadlineWarningSchema(_WebhookCase):
    directorate = fields.String(allow_none=True)
    legal_due_on = fields.Date(required=True)
    working_days_left = fields.Integer(required=True)


class WebhookDeadlineEscalatedSchema(_WebhookCase):
    directorate = fields.String(allow_none=True)
    level = fields.Integer(required=True)


class WebhookDeadlineBreachedSchema(_WebhookCase):
    directorate = fields.String(allow_none=True)
    legal_due_on = fields.Date(required=True)


class WebhookAnswerApprovedSchema(_WebhookCase):
    outcome = fields.String(required=True)
    interim = fields.Boolean(required=True)
    exemption_article = fields.String(allow_none=True)
    directorate = fields.String(allow_none=True)


class WebhookFeeNotifiedSchema(_WebhookCase):
    fee_amount = fields.String(required=True)
    paused_on = fields.Date(required=True)


WEBHOOK_PAYLOAD_SCHEMAS = {
    intake.APPLICATION_RECEIVED: WebhookApplicationReceivedSchema,
    intake.APPLICATION_NOT_PROCESSED: WebhookApplicationNotProcessedSchema,
    routing.CASE_OPENED: WebhookCaseOpenedSchema,
    routing.CASE_ASSIGNED: WebhookCaseAssignedSchema,
    routing.CASE_TRANSFERRED: WebhookCaseTransferredSchema,
    routing.CASE_FORWARDED: WebhookCaseForwardedSchema,
    routing.DEADLINE_EXTENDED: WebhookDeadlineExtendedSchema,
    routing.DEADLINE_WARNING: WebhookDeadlineWarningSchema,
    routing.DEADLINE_ESCALATED: WebhookDeadlineEscalatedSchema,
    routing.DEADLINE_BREACHED: WebhookDeadlineBreachedSchema,
    routing.ANSWER_APPROVED: WebhookAnswerApprovedSchema,
    routing.FEE_NOTIFIED: WebhookFeeNotifiedSchema,
}
