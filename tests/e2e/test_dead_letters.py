"""Poison on the inbound exchange is dead-lettered with its reason while good messages go on being
handled; operations see, inspect, replay and purge dead letters through the gateway (scenario 6)."""
import psycopg2
import pytest

from contracts import inbound
from contracts.envelope import make_envelope
from contracts.samples import load_samples
from tests.support.broker import publish_raw, wait_until

from .conftest import staff

pytestmark = pytest.mark.e2e

SAMPLE = load_samples()[("ebelediye", inbound.APPLICATION_SUBMITTED)]


def envelope(**changes):
    return make_envelope(inbound.APPLICATION_SUBMITTED, dict(SAMPLE["payload"], **changes), "corr-poison")


def publish(system, body, routing_key=inbound.APPLICATION_SUBMITTED, **kwargs):
    publish_raw(system.amqp_uri, inbound.EXCHANGE, routing_key, body, **kwargs)


def intake_letters(ops):
    return ops.get("/api/v1/ops/dead-letters/intake").json()["dead_letters"]


def test_poison_is_dead_lettered_with_its_reason_and_ops_handle_it_through_the_gateway(system, cimer):
    ops = staff(system, "ops")
    publish(system, "{bu json değil", content_type="application/json")                       # invalid JSON
    publish(system, {"event_id": "x", "payload": {}})                                        # wrong schema
    publish(system, envelope(source_reference="EB-POISON-BIG", body="ş" * 3_000_000))        # 6 MB, over the 2 MB set here
    publish(system, "ham metin", content_type="text/plain")                                  # wrong content type
    publish(system, envelope(source_reference="EB-POISON-UNKNOWN"), routing_key="application_withdrawn")
    publish(system, envelope(source_reference="EB-POISON-ATLANTIS", neighbourhood="Atlantis"))  # fixable
    publish(system, envelope(source_reference="EB-POISON-GOOD"))                              # and life goes on

    good = wait_until(lambda: (lambda r: r if r.status_code == 200 else None)(
        cimer.post("/api/v1/applications", dict(SAMPLE["payload"], source_reference="EB-POISON-GOOD"))))
    assert good, "the good message after the poison was not handled"
    letters = wait_until(lambda: (lambda found: found if len(found) == 6 else None)(intake_letters(ops)), timeout=30)
    assert letters, f"six dead letters expected, found {intake_letters(ops)}"
    reasons = " | ".join(letter["error"] for letter in letters)
    for expected in ("DecodeError", "event_type", "exceeds the limit", "UnknownEventType", "neighbourhood"):
        assert expected in reasons
    counts = {row["service"]: row["count"] for row in ops.get("/api/v1/ops/dead-letters").json()["services"]}
    assert counts["intake"] == 6 and counts["routing"] == 0

    atlantis = next(letter for letter in letters if "neighbourhood" in letter["error"])
    shown = ops.get(f"/api/v1/ops/dead-letters/intake/{atlantis['id']}").json()
    assert "EB-POISON-ATLANTIS" in shown["body"] and shown["headers"]["x-original-queue"] == atlantis["original_queue"]
    # the cause was ours: a neighbourhood the seed did not know; operations add it and replay
    with psycopg2.connect(system.intake_db) as conn, conn.cursor() as cur:
        cur.execute("INSERT INTO neighbourhoods (name, folded) VALUES ('Atlantis', 'atlantis')")
    assert ops.post("/api/v1/ops/dead-letters/intake/replay", {"id": atlantis["id"]}).json()["replayed"] == 1
    stored = wait_until(lambda: (lambda r: r if r.status_code == 200 else None)(
        cimer.post("/api/v1/applications", dict(SAMPLE["payload"], source_reference="EB-POISON-ATLANTIS",
                                                neighbourhood="Atlantis"))))
    assert stored and stored.json()["status"] == "received"

    refused = ops.post("/api/v1/ops/dead-letters/intake/purge", {})
    assert refused.status_code == 422  # purging everything must be asked for by name
    assert ops.post("/api/v1/ops/dead-letters/intake/purge", {"all": True}).json()["purged"] == 5
    assert intake_letters(ops) == []
    assert ops.get("/api/v1/ops/dead-letters/nothing").status_code == 404
    assert staff(system, "pr").get("/api/v1/ops/dead-letters").status_code == 403
