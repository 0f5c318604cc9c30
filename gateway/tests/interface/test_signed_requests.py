"""Other systems' signed requests: bad signatures, stale timestamps, replayed nonces, key rotation,
scopes, the inbound events endpoint and rate limits, over real HTTP."""
import json
import time

import requests

from contracts import inbound
from contracts.envelope import make_envelope
from contracts.samples import load_samples
from contracts.topology import queue_name
from deploy.local.clients import gateway_store
from gateway import clients, signing
from tests.support.audit import audit_actions
from tests.support.broker import body_text, take_messages
from tests.support.net import free_port

PATH = "/api/v1/applications/00000000-0000-0000-0000-000000000001"


def signed_get(gateway, client_id="cimer", path=PATH, timestamp=None, nonce=None, secret=None, key_id=None):
    real_key_id, real_secret = gateway.keys[client_id]
    headers = signing.signed_headers(secret or real_secret, client_id, key_id or real_key_id, "GET", path, b"",
                                     timestamp=int(timestamp or time.time()), nonce=nonce)
    return requests.get(gateway.url + path, headers=headers, timeout=10)


def allowed(response):
    """Past authentication: intake (replaced) answered, or the object rules did."""
    return response.status_code not in (401, 429)


def test_a_correctly_signed_request_is_let_through(gateway):
    gateway.intake.show_application.return_value = {"application": {"id": "x", "submitted_by": "cimer", "applicant": {}},
                                                     "identity_shown": True}
    response = signed_get(gateway)
    assert response.status_code == 200, response.text


def test_a_bad_signature_a_stale_or_future_timestamp_is_refused(gateway):
    assert signed_get(gateway, secret="guessed").status_code == 401
    assert signed_get(gateway, timestamp=time.time() - 301).json()["status"] == 401
    assert signed_get(gateway, timestamp=time.time() + 301).status_code == 401
    tampered = signing.signed_headers(gateway.keys["cimer"][1], "cimer", gateway.keys["cimer"][0], "GET",
                                      "/api/v1/applications/other", b"", timestamp=int(time.time()))
    assert requests.get(gateway.url + PATH, headers=tampered, timeout=10).status_code == 401


def test_a_replayed_nonce_is_refused(gateway):
    gateway.intake.show_application.return_value = {"application": {"id": "x", "submitted_by": "cimer", "applicant": {}},
                                                     "identity_shown": True}
    assert allowed(signed_get(gateway, nonce="nonce-0001-abcdef"))
    replay = signed_get(gateway, nonce="nonce-0001-abcdef")
    assert replay.status_code == 401 and replay.headers["Content-Type"] == "application/problem+json"


def test_a_rotated_key_works_through_the_overlap_and_a_new_key_at_once(gateway):
    gateway.intake.show_application.return_value = {"application": {"id": "x", "submitted_by": "cimer", "applicant": {}},
                                                     "identity_shown": True}
    store = gateway_store(gateway.db_url)
    new_key_id, new_secret = clients.rotate_key(store, gateway.master_key, "cimer", overlap_seconds=3600)
    assert allowed(signed_get(gateway))  # the old key, inside its overlap
    assert allowed(signed_get(gateway, key_id=new_key_id, secret=new_secret))
    clients.rotate_key(store, gateway.master_key, "cimer", overlap_seconds=0)  # retire both at once
    assert signed_get(gateway).status_code == 401
    assert signed_get(gateway, key_id=new_key_id, secret=new_secret).status_code == 401


def test_a_client_without_the_scope_is_forbidden_and_it_is_audited(gateway):
    response = requests.get(gateway.url + PATH, timeout=10, auth=_auth(gateway, "portal"))
    assert response.status_code == 403
    assert "application.read" in audit_actions(gateway.db_url, outcome="denied")


def test_an_inbound_event_is_validated_and_queued_for_intake(gateway, amqp_uri):
    sample = load_samples()[("ebelediye", inbound.APPLICATION_SUBMITTED)]
    event = make_envelope(inbound.APPLICATION_SUBMITTED, sample["payload"], "corr-inbound-http")
    accepted = requests.post(gateway.url + "/api/v1/inbound/events", json=event, timeout=10,
                             auth=_auth(gateway, "portal"))
    assert accepted.status_code == 202 and accepted.json()["event_id"] == event["event_id"]
    queue = queue_name("intake", inbound.EXCHANGE, inbound.APPLICATION_SUBMITTED)
    [message] = take_messages(amqp_uri, queue, expected=1)
    assert json.loads(body_text(message))["event_id"] == event["event_id"]

    broken = make_envelope(inbound.APPLICATION_SUBMITTED, dict(sample["payload"], channel="faks"), "c")
    refused = requests.post(gateway.url + "/api/v1/inbound/events", json=broken, timeout=10,
                            auth=_auth(gateway, "portal"))
    assert refused.status_code == 422 and "channel" in refused.json()["errors"]["payload"]
    not_allowed = requests.post(gateway.url + "/api/v1/inbound/events", json=event, timeout=10,
                                auth=_auth(gateway, "cimer"))
    assert not_allowed.status_code == 403


def test_too_many_requests_get_429_with_retry_after(gateway_db, amqp_uri, container_factory):
    from nameko.testing.services import replace_dependencies

    from gateway.service import GatewayService

    port = free_port()
    container = container_factory(GatewayService, {
        "AMQP_URI": amqp_uri, "DB_URL": gateway_db, "OPS_PORT": 0, "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
        "JWT_SECRET": "j", "API_KEY_MASTER": "m", "RATE_LIMITS": "user=5/60,client=5/60,address=5/60"})
    replace_dependencies(container, "intake_rpc")
    container.start()
    answers = [requests.post(f"http://127.0.0.1:{port}/api/v1/applications/status-lookup",
                             json={"tracking_number": "GZM-2026-000001", "code": "AAAA-AAAA"}, timeout=10)
               for _ in range(6)]
    assert [a.status_code for a in answers][-1] == 429
    assert int(answers[-1].headers["Retry-After"]) >= 1


def _auth(gateway, client_id):
    from deploy.local.clients import SignedAuth

    key_id, secret = gateway.keys[client_id]
    return SignedAuth(client_id, key_id, secret)


def test_nonces_older_than_the_window_are_forgotten(gateway):
    import psycopg2
    from nameko.testing.services import entrypoint_hook

    conn = psycopg2.connect(gateway.db_url)
    with conn, conn.cursor() as cur:
        cur.execute("INSERT INTO seen_nonces (client_id, nonce, seen_at) VALUES "
                    "('cimer', 'old-nonce-000001', now() - interval '1 hour'), ('cimer', 'new-nonce-000001', now())")
    with entrypoint_hook(gateway.container, "forget_old_nonces") as purge:
        purge()
    with conn, conn.cursor() as cur:
        cur.execute("SELECT nonce FROM seen_nonces ORDER BY nonce")
        assert [row[0] for row in cur.fetchall()] == ["new-nonce-000001"]
    conn.close()


def test_a_percent_encoded_path_and_query_verify_as_sent(gateway):
    """`SignedAuth` (what the README points clients to) signs the path as requests sends it, encoded."""
    gateway.intake.show_application.return_value = {"application": {"id": "x", "submitted_by": "cimer", "applicant": {}},
                                                     "identity_shown": True}
    session = gateway.signed()
    # Turkish letters and an encoded slash in the query: past the signature, to intake
    assert session.get(gateway.url + PATH + "?konu=şehir%2Fmerkez&ad=Çağrı", timeout=10).status_code == 200
    # Turkish letters in the path: past the signature, refused only by the role table
    assert session.get(gateway.url + "/api/v1/ops/dead-letters/çevre", timeout=10).status_code == 403


def test_the_signature_covers_the_encoding_of_the_path(gateway):
    """Signed over the decoded path, sent encoded: not the request that was signed."""
    key_id, secret = gateway.keys["cimer"]
    sent = "/api/v1/ops/dead-letters/%C3%A7evre?konu=%C5%9Fehir%2Fmerkez"
    for signed in ("/api/v1/ops/dead-letters/çevre?konu=%C5%9Fehir%2Fmerkez",
                   "/api/v1/ops/dead-letters/%C3%A7evre?konu=şehir/merkez"):
        headers = signing.signed_headers(secret, "cimer", key_id, "GET", signed, b"", timestamp=int(time.time()))
        assert requests.get(gateway.url + sent, headers=headers, timeout=10).status_code == 401
    headers = signing.signed_headers(secret, "cimer", key_id, "GET", sent, b"", timestamp=int(time.time()))
    assert requests.get(gateway.url + sent, headers=headers, timeout=10).status_code == 403  # signed; no scope
