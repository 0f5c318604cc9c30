"""Small broker helpers for tests: publish raw messages, read what landed in a queue."""
import json
import time
import uuid

from kombu import Connection, Exchange, Queue


def publish_raw(amqp_uri, exchange, routing_key, body, content_type="application/json", **properties):
    """Publish `body` (bytes/str, or a dict sent as JSON) exactly as another system might."""
    if isinstance(body, dict):
        body = json.dumps(body, ensure_ascii=False)
    with Connection(amqp_uri) as conn:
        producer = conn.Producer()
        producer.publish(body, exchange=Exchange(exchange, type="topic", durable=True), routing_key=routing_key,
                         content_type=content_type, content_encoding="utf-8", delivery_mode=2, **properties)


def bind_probe(amqp_uri, exchange, routing_key):
    """A queue of the test's own on `exchange`, to see what is published there from now on."""
    name = f"probe-{uuid.uuid4().hex[:10]}"
    with Connection(amqp_uri) as conn:
        Queue(name, exchange=Exchange(exchange, type="topic", durable=True), routing_key=routing_key,
              durable=False, auto_delete=False)(conn.channel()).declare()
    return name


def take_messages(amqp_uri, queue_name, expected, timeout=15):
    """Take (and ack) messages from `queue_name` until `expected` arrived or `timeout` passed."""
    taken = []
    deadline = time.monotonic() + timeout
    with Connection(amqp_uri) as conn:
        channel = conn.channel()
        while len(taken) < expected and time.monotonic() < deadline:
            try:
                message = channel.basic_get(queue_name, no_ack=False)
            except Exception:  # queue not declared yet
                message = None
                channel = conn.channel()
            if message is None:
                time.sleep(0.1)
                continue
            channel.basic_ack(message.delivery_tag)
            taken.append(message)
    return taken


def body_text(message):
    body = message.body
    return body.decode("utf-8") if isinstance(body, bytes) else body


def queue_depth(amqp_uri, queue_name):
    with Connection(amqp_uri) as conn:
        channel = conn.channel()
        _, count, _ = channel.queue_declare(queue_name, passive=True)
        return count


def wait_until(predicate, timeout=15, interval=0.1):
    """Poll `predicate` until it returns something truthy; return that, or the last value."""
    deadline = time.monotonic() + timeout
    value = predicate()
    while not value and time.monotonic() < deadline:
        time.sleep(interval)
        value = predicate()
    return value
