"""After the load: how long until intake's outbox has nothing unsent, and where the events went.

Every accepted application writes one outbox row in its transaction; the relay publishes it to
RabbitMQ and marks it sent. An empty backlog, and as many messages in each subscriber queue as
applications accepted, show that nothing was left behind.
"""
import time

import pika
import psycopg2

from contracts import intake as intake_events
from contracts import topology


def wait_until_drained(db_url, seconds):
    """Polls `outbox` until no row is unsent or `seconds` pass; returns the seconds it took (None if
    it never drained), what is still unsent, and how many rows there are."""
    conn = psycopg2.connect(db_url, connect_timeout=10)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            started = time.monotonic()
            while True:
                cur.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
                unsent = cur.fetchone()[0]
                waited = time.monotonic() - started
                if unsent == 0 or waited > seconds:
                    break
                time.sleep(0.1)
            cur.execute("SELECT count(*) FROM outbox")
            total = cur.fetchone()[0]
    finally:
        conn.close()
    return {"drained_after_s": round(waited, 2) if unsent == 0 else None, "unsent": unsent, "rows": total}


def subscriber_queue_depths(amqp_uri):
    """Messages waiting in each queue bound to intake's events (nothing consumes them in the bench)."""
    depths = {}
    conn = pika.BlockingConnection(pika.URLParameters(amqp_uri))
    try:
        for exchange, _event_type, queue in topology.bindings():
            if exchange != intake_events.EXCHANGE:
                continue
            channel = conn.channel()
            try:
                depths[queue] = channel.queue_declare(queue, passive=True).method.message_count
            except pika.exceptions.ChannelClosedByBroker:
                depths[queue] = None  # not declared: the relay never published
            else:
                channel.close()
    finally:
        conn.close()
    return depths
