"""The transactional outbox and its relay (DESIGN.md §3.1).

An event is a row written in the same transaction as the change it reports. The relay publishes
rows with publisher confirms and `mandatory` routing, then marks them sent: right after the
transaction commits, and from a periodic sweep for rows a crash or a broker outage left behind.
A row is marked sent only after the broker confirmed it, so an event may be published twice (after
a crash between confirm and mark) but never lost; consumers deduplicate by `event_id` (inbox).
"""
import json
import logging

import eventlet
from kombu import Connection
from nameko.amqp.publish import Publisher, UndeliverableMessage

from . import metrics, topology

log = logging.getLogger(__name__)

SWEEP_BATCH = 200


def add(cursor, exchange, event_type, envelope):
    cursor.execute(
        "INSERT INTO outbox (event_id, exchange, event_type, envelope) VALUES (%s, %s, %s, %s) RETURNING id",
        (envelope["event_id"], exchange, event_type, json.dumps(envelope, ensure_ascii=False)))
    return cursor.fetchone()["id"]


class Relay:
    """Publishes outbox rows of one service's database."""

    def __init__(self, service_name, pool, config):
        self.service_name = service_name
        self.pool = pool
        self.amqp_uri = config["AMQP_URI"]
        self.sweep_seconds = config.get("OUTBOX_SWEEP_SECONDS")  # a service's settings; only the sweep needs it
        self.publisher = Publisher(self.amqp_uri, use_confirms=True, mandatory=True, delivery_mode=2,
                                   serializer="json")
        self._topology_declared = False

    def ping(self):
        with Connection(self.amqp_uri, connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1)

    def publish(self, ids=None):
        """Publish unsent rows (all of those in `ids`, in batches; or the oldest batch); returns how
        many were sent. Never raises: what could not be published stays in the outbox for the sweep.
        """
        ids = list(ids) if ids is not None else None
        sent = 0
        try:
            for start in range(0, len(ids), SWEEP_BATCH) if ids is not None else (0,):
                batch = ids[start:start + SWEEP_BATCH] if ids is not None else None
                done = self._publish(batch)
                sent += done
                if batch is not None and done < len(batch):
                    break  # a failure (or another relay holds them): the sweep takes over
        except Exception as exc:  # broker or database away: the sweep will try again
            log.warning("outbox publish deferred: %s", type(exc).__name__)
        return sent

    def _publish(self, ids):
        if not self._topology_declared:
            topology.declare_all(self.amqp_uri)
            self._topology_declared = True
        with self.pool.connection() as conn:
            with conn.cursor() as cur:
                cur.execute(
                    "SELECT id, exchange, event_type, envelope FROM outbox WHERE sent_at IS NULL"
                    + (" AND id = ANY(%s)" if ids is not None else "")
                    + " ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED",
                    ((list(ids), SWEEP_BATCH) if ids is not None else (SWEEP_BATCH,)))
                rows = cur.fetchall()
                sent, failed = [], None
                for row_id, exchange, event_type, envelope in rows:
                    try:
                        self._send(exchange, event_type, envelope)
                    except Exception as exc:
                        failed = (row_id, f"{type(exc).__name__}: {exc}"[:500])
                        metrics.MESSAGES_PUBLISHED.labels(self.service_name, event_type, "failed").inc()
                        break  # keep order: stop at the first failure, retry from here later
                    sent.append(row_id)
                    metrics.MESSAGES_PUBLISHED.labels(self.service_name, event_type, "ok").inc()
                if sent:
                    cur.execute("UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY(%s)",
                                (sent,))
                if failed:
                    cur.execute("UPDATE outbox SET attempts = attempts + 1, last_error = %s WHERE id = %s",
                                (failed[1], failed[0]))
            conn.commit()
        if failed:
            log.warning("outbox row %s not published: %s", failed[0], failed[1].split(":")[0])
        return len(sent)

    def _send(self, exchange, event_type, envelope):
        try:
            self.publisher.publish(
                envelope,
                exchange=topology.event_exchange(exchange),
                routing_key=event_type,
                message_id=envelope["event_id"],
                type=event_type,
                headers={"nameko.correlation_id": envelope["correlation_id"]},
                declare=[topology.event_exchange(exchange)],
                retry=False,
            )
        except UndeliverableMessage:
            raise UndeliverableMessage(f"no queue is bound for {exchange}/{event_type}") from None

    def measure_backlog(self):
        with self.pool.connection() as conn:
            with conn.cursor() as cur:
                cur.execute("SELECT count(*), extract(epoch FROM now() - min(created_at)) "
                            "FROM outbox WHERE sent_at IS NULL")
                backlog, oldest = cur.fetchone()
            conn.rollback()
        metrics.OUTBOX_BACKLOG.labels(self.service_name).set(backlog)
        metrics.OUTBOX_OLDEST_SECONDS.labels(self.service_name).set(float(oldest or 0))
        return backlog

    def measure_dead_letters(self):
        """Depth of the service's dead-letter queue, for the gauge operations alert on."""
        with Connection(self.amqp_uri, connect_timeout=3) as conn:
            _, depth, _ = topology.dead_letter_queue(self.service_name)(conn.channel()).queue_declare()
        metrics.DEAD_LETTER_DEPTH.labels(self.service_name).set(depth)
        return depth

    def purge_sent(self, keep_days=7):
        with self.pool.connection() as conn:
            with conn.cursor() as cur:
                cur.execute("DELETE FROM outbox WHERE sent_at < now() - make_interval(days => %s)", (keep_days,))
            conn.commit()

    def sweep_forever(self):
        """Publish what the immediate path left behind; keep the backlog gauges fresh."""
        rounds = 0
        while True:
            try:
                while self._publish(None) == SWEEP_BATCH:
                    pass
                self.measure_backlog()
                if rounds % 5 == 0:
                    self.measure_dead_letters()
                rounds += 1
                if rounds % 1000 == 0:
                    self.purge_sent()
            except Exception as exc:  # broker or database down: try again next round
                log.warning("outbox sweep failed: %s", type(exc).__name__)
                self._topology_declared = False
            eventlet.sleep(self.sweep_seconds)
