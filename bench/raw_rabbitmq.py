"""Raw RabbitMQ: persistent messages through one durable queue, end to end.

A publisher (this thread) sends with publisher confirms while a consumer thread, on its own
connection, takes them with manual acks. The figure is messages/s from the first publish to the
last ack: the most this broker moves durably, one message at a time, on this machine.
"""
import functools
import threading
import time
import uuid

import pika

from . import confirms
from .stats import rate

PREFETCH = 200


def measure(amqp_uri, messages, seconds, queue_type, batch):
    """End-to-end messages/s with a confirm wait per message, then with confirms waited per batch."""
    each = _end_to_end(amqp_uri, messages, seconds, queue_type, confirms.publish_confirm_each)
    batched = _end_to_end(amqp_uri, messages, seconds, queue_type,
                          functools.partial(confirms.publish_confirm_batched, batch=batch))
    return {"queue_type": queue_type, "per_message_confirm": each,
            "batched_confirm": {**batched, "batch": batch}}


def _end_to_end(amqp_uri, messages, seconds, queue_type, publish):
    queue = f"bench.raw.{uuid.uuid4().hex[:8]}"
    _declare(amqp_uri, queue, queue_type)
    try:
        deadline = time.monotonic() + seconds
        consumer = Consumer(amqp_uri, queue, messages, deadline + 10)
        consumer.start()
        if not consumer.ready.wait(15):
            raise RuntimeError("the consumer did not start")
        if consumer.error:
            raise RuntimeError(f"consumer failed: {consumer.error}")
        started = time.perf_counter()
        published = publish(amqp_uri, queue, messages, deadline)
        publish_seconds = time.perf_counter() - started
        consumer.expected = published  # a run cut short by the deadline waits only for what was sent
        consumer.join(timeout=seconds + 20)
        if consumer.error:
            raise RuntimeError(f"consumer failed: {consumer.error}")
        elapsed = (consumer.last_ack_at or time.perf_counter()) - started
        return {"published": published, "consumed": consumer.received, "seconds": round(elapsed, 3),
                "publish_per_s": round(rate(published, publish_seconds), 1),
                "messages_per_s": round(rate(consumer.received, elapsed), 1)}
    finally:
        _delete(amqp_uri, queue)


def _declare(amqp_uri, queue, queue_type):
    conn = pika.BlockingConnection(pika.URLParameters(amqp_uri))
    try:
        conn.channel().queue_declare(queue, durable=True, arguments={"x-queue-type": queue_type})
    finally:
        conn.close()


def _delete(amqp_uri, queue):
    try:
        conn = pika.BlockingConnection(pika.URLParameters(amqp_uri))
    except pika.exceptions.AMQPError:
        return  # the vhost goes anyway when the run ends
    try:
        conn.channel().queue_delete(queue)
    finally:
        conn.close()


class Consumer(threading.Thread):
    """Consumes `expected` messages from `queue` with a manual ack each, or stops at `deadline`."""

    def __init__(self, amqp_uri, queue, expected, deadline):
        super().__init__(daemon=True)
        self.amqp_uri, self.queue, self.expected, self.deadline = amqp_uri, queue, expected, deadline
        self.ready = threading.Event()
        self.received = 0
        self.last_ack_at = None
        self.error = None

    def run(self):
        try:
            conn = pika.BlockingConnection(pika.URLParameters(self.amqp_uri))
            try:
                channel = conn.channel()
                channel.basic_qos(prefetch_count=PREFETCH)
                channel.basic_consume(self.queue, self._on_message, auto_ack=False)
                self.ready.set()
                while self.received < self.expected and time.monotonic() < self.deadline:
                    conn.process_data_events(time_limit=0.1)
            finally:
                conn.close()
        except Exception as exc:  # reported by the thread that started this one
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self.ready.set()

    def _on_message(self, channel, method, _properties, _body):
        channel.basic_ack(method.delivery_tag)
        self.received += 1
        self.last_ack_at = time.perf_counter()
