"""Events published by `services/notify` on the `notify.events` exchange: what was told to whom, by
which channel, and whether it arrived (never the address or the message itself)."""
from marshmallow import EXCLUDE, Schema, fields

SOURCE = "notify"
EXCHANGE = "notify.events"

NOTIFICATION_DELIVERED = "notification_delivered"
NOTIFICATION_FAILED = "notification_failed"
EVENT_TYPES = (NOTIFICATION_DELIVERED, NOTIFICATION_FAILED)


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
