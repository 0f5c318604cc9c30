"""Other systems get the events they subscribed to, signed, retried until their endpoint answers."""
import json
import uuid

import pytest
from nameko.testing.services import entrypoint_hook

from contracts import intake
from contracts.envelope import make_envelope
from contracts.samples import load_samples
from notify import webhooks
from notify.webhooks import InvalidSubscription
from tests.support.broker import publish_raw, wait_until
from tests.support.peers import WebhookReceiver

RECEIVED = load_samples()[("intake", intake.APPLICATION_RECEIVED)]["payload"]


def test_a_subscribed_system_receives_the_event_signed_once_its_endpoint_is_back(notify, amqp_uri, tmp_path, query):
    receiver = WebhookReceiver(tmp_path / "hooks")  # not started: the endpoint is down at first
    with entrypoint_hook(notify, "subscribe_webhook") as subscribe:
        subscription = subscribe("portal", receiver.url, [intake.APPLICATION_RECEIVED])
    event = make_envelope(intake.APPLICATION_RECEIVED, dict(RECEIVED, application_id=str(uuid.uuid4())), "corr-hook")
    publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICATION_RECEIVED, event)
    assert wait_until(lambda: any(r["attempts"] >= 2 for r in query(
        "SELECT attempts FROM notifications WHERE channel = 'webhook'")))
    receiver.start()
    try:
        [(headers, body)] = wait_until(lambda: receiver.received(), timeout=20)
    finally:
        receiver.stop()
    assert headers["X-Event-Type"] == "application_received" and headers["X-Event-Id"] == event["event_id"]
    assert headers["X-Signature"] == webhooks.signature(subscription["secret"], headers["X-Timestamp"], body)
    delivered = json.loads(body)
    assert delivered["payload"]["tracking_number"] == RECEIVED["tracking_number"]
    assert "applicant" not in delivered["payload"] and "ayse" not in body.decode()  # no personal data
    with entrypoint_hook(notify, "webhook_deliveries") as log:
        [entry] = log("portal", subscription["id"])
        assert entry["status"] == "sent" and entry["attempts"] >= 3
        assert log("someone-else", subscription["id"]) is None


def test_a_subscription_must_name_known_events_and_a_secure_address(notify):
    with entrypoint_hook(notify, "subscribe_webhook") as subscribe:
        with pytest.raises(InvalidSubscription):
            subscribe("portal", "ftp://example.org/x", [intake.APPLICATION_RECEIVED])
        with pytest.raises(InvalidSubscription):
            subscribe("portal", "https://example.org/x", ["everything"])
        for malformed in ("https://[", "https://a b.example/x", "https://example.org:port/x", "https://"):
            with pytest.raises(InvalidSubscription):  # refused with a reason, not a crash
                subscribe("portal", malformed, [intake.APPLICATION_RECEIVED])
    with entrypoint_hook(notify, "unsubscribe_webhook") as unsubscribe:
        assert not unsubscribe("portal", str(uuid.uuid4()))
