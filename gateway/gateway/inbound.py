"""`POST /api/v1/inbound/events`: other systems post the same envelopes the `ebelediye.inbound`
exchange takes; the gateway validates them with the same contracts and publishes them there."""
from marshmallow import ValidationError
from nameko.amqp.publish import Publisher, UndeliverableMessage

from contracts import inbound
from contracts.envelope import EnvelopeSchema
from servicekit import topology

from .errors import UpstreamUnavailable, ValidationFailed


def validate_event(body):
    """The envelope and its payload, checked against the contracts; `ValidationFailed` with field errors."""
    try:
        envelope = EnvelopeSchema().load(body)
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.messages) from None
    schema = inbound.PAYLOAD_SCHEMAS.get(envelope["event_type"])
    if schema is None:
        raise ValidationFailed(errors={"event_type": [f"Bilinmeyen olay türü. Geçerli: {', '.join(inbound.EVENT_TYPES)}."]})
    try:
        schema().load(body["payload"])
    except ValidationError as exc:
        raise ValidationFailed(errors={"payload": exc.messages}) from None
    return envelope


_declared = set()


def publish_event(amqp_uri, body, event_type, client_id):
    """Publish with a confirm into a bound, durable queue: once this returns the event is stored."""
    if amqp_uri not in _declared:  # the consumers' queues exist before the first event is sent
        topology.declare_all(amqp_uri)
        _declared.add(amqp_uri)
    exchange = topology.event_exchange(inbound.EXCHANGE)
    try:
        Publisher(amqp_uri, use_confirms=True, mandatory=True, delivery_mode=2, serializer="json").publish(
            body, exchange=exchange, routing_key=event_type, declare=[exchange], message_id=body["event_id"],
            type=event_type, headers={"nameko.correlation_id": body["correlation_id"], "x-client-id": client_id},
            retry=True, retry_policy={"max_retries": 3})
    except UndeliverableMessage:
        raise UpstreamUnavailable("Olay kuyruğu hazır değil.") from None
