"""`@event_handler`: a nameko consumer that never loses a message and never stops for one.

    class IntakeService:
        @event_handler(inbound.EXCHANGE, inbound.APPLICATION_SUBMITTED, ApplicationSubmissionSchema)
        def handle_application_submitted(self, event):
            ...  # event["payload"] is already validated; raise to retry or dead-letter

The handler receives the envelope with its payload loaded through the event's contract (or left as
sent, with `payload_schema=None`, for a handler that validates it itself). What
cannot be decoded (bad JSON, a wrong content type, an oversized body) or does not fit the contract
is dead-lettered with the reason before any worker runs; a handler that raises is retried or
dead-lettered by the `FailurePolicy`. Queues are the subscriber queues of `contracts.topology`.
"""
import logging
import time
from functools import partial

from marshmallow import EXCLUDE, ValidationError
from nameko.exceptions import ContainerBeingKilled
from nameko.messaging import Consumer, QueueConsumer

from contracts import topology as contract_topology
from contracts.envelope import EnvelopeSchema

from . import metrics, settings, topology
from .correlation import CONTEXT_KEY
from .failures import FailurePolicy, describe

log = logging.getLogger(__name__)


class SafeQueueConsumer(QueueConsumer):
    """nameko's shared consumer, but a message that cannot be decoded is handed to its entrypoint
    instead of crashing the consumer thread (and with it the service)."""

    def get_consumers(self, consumer_cls, channel):
        consumers = super().get_consumers(consumer_cls, channel)
        for provider, consumer in self._consumers.items():
            consumer.on_decode_error = provider.on_decode_error
        return consumers


class ReliableEventHandler(Consumer):
    queue_consumer = SafeQueueConsumer()

    def __init__(self, exchange, event_type, payload_schema, **kwargs):
        self.exchange = exchange
        self.event_type = event_type
        self.payload_schema = payload_schema
        self.max_body_bytes = None  # the service's MAX_MESSAGE_BYTES, at set-up
        self.policy = None
        super().__init__(queue=None, **kwargs)

    def setup(self):
        service = self.container.service_name
        name = contract_topology.queue_name(service, self.exchange, self.event_type)
        self.queue = topology.event_queue(name, self.exchange, self.event_type)
        config = settings.of(self.container)
        self.max_body_bytes = config.max_message_bytes
        self.policy = FailurePolicy(service, config.amqp_uri, config.retry_delays_seconds)
        super().setup()

    def on_decode_error(self, message, exc):
        self._reject(message, exc)

    def handle_message(self, body, message):
        size = len(message.body.encode("utf-8") if isinstance(message.body, str) else message.body or b"")
        if size > self.max_body_bytes:
            return self._reject(message, ValueError(f"body of {size} bytes exceeds the limit"))
        try:
            envelope = EnvelopeSchema().load(body)
            if self.payload_schema is not None:
                envelope["payload"] = self.payload_schema(unknown=EXCLUDE).load(envelope["payload"])
        except (ValidationError, TypeError, ValueError) as exc:
            return self._reject(message, exc)
        if envelope["event_type"] != self.event_type:
            return self._reject(message, ValueError(f"unexpected event_type {envelope['event_type']!r}"))
        context = self.unpack_message_headers(message)
        context[CONTEXT_KEY] = envelope["correlation_id"]
        handle_result = partial(self.handle_result, message, time.monotonic())
        try:
            self.container.spawn_worker(self, (envelope,), {}, context_data=context,
                                        handle_result=handle_result)
        except ContainerBeingKilled:
            self.queue_consumer.requeue_message(message)

    def handle_result(self, message, started, worker_ctx, result=None, exc_info=None):
        service = self.container.service_name
        metrics.HANDLER_SECONDS.labels(service, self.event_type).observe(time.monotonic() - started)
        if exc_info is None:
            metrics.MESSAGES_CONSUMED.labels(service, self.event_type, "ok").inc()
            self.queue_consumer.ack_message(message)
            return result, exc_info
        try:
            self.policy.handle(message, self.queue.name, exc_info[1], self.event_type)
        except Exception as exc:  # could not park it anywhere: give it back to the broker
            log.error("failure policy could not run (%s); message requeued", type(exc).__name__)
            self.queue_consumer.requeue_message(message)
        else:
            self.queue_consumer.ack_message(message)
        # the failure is handled here; nameko must not treat the worker as crashed
        return None, None

    def _reject(self, message, exc):
        try:
            self.policy.dead_letter(message, self.queue.name, reason=describe(exc))
            metrics.MESSAGES_CONSUMED.labels(self.container.service_name, self.event_type, "dead_lettered").inc()
        except Exception as err:
            log.error("could not dead-letter a malformed message (%s); requeued", type(err).__name__)
            self.queue_consumer.requeue_message(message)
            return
        self.queue_consumer.ack_message(message)


class UnknownEventSink(ReliableEventHandler):
    """Dead-letters what other systems publish to `exchange` under an event type nobody consumes.

    A topic exchange drops a message no queue is bound for, silently: this queue is bound to every
    routing key (`#`), acks the copies of known event types (their own queues have them) and
    dead-letters the rest with the reason, so a sender's mistake is seen and can be replayed.
    """

    def __init__(self, exchange, known_event_types, **kwargs):
        self.known_event_types = frozenset(known_event_types)
        super().__init__(exchange, "unknown_event_type", None, **kwargs)

    def setup(self):
        super().setup()
        self.queue = topology.event_queue(self.queue.name, self.exchange, "#")

    def handle_message(self, body, message):
        routing_key = message.delivery_info.get("routing_key", "")
        if routing_key in self.known_event_types:
            self.queue_consumer.ack_message(message)
            return
        self._reject(message, UnknownEventType(f"no consumer for event type {routing_key[:100]!r} on {self.exchange}"))

    def on_decode_error(self, message, exc):
        self.handle_message(None, message)


class UnknownEventType(ValueError):
    pass


event_handler = ReliableEventHandler.decorator
unknown_event_sink = UnknownEventSink.decorator
