"""Another system posts to the inbound exchange (scenario 6); and what the logs may never hold."""
import json
import subprocess
import sys

import pytest

from contracts import inbound
from contracts.envelope import make_envelope
from contracts.samples import load_samples
from tests.support.broker import publish_raw, wait_until

pytestmark = pytest.mark.e2e

SAMPLE = load_samples()[("ebelediye", inbound.APPLICATION_SUBMITTED)]


def dead_letters(system):
    result = subprocess.run([sys.executable, "-m", "servicekit.deadletters_cli", "list", "intake",
                             "--amqp-uri", system.amqp_uri], capture_output=True, text=True, timeout=60, check=True)
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_portal_message_missing_a_field_is_dead_lettered_fixed_and_replayed_once(system, cimer):
    broken = make_envelope(inbound.APPLICATION_SUBMITTED, dict(SAMPLE["payload"], source_reference="EB-E2E-1"),
                           "corr-e2e")
    del broken["payload"]["category"]
    publish_raw(system.amqp_uri, inbound.EXCHANGE, inbound.APPLICATION_SUBMITTED, broken)
    [letter] = wait_until(lambda: dead_letters(system))
    assert "category" in letter["error"] and "Bu alan zorunludur" in letter["error"]

    fixed = make_envelope(inbound.APPLICATION_SUBMITTED, dict(SAMPLE["payload"], source_reference="EB-E2E-1"),
                          "corr-e2e")
    publish_raw(system.amqp_uri, inbound.EXCHANGE, inbound.APPLICATION_SUBMITTED, fixed)
    publish_raw(system.amqp_uri, inbound.EXCHANGE, inbound.APPLICATION_SUBMITTED, fixed)  # delivered twice

    # the portal later posts the same reference over HTTP: the platform answers with the stored original
    payload = dict(SAMPLE["payload"], source_reference="EB-E2E-1")
    original = wait_until(lambda: (lambda r: r if r.status_code == 200 else None)(
        cimer.post("/api/v1/applications", payload)))
    assert original, "the application published to the exchange was not stored"
    assert original.json()["status"] == "received"
    purge = subprocess.run([sys.executable, "-m", "servicekit.deadletters_cli", "purge", "intake",
                            "--amqp-uri", system.amqp_uri], capture_output=True, text=True, timeout=60, check=True)
    assert purge.stdout.startswith("1 ")
    assert dead_letters(system) == []


def test_logs_never_hold_applicants_personal_data(system, cimer):
    data = {"channel": "bilgi_edinme", "type": "bilgi_edinme", "category": "harcama",
            "subject": "Konser harcaması", "body": "Konser için ne kadar harcandığını öğrenmek istiyorum.",
            "applicant": {"full_name": "Mehmet Demir", "tc_kimlik_no": "10000000146",
                          "email": "mehmet.demir@example.org", "phone": "+90 532 765 43 21",
                          "postal_address": "Aktepe Mah. 8020 Sok. No 7"}}
    assert cimer.post("/api/v1/applications", data).status_code == 201
    bad = dict(data, applicant=dict(data["applicant"], tc_kimlik_no="1000000014X"))
    assert cimer.post("/api/v1/applications", bad).status_code == 422
    logs = "".join(path.read_text(errors="replace") for path in system.log_dir.glob("*.log"))
    assert "starting services" in logs  # the logs were read
    for secret in ("10000000146", "1000000014X", "mehmet.demir@example.org", "532 765 43 21", "Mehmet Demir",
                   "8020 Sok"):
        assert secret not in logs
    for line in logs.splitlines():
        if line.startswith("{"):
            json.loads(line)


def test_searches_and_reply_tokens_in_query_strings_never_reach_the_logs(system, pr_desk, anonymous):
    searched = ("ayse.yilmaz@example.org", "Ayşe Yılmaz", "Atatürk Cad. 12", "+90 532 111 22 33")
    for text in searched:
        assert pr_desk.get("/api/v1/contacts", params={"q": text}).status_code == 200
    token = "5c0f3d9e2a7b41c68e0d9f2b7a3c5e1d"
    anonymous.get(f"/api/v1/invitations/3b5d7f9a-1c3e-4a5b-8d7f-9a1c3e5b7d9f/reply?token={token}")
    logs = "".join(path.read_text(errors="replace") for path in system.log_dir.glob("*.log"))
    assert "/api/v1/contacts" in logs  # the access log was read
    for secret in ("ayse.yilmaz", "ayse%2Eyilmaz", "example.org", "Ay%C5%9Fe", "Ayşe", "Y%C4%B1lmaz", "Atat",
                   "532 111", "532+111", "111+22+33", token):
        assert secret not in logs
