"""List, inspect, replay and purge a service's dead letters (DESIGN.md §3.3).

A dead letter keeps its raw body and the headers `x-dead-letter-id` (its name here), `x-error`,
`x-original-queue`, `x-attempts` and `x-failed-at`. Replaying sends it back to its original queue with
the attempt count reset; it is then processed once, because consumers deduplicate by event id.
"""
import base64

from kombu import Connection

from .failures import ATTEMPTS_HEADER, LETTER_ID_HEADER
from .topology import dead_letter_queue

_META = ("x-error", "x-original-queue", "x-original-exchange", "x-original-routing-key",
         "x-failed-at", ATTEMPTS_HEADER, LETTER_ID_HEADER)


def _raw(message):
    body = message.body or b""
    return body.encode("utf-8") if isinstance(body, str) else body


def letter_id(message):
    """The dead letter's own id (a message dead-lettered before ids were given: its message_id)."""
    return (message.headers or {}).get(LETTER_ID_HEADER) or message.properties.get("message_id")


def _summary(message):
    headers = message.headers or {}
    return {
        "id": letter_id(message),
        "message_id": message.properties.get("message_id"),
        "error": headers.get("x-error"),
        "original_queue": headers.get("x-original-queue"),
        "original_routing_key": headers.get("x-original-routing-key"),
        "attempts": headers.get(ATTEMPTS_HEADER),
        "failed_at": headers.get("x-failed-at"),
        "content_type": message.content_type,
        "size": len(_raw(message)),
    }


def _details(message):
    raw = _raw(message)
    try:
        body, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        body, encoding = base64.b64encode(raw).decode(), "base64"
    headers = {k: (v if isinstance(v, (str, int, float, bool)) or v is None else str(v))
               for k, v in (message.headers or {}).items()}
    return {**_summary(message), "headers": headers, "body": body, "body_encoding": encoding}


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


def _chosen(wanted):
    return lambda message: wanted is None or letter_id(message) == wanted


def list_dead_letters(amqp_uri, service, limit=None):
    """Summaries (no body) of the service's dead letters, oldest first."""
    found = []
    _drain(amqp_uri, service, lambda m: (limit is None or len(found) < limit) and found.append(_summary(m)) and False)
    return found


def inspect(amqp_uri, service, wanted):
    """One dead letter in full: headers and body (UTF-8 text, else base64); None if there is none."""
    found = []
    _drain(amqp_uri, service, lambda m: letter_id(m) == wanted and found.append(_details(m)) and False)
    return found[0] if found else None


def replay(amqp_uri, service, wanted=None):
    """Send dead letters (all, or the one named `wanted`) back to their queues; returns the count."""
    chosen = _chosen(wanted)
    with Connection(amqp_uri) as publish_conn:
        producer = publish_conn.Producer()

        def send_back(message):
            if not chosen(message):
                return False
            headers = {k: v for k, v in (message.headers or {}).items() if k not in _META}
            producer.publish(
                message.body, exchange="", routing_key=message.headers["x-original-queue"],
                headers=headers, content_type=message.content_type, content_encoding=message.content_encoding,
                message_id=message.properties.get("message_id"), type=message.properties.get("type"),
                delivery_mode=2)
            return True

        return _drain(amqp_uri, service, send_back)


def purge(amqp_uri, service, wanted=None):
    """Delete dead letters (all, or the one named `wanted`); returns the count."""
    return _drain(amqp_uri, service, _chosen(wanted))
