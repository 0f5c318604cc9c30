"""The envelope every event travels in (DESIGN.md §2)."""
import uuid
from datetime import datetime, timezone

from marshmallow import EXCLUDE, Schema, fields, validate

ENVELOPE_VERSION = 1


class EnvelopeSchema(Schema):
    """`{event_id, event_type, occurred_at, version, correlation_id, payload}`.

    `payload` is validated separately by the schema of its event type.
    """

    class Meta:
        unknown = EXCLUDE

    event_id = fields.UUID(required=True)
    event_type = fields.String(required=True, validate=validate.Length(min=1, max=100))
    occurred_at = fields.AwareDateTime(required=True, default_timezone=timezone.utc)
    version = fields.Integer(required=True, validate=validate.Range(min=1))
    correlation_id = fields.String(required=True, validate=validate.Length(min=1, max=100))
    payload = fields.Dict(required=True)


def make_envelope(event_type, payload, correlation_id, version=ENVELOPE_VERSION):
    """A new envelope as a JSON-ready dict; `payload` must already be dumped by its schema."""
    return EnvelopeSchema().dump({
        "event_id": uuid.uuid4(),
        "event_type": event_type,
        "occurred_at": datetime.now(timezone.utc),
        "version": version,
        "correlation_id": str(correlation_id),
        "payload": payload,
    })
