"""Two ways to publish persistent messages with publisher confirms (DESIGN.md §8, the confirm trap).

`publish_confirm_each` waits for the broker's confirm of every message before sending the next,
which is what the outbox relay does (nameko's `Publisher(use_confirms=True)`): one round trip and
one broker-side flush per message. `publish_confirm_batched` sends a batch and then waits for all
its confirms, so the broker flushes many messages at once.
"""
import time

import pika
import pika.spec

BODY = ('{"event_type": "application_received", "payload": {"tracking_number": "GZM-2026-000123", '
        '"subject": "Çöp toplanmıyor", "body": "Sokağımızda üç gündür çöp alınmadı."}}').encode()
PROPERTIES = pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent, content_type="application/json")


def publish_confirm_each(amqp_uri, queue, count, deadline):
    """Publish up to `count` messages, each waiting for its confirm; stops at `deadline` (monotonic).
    Returns how many the broker confirmed."""
    conn = pika.BlockingConnection(pika.URLParameters(amqp_uri))
    try:
        channel = conn.channel()
        channel.confirm_delivery()
        sent = 0
        for _ in range(count):
            if time.monotonic() > deadline:
                break
            channel.basic_publish("", queue, BODY, PROPERTIES, mandatory=True)  # returns once confirmed
            sent += 1
        return sent
    finally:
        conn.close()


def publish_confirm_batched(amqp_uri, queue, count, deadline, batch=100):
    """Publish up to `count` messages in batches of `batch`, waiting for all confirms of a batch before
    sending the next; stops at `deadline` (monotonic). Returns how many the broker confirmed."""
    return _BatchPublisher(amqp_uri, queue, count, deadline, batch).run()


class _BatchPublisher:
    """pika's blocking adapter waits per message once confirms are on, so batches use its async one."""

    def __init__(self, amqp_uri, queue, count, deadline, batch):
        self.params = pika.URLParameters(amqp_uri)
        self.queue, self.count, self.deadline, self.batch = queue, count, deadline, batch
        self.conn = self.channel = self.error = None
        self.sent = self.confirmed = 0
        self.unconfirmed = set()

    def run(self):
        self.conn = pika.SelectConnection(self.params, on_open_callback=self._on_open,
                                          on_open_error_callback=self._on_failure,
                                          on_close_callback=lambda _conn, _reason: self.conn.ioloop.stop())
        self.conn.ioloop.call_later(max(0.1, self.deadline - time.monotonic()) + 5, self._give_up)
        self.conn.ioloop.start()
        if self.error is not None:
            raise RuntimeError(f"batched publish failed: {self.error}")
        return self.confirmed

    def _on_open(self, conn):
        conn.channel(on_open_callback=self._on_channel)

    def _on_failure(self, _conn, error):
        self.error = error
        self.conn.ioloop.stop()

    def _on_channel(self, channel):
        self.channel = channel
        channel.confirm_delivery(ack_nack_callback=self._on_confirm, callback=lambda _frame: self._next_batch())

    def _next_batch(self):
        size = min(self.batch, self.count - self.sent)
        if size <= 0 or time.monotonic() > self.deadline:
            self._finish()
            return
        for _ in range(size):
            self.channel.basic_publish("", self.queue, BODY, PROPERTIES, mandatory=True)
            self.sent += 1
            self.unconfirmed.add(self.sent)  # delivery tags count from 1 on a confirming channel

    def _on_confirm(self, frame):
        method = frame.method
        tags = {t for t in self.unconfirmed if t <= method.delivery_tag} if method.multiple else {method.delivery_tag}
        self.unconfirmed -= tags
        if isinstance(method, pika.spec.Basic.Nack):
            self.error = f"broker refused {len(tags)} message(s)"
            self._finish()
            return
        self.confirmed += len(tags)
        if not self.unconfirmed:
            self._next_batch()

    def _give_up(self):
        self.error = self.error or "timed out waiting for confirms"
        self._finish()

    def _finish(self):
        if self.conn.is_open:
            self.conn.close()
        elif not self.conn.is_closing:
            self.conn.ioloop.stop()
