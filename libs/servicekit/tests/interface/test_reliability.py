"""servicekit's reliability rules on a small service, with real PostgreSQL and RabbitMQ (DESIGN.md §3)."""
import json
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import eventlet
import psycopg2
import pytest
import requests
from kombu import Connection
from prometheus_client import REGISTRY

from contracts import intake as intake_events
from contracts.envelope import make_envelope
from servicekit import deadletters, inbox
from servicekit.consumers import event_handler
from servicekit.db import Database
from servicekit.failures import TransientError
from servicekit.settings import EventServiceSettings
from servicekit.topology import event_queue
from tests.support.broker import publish_raw, wait_until

MIGRATIONS = Path(__file__).parent / "toy_migrations"
TOY_CONFIG = Path(__file__).parent / "toy_config.yml"
attempts_seen = {}


@dataclass(frozen=True)
class ToySettings(EventServiceSettings, service="toy"):
    CONFIG_FILE: ClassVar[Path] = TOY_CONFIG


class ToyService:
    """Records each event it handles; fails on demand, as a real handler might."""

    name = "toy"
    db = Database(MIGRATIONS)

    @event_handler(intake_events.EXCHANGE, intake_events.APPLICATION_RECEIVED, payload_schema=None)
    def handle_application_received(self, event):
        event_id = str(event["event_id"])
        attempts_seen[event_id] = attempts_seen.get(event_id, 0) + 1
        behaviour = event["payload"].get("behaviour")
        if behaviour == "flaky" and attempts_seen[event_id] < 3:
            raise TransientError("database briefly away")
        if behaviour == "poison":
            raise ValueError("cannot ever handle this")
        with self.db.transaction() as tx:
            if inbox.first_time(tx.cursor, "toy.application_received", event["event_id"]):
                tx.cursor.execute("INSERT INTO effects VALUES (%s, %s, %s)",
                                  (event_id, event["payload"].get("note", ""), attempts_seen[event_id]))


@pytest.fixture
def toy_db(fresh_db):
    return fresh_db("intake")


@pytest.fixture
def toy(toy_db, amqp_uri, container_factory):
    config = {"AMQP_URI": amqp_uri, "DB_URL": toy_db, "OPS_PORT": 0, "OUTBOX_SWEEP_SECONDS": 0.2,
              "RETRY_DELAYS_SECONDS": "0.2,0.2,0.2"}
    container = container_factory(ToyService, config)
    container.start()
    return container


def effects(db_url):
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT note, attempts FROM effects ORDER BY note")
            return cur.fetchall()
    finally:
        conn.close()


def send(amqp_uri, payload, event=None):
    event = event or make_envelope(intake_events.APPLICATION_RECEIVED, payload, "corr-toy")
    publish_raw(amqp_uri, intake_events.EXCHANGE, intake_events.APPLICATION_RECEIVED, event)
    return event


def consumed(outcome):
    return REGISTRY.get_sample_value("messages_consumed_total", {
        "service": "toy", "event_type": intake_events.APPLICATION_RECEIVED, "outcome": outcome}) or 0


def test_a_transient_failure_is_retried_with_backoff_and_takes_effect_once(toy, amqp_uri, toy_db):
    retried_before = consumed("retried")
    send(amqp_uri, {"behaviour": "flaky", "note": "flaky"})
    assert wait_until(lambda: effects(toy_db) == [("flaky", 3)])
    assert consumed("retried") - retried_before == 2
    assert deadletters.list_dead_letters(amqp_uri, "toy") == []


def test_a_poison_message_is_dead_lettered_and_the_next_one_still_handled(toy, amqp_uri, toy_db):
    send(amqp_uri, {"behaviour": "poison", "note": "poison"})
    send(amqp_uri, {"note": "after"})
    assert wait_until(lambda: effects(toy_db) == [("after", 1)])
    [letter] = wait_until(lambda: deadletters.list_dead_letters(amqp_uri, "toy"))
    assert letter["error"] == "ValueError: cannot ever handle this"
    assert wait_until(lambda: REGISTRY.get_sample_value("dead_letter_queue_depth", {"service": "toy"}) == 1)
    assert letter["original_queue"] == "toy.intake.application_received"


def test_a_redelivered_event_takes_effect_once(toy, amqp_uri, toy_db):
    event = send(amqp_uri, {"note": "twice"})
    send(amqp_uri, None, event=event)
    send(amqp_uri, {"note": "other"})
    assert wait_until(lambda: len(effects(toy_db)) == 2)
    eventlet.sleep(0.5)
    assert [note for note, _ in effects(toy_db)] == ["other", "twice"]


def test_an_outbox_row_left_behind_by_a_crash_is_published_by_the_sweep(toy, amqp_uri, toy_db):
    queue = event_queue("probe.intake.application_received", intake_events.EXCHANGE,
                        intake_events.APPLICATION_RECEIVED)
    with Connection(amqp_uri) as conn:
        queue(conn.channel()).declare()
    envelope = make_envelope(intake_events.APPLICATION_RECEIVED, {"note": "from the sweep"}, "corr-sweep")
    conn = psycopg2.connect(toy_db)
    with conn, conn.cursor() as cur:  # committed, never published: as if the process died right here
        cur.execute("INSERT INTO outbox (event_id, exchange, event_type, envelope) VALUES (%s, %s, %s, %s)",
                    (envelope["event_id"], intake_events.EXCHANGE, intake_events.APPLICATION_RECEIVED,
                     json.dumps(envelope)))
    conn.close()
    assert wait_until(lambda: ("from the sweep", 1) in effects(toy_db))

    def unsent():
        conn = psycopg2.connect(toy_db)
        with conn, conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
            return cur.fetchone()[0]
    assert wait_until(lambda: unsent() == 0)


def test_a_service_refuses_to_start_when_psycopg2_would_block(toy_db, amqp_uri):
    script = textwrap.dedent(f"""
        from dataclasses import dataclass
        from pathlib import Path
        from typing import ClassVar

        from nameko.containers import ServiceContainer
        from servicekit.db import Database
        from servicekit.green import NotGreenError
        from servicekit.settings import ServiceSettings

        @dataclass(frozen=True)
        class BlockingSettings(ServiceSettings, service="blocking"):
            CONFIG_FILE: ClassVar[Path] = Path("{TOY_CONFIG}")

        class Blocking:
            name = "blocking"
            db = Database("{MIGRATIONS}")

        try:
            ServiceContainer(Blocking, {{"AMQP_URI": "{amqp_uri}", "DB_URL": "{toy_db}"}}).start()
        except NotGreenError as exc:
            print("refused:", exc)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert "refused: eventlet has not monkey-patched" in result.stdout, result.stderr[-2000:]


def test_ops_port_serves_readiness_and_metrics(toy_db, amqp_uri, container_factory):
    port = _free_port()
    container = container_factory(ToyService, {"AMQP_URI": amqp_uri, "DB_URL": toy_db, "OPS_PORT": port})
    container.start()
    ready = requests.get(f"http://127.0.0.1:{port}/health/ready", timeout=5)
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "broker": "ok"}
    assert requests.get(f"http://127.0.0.1:{port}/health/live", timeout=5).json() == {"status": "ok"}
    assert "outbox_backlog" in requests.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


