"""The SSRF issue, on notify as it runs in production (no allow-list): a webhook to an address inside the
platform's network is refused when subscribed, and one stored before that check is never called; the
delivery's failure says so in general words, naming no host or port."""
import uuid

import pytest
from nameko.testing.services import entrypoint_hook, replace_dependencies

from contracts import intake
from contracts.envelope import make_envelope
from contracts.samples import load_samples
from notify.service import NotifyService
from notify.webhooks import InvalidSubscription
from servicekit import outbound
from tests.support.broker import publish_raw, wait_until
from tests.support.peers import WebhookReceiver

RECEIVED = load_samples()[("intake", intake.APPLICATION_RECEIVED)]["payload"]
PORTAL = {"id": "portal", "role": "system", "directorate": None}  # the API client, as the gateway names it


@pytest.fixture
def production_notify(notify_db, amqp_uri, container_factory):
    """Notify without PLATFORM_ENV=development: OUTBOUND_ALLOW is set, and must count for nothing."""
    container = container_factory(NotifyService, {
        "AMQP_URI": amqp_uri, "DB_URL": notify_db, "OPS_PORT": 0, "OUTBOX_SWEEP_SECONDS": 0.2,
        "DELIVERY_BACKOFF_SECONDS": 0.5, "DELIVERY_MAX_ATTEMPTS": 30, "WEBHOOK_MASTER_KEY": "test-webhook-key",
        "WEBHOOK_ALLOW_HTTP": "true", "SENDING_TIMEOUT_SECONDS": 2, "OUTBOUND_ALLOW": "127.0.0.1,localhost,::1"})
    for name in ("intake_rpc", "routing_rpc", "press_rpc"):
        replace_dependencies(container, name)
    container.start()
    return container


@pytest.fixture
def receiver(tmp_path):
    running = WebhookReceiver(tmp_path / "hooks")
    running.start()
    yield running
    running.stop()


def test_a_webhook_inside_the_network_is_refused_when_subscribed(production_notify, receiver):
    port = receiver.port
    with entrypoint_hook(production_notify, "subscribe_webhook") as subscribe:
        for url in (receiver.url, f"https://127.0.0.1:{port}/olaylar", f"https://[::1]:{port}/olaylar",
                    f"https://localhost:{port}/olaylar", "http://169.254.169.254/latest/meta-data/",
                    "https://10.0.0.7/hook", f"https://[::ffff:127.0.0.1]:{port}/"):
            with pytest.raises(InvalidSubscription) as refused:
                subscribe(PORTAL, {"url": url, "event_types": [intake.APPLICATION_RECEIVED]})
            assert refused.value.args[0] == {"url": [outbound.REASONS["network"]]}
        with pytest.raises(InvalidSubscription) as refused:
            subscribe(PORTAL, {"url": "https://kullanici:parola@example.org/hook",
                               "event_types": [intake.APPLICATION_RECEIVED]})
        assert refused.value.args[0] == {"url": [outbound.REASONS["credentials"]]}
    with entrypoint_hook(production_notify, "webhook_subscriptions") as listing:
        assert listing(PORTAL) == []


def test_a_stored_webhook_inside_the_network_is_never_called(production_notify, receiver, amqp_uri, query):
    """A subscription kept before the check existed (or whose name now points inside) is refused at the
    connection: the endpoint inside gets nothing, and the failure names nothing that answered."""
    subscription_id = uuid.uuid4()
    query("INSERT INTO webhook_subscriptions (id, client_id, url, event_types) VALUES (%s, 'portal', %s, %s)",
          str(subscription_id), receiver.url, [intake.APPLICATION_RECEIVED])
    event = make_envelope(intake.APPLICATION_RECEIVED, dict(RECEIVED, application_id=str(uuid.uuid4()),
                                                            submitted_by="portal"), "corr-ic")
    publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICATION_RECEIVED, event)
    rows = wait_until(lambda: query("SELECT status, attempts, last_error FROM notifications "
                                    "WHERE channel = 'webhook' AND status = 'failed'"), timeout=20)
    assert rows, query("SELECT channel, status, attempts, last_error FROM notifications")
    [row] = rows
    assert (row["status"], row["attempts"], row["last_error"]) == ("failed", 1, outbound.REASONS["network"])
    assert receiver.received() == []
    with entrypoint_hook(production_notify, "webhook_deliveries") as log:
        [entry] = log(PORTAL, str(subscription_id))
    assert str(receiver.port) not in str(entry) and "127.0.0.1" not in str(entry)
