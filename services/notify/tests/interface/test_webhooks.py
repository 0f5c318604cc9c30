"""Other systems get the events they subscribed to, signed, retried until their endpoint answers."""
import json
import uuid

import pytest
from nameko.testing.services import entrypoint_hook

from contracts import intake, routing
from contracts.envelope import make_envelope
from contracts.samples import load_samples
from notify import webhooks
from notify.webhooks import InvalidSubscription
from tests.support.broker import publish_raw, wait_until
from tests.support.peers import WebhookReceiver

RECEIVED = load_samples()[("intake", intake.APPLICATION_RECEIVED)]["payload"]
ANSWERED = load_samples()[("routing", routing.ANSWER_APPROVED)]["payload"]
PORTAL = {"id": "portal", "role": "system", "directorate": None}  # the API client, as the gateway names it

def test_a_subscribed_system_receives_the_event_signed_once_its_endpoint_is_back(notify, amqp_uri, tmp_path, query):
    receiver = WebhookReceiver(tmp_path / "hooks")  # not started: the endpoint is down at first
    with entrypoint_hook(notify, "subscribe_webhook") as subscribe:
        subscription = subscribe(PORTAL, {"url": receiver.url, "event_types": [intake.APPLICATION_RECEIVED]})
    event = make_envelope(intake.APPLICATION_RECEIVED, dict(RECEIVED, application_id=str(uuid.uuid4()),
                                                            submitted_by="portal"), "corr-hook")
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
        [entry] = log(PORTAL, subscription["id"])
        assert entry["status"] == "sent" and entry["attempts"] >= 3
        with pytest.raises(Exception) as not_theirs:
            log(dict(PORTAL, id="someone-else"), subscription["id"])
        assert "NotFound" in not_theirs.typename or "NotFound" in str(not_theirs.value)


def test_a_subscriber_hears_only_of_its_own_applications_and_never_their_secrets(notify, amqp_uri, tmp_path,
                                                                                 query):
    receiver = WebhookReceiver(tmp_path / "hooks")
    receiver.start()
    try:
        with entrypoint_hook(notify, "subscribe_webhook") as subscribe:
            subscribe(PORTAL, {"url": receiver.url,
                               "event_types": [intake.APPLICATION_RECEIVED, routing.ANSWER_APPROVED]})
        theirs, own = str(uuid.uuid4()), str(uuid.uuid4())
        for application_id, submitter in ((theirs, "cimer"), (own, "portal")):
            publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICATION_RECEIVED, make_envelope(
                intake.APPLICATION_RECEIVED, dict(RECEIVED, application_id=application_id, submitted_by=submitter,
                                                  lookup_code="K7P2-M9QX"), application_id))
            publish_raw(amqp_uri, routing.EXCHANGE, routing.ANSWER_APPROVED, make_envelope(
                routing.ANSWER_APPROVED, dict(ANSWERED, application_id=application_id, case_id=str(uuid.uuid4()),
                                              attachments=[],
                                              text="Sayın Ayşe Yılmaz, talebiniz karşılandı."), application_id))
        # the applicant hears of both answers; the subscriber only of what it submitted
        assert wait_until(lambda: len(query("SELECT 1 FROM notifications WHERE kind = 'answer' "
                                            "AND channel = 'email'")) == 2)
        got = wait_until(lambda: (lambda r: r if len(r) == 2 else None)(receiver.received()), timeout=20)
        assert got, "the subscriber did not get its own application's events"
        delivered = [json.loads(body) for _, body in got]
        assert {d["payload"]["application_id"] for d in delivered} == {own}
        for _, body in got:
            assert b"K7P2" not in body and "Ayşe".encode() not in body and b"ayse" not in body
        assert query("SELECT count(*) AS n FROM notifications WHERE channel = 'webhook' AND application_id = %s",
                     theirs)[0]["n"] == 0
    finally:
        receiver.stop()


def test_a_subscription_must_name_known_events_and_a_secure_address(notify):
    with entrypoint_hook(notify, "subscribe_webhook") as subscribe:
        with pytest.raises(InvalidSubscription):
            subscribe(PORTAL, {"url": "ftp://example.org/x", "event_types": [intake.APPLICATION_RECEIVED]})
        with pytest.raises(InvalidSubscription):
            subscribe(PORTAL, {"url": "https://example.org/x", "event_types": ["everything"]})
        for malformed in ("https://[", "https://a b.example/x", "https://example.org:port/x", "https://"):
            with pytest.raises(InvalidSubscription):  # refused with a reason, not a crash
                subscribe(PORTAL, {"url": malformed, "event_types": [intake.APPLICATION_RECEIVED]})
    with entrypoint_hook(notify, "unsubscribe_webhook") as unsubscribe:
        with pytest.raises(Exception) as unknown:
            unsubscribe(PORTAL, str(uuid.uuid4()))
        assert "NotFound" in unknown.typename or "NotFound" in str(unknown.value)
