"""Inspect, replay and purge a service's dead letters (DESIGN.md §3.3).

A dead letter keeps its raw body and the headers `x-error`, `x-original-queue`, `x-attempts` and
`x-failed-at`. Replaying sends it back to its original queue with the attempt count reset;
it is then processed once, because consumers deduplicate by event id.
"""
from kombu import Connection

from .failures import ATTEMPTS_HEADER
from .topology import dead_letter_queue

_META = ("x-error", "x-original-queue", "x-original-exchange", "x-original-routing-key",
         "x-failed-at", ATTEMPTS_HEADER)


def _raw(message):
    body = message.body or b""
    return body.encode("utf-8") if isinstance(body, str) else body


def _summary(message):
    headers = message.headers or {}
    return {
        "message_id": message.properties.get("message_id"),
        "error": headers.get("x-error"),
        "original_queue": headers.get("x-original-queue"),
        "attempts": headers.get(ATTEMPTS_HEADER),
        "failed_at": headers.get("x-failed-at"),
        "content_type": message.content_type,
        "size": len(_raw(message)),
        "body_preview": _raw(message)[:200].decode("utf-8", "replace"),
    }


def _drain(amqp_uri, service, visit):
    """Call `visit(message)` for every dead letter once; it returns True to take the message away."""
    queue = dead_letter_queue(service)
    taken = 0
    with Connection(amqp_uri) as conn:
        channel = conn.channel()
        bound = queue(channel)
        bound.declare()
        held = []
        while True:
            message = bound.get(no_ack=False)
            if message is None:
                break
            if visit(message):
                message.ack()
                taken += 1
            else:
                held.append(message)
        for message in held:  # give back what we only looked at, in order
            message.requeue()
        channel.close()
    return taken


def list_dead_letters(amqp_uri, service):
    found = []
    _drain(amqp_uri, service, lambda m: found.append(_summary(m)) and False)
    return found


def replay(amqp_uri, service, message_id=None):
    """Send dead letters (all, or the one with `message_id`) back to their queues; returns the count."""
    with Connection(amqp_uri) as publish_conn:
        producer = publish_conn.Producer()

        def send_back(message):
            if message_id is not None and message.properties.get("message_id") != message_id:
                return False
            headers = {k: v for k, v in (message.headers or {}).items() if k not in _META}
            producer.publish(
                message.body, exchange="", routing_key=message.headers["x-original-queue"],
                headers=headers, content_type=message.content_type, content_encoding=message.content_encoding,
                message_id=message.properties.get("message_id"), type=message.properties.get("type"),
                delivery_mode=2)
            return True

        return _drain(amqp_uri, service, send_back)


def purge(amqp_uri, service, message_id=None):
    return _drain(amqp_uri, service,
                  lambda m: message_id is None or m.properties.get("message_id") == message_id)
