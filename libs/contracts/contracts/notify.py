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
# the payload dumped through its event's own schema limited to the fields listed below, so only those
# ever go out. Never a secret
# (the applicant's lookup code), never personal data or free text someone wrote (subjects, reasons, answer
# texts, names of staff, file names). Events about an application go only to the API client that submitted
# it (`submitted_by` of `application_received` / `application_not_processed`); to nobody else.
_CASE = ("application_id", "tracking_number", "case_id")
# event type -> the fields of its own payload that go out; the types are the event's own schema's
WEBHOOK_FIELDS = {
    intake.APPLICATION_RECEIVED: ("application_id", "tracking_number", "channel", "type", "category", "received_at",
                                  "source_system", "source_reference", "attachment_count"),
    intake.APPLICATION_NOT_PROCESSED: ("application_id", "tracking_number", "channel", "type", "received_at",
                                       "reasons.code", "reasons.article"),
    routing.CASE_OPENED: (*_CASE, "directorate", "state", "legal_due_on", "deadline_rule"),
    routing.CASE_ASSIGNED: (*_CASE, "directorate"),
    routing.CASE_TRANSFERRED: (*_CASE, "from_directorate", "to_directorate"),
    routing.CASE_FORWARDED: (*_CASE, "institution"),
    routing.DEADLINE_EXTENDED: (*_CASE, "legal_due_on"),
    routing.DEADLINE_WARNING: (*_CASE, "directorate", "legal_due_on", "working_days_left"),
    routing.DEADLINE_ESCALATED: (*_CASE, "directorate", "level"),
    routing.DEADLINE_BREACHED: (*_CASE, "directorate", "legal_due_on"),
    routing.ANSWER_APPROVED: (*_CASE, "outcome", "interim", "exemption_article", "directorate"),
    routing.FEE_NOTIFIED: (*_CASE, "fee_amount", "paused_on"),
}


def webhook_schema(event_type):
    """The schema a subscriber's payload of `event_type` is dumped through: the event's own schema, limited
    to the fields `WEBHOOK_FIELDS` lists (marshmallow refuses a listed field the event does not have)."""
    owner = intake if event_type in intake.EVENT_TYPES else routing
    return owner.PAYLOAD_SCHEMAS[event_type](only=WEBHOOK_FIELDS[event_type])
