"""Another system subscribes through the gateway and receives events, signed (issue 5)."""
import json

import pytest

from notify.webhooks import signature
from tests.support.broker import wait_until
from tests.support.peers import WebhookReceiver

pytestmark = pytest.mark.e2e


def test_a_system_subscribes_receives_a_signed_event_and_reads_its_delivery_log(system, portal, cimer, tmp_path):
    receiver = WebhookReceiver(tmp_path / "hooks")
    receiver.start()
    try:
        created = portal.post("/api/v1/webhooks", {"url": receiver.url,
                                                   "event_types": ["application_received", "case_opened"]})
        assert created.status_code == 201, created.text
        subscription = created.json()
        assert portal.get("/api/v1/webhooks").json()["subscriptions"][0]["id"] == subscription["id"]
        bench = {"channel": "cimer", "type": "sikayet", "category": "park", "subject": "Ali Kaya 0532 000 11 22: bank",
                 "body": "Parktaki bank kırık.", "applicant": {"full_name": "Ali Kaya", "email": "ali@example.org"}}
        # another system's application: the portal must hear nothing of it, not even its lookup code
        theirs = cimer.post("/api/v1/applications", bench).json()
        own = portal.post("/api/v1/applications", dict(bench, body="Parktaki iki bank kırık.")).json()
        got = wait_until(lambda: (lambda mine: mine if len(mine) == 2 else None)(
            [(h, b) for h, b in receiver.received()
             if json.loads(b)["payload"]["tracking_number"] == own["tracking_number"]]), timeout=20)
        assert got, "the subscribed system got no event of its own application"
        assert {h["X-Event-Type"] for h, _ in got} == {"application_received", "case_opened"}
        headers, body = got[0]
        assert headers["X-Signature"] == signature(subscription["secret"], headers["X-Timestamp"], body)
        log = wait_until(lambda: [d for d in portal.get(f"/api/v1/webhooks/{subscription['id']}/deliveries")
                                  .json()["deliveries"] if d["status"] == "sent"])
        assert log and {d["event_type"] for d in log} <= {"application_received", "case_opened"}
        everything = b"".join(b for _, b in receiver.received())
        assert theirs["tracking_number"].encode() not in everything  # only what it submitted itself
        for secret_or_personal in (theirs["lookup_code"], own["lookup_code"], "Ali Kaya", "ali@example", "0532"):
            assert secret_or_personal.encode() not in everything
        assert cimer.get(f"/api/v1/webhooks/{subscription['id']}/deliveries").status_code == 403  # no scope
        assert portal.session.delete(f"{system.url}/api/v1/webhooks/{subscription['id']}", timeout=10).status_code == 204
    finally:
        receiver.stop()
