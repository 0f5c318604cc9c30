"""Applications through the gateway, as CİMER's transfer system, the PR desk and a citizen meet them."""
import base64
import io
import json
import re

import pytest
from pypdf import PdfReader

from contracts import intake as events
from tests.support import files
from tests.support.broker import bind_probe, body_text, take_messages

pytestmark = pytest.mark.e2e


def ayse_complaint(reference, **changes):
    data = {"channel": "cimer", "type": "sikayet", "category": "cop",
            "subject": "Sarnıç'ta çöp üç gündür toplanmıyor",
            "body": "Sokağımızda üç gündür çöp alınmadı, koku ve sinek var.", "neighbourhood": "Sarnıç",
            "applicant": {"full_name": "Ayşe Yılmaz", "email": "ayse.yilmaz@example.org",
                          "tc_kimlik_no": "17291716060", "postal_address": "Sarnıç Mah. 1203 Sok. No 4",
                          "preferred_reply_channel": "email"},
            "source_system": "cimer", "source_reference": reference}
    data.update(changes)
    return data


def test_cimer_complaint_gets_a_number_a_receipt_and_is_never_doubled(cimer, pr_desk, anonymous):
    created = cimer.post("/api/v1/applications", ayse_complaint("CMR-2026-1"))
    assert created.status_code == 201, created.text
    app = created.json()
    assert re.fullmatch(r"GZM-\d{4}-\d{6}", app["tracking_number"])
    assert created.headers["Location"] == f"/api/v1/applications/{app['id']}"

    again = cimer.post("/api/v1/applications", ayse_complaint("CMR-2026-1"))
    assert again.status_code == 200 and again.json() == app

    receipt = pr_desk.get(f"/api/v1/applications/{app['id']}/receipt.pdf")
    assert receipt.headers["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(receipt.content)).pages)
    assert app["tracking_number"] in text and "Sarnıç'ta çöp üç gündür toplanmıyor" in text

    status = anonymous.post("/api/v1/applications/status-lookup",
                            {"tracking_number": app["tracking_number"], "code": app["lookup_code"]})
    assert status.status_code == 200 and status.json()["status_label"] == "Alındı"
    wrong = anonymous.post("/api/v1/applications/status-lookup",
                           {"tracking_number": app["tracking_number"], "code": "AAAA-AAAA"})
    assert wrong.status_code == 404 and wrong.headers["Content-Type"] == "application/problem+json"


def test_a_retry_with_the_same_idempotency_key_returns_the_original(cimer):
    data = ayse_complaint(None)
    del data["source_system"], data["source_reference"]
    first = cimer.post("/api/v1/applications", data, headers={"Idempotency-Key": "retry-1"})
    second = cimer.post("/api/v1/applications", data, headers={"Idempotency-Key": "retry-1"})
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["tracking_number"] == first.json()["tracking_number"]
    changed = cimer.post("/api/v1/applications", dict(data, subject="Başka konu"), headers={"Idempotency-Key": "retry-1"})
    assert changed.status_code == 409


def test_petition_without_name_and_address_is_kept_as_not_processed(cimer, pr_desk):
    data = {"channel": "dilekce", "type": "sikayet", "category": "aydinlatma", "subject": "Park",
            "body": "Parkın lambaları yanmıyor, akşam karanlık.", "applicant": {}}
    created = cimer.post("/api/v1/applications", data)
    assert created.status_code == 201
    app = created.json()
    assert app["status"] == "not_processed"
    assert {reason["code"] for reason in app["reasons"]} == {"ad_soyad_yok", "adres_yok"}
    shown = pr_desk.get(f"/api/v1/applications/{app['id']}").json()
    assert shown["status_label"] == "İşleme konulmadı" and len(shown["reasons"]) == 2


def test_an_information_request_with_a_wrong_tc_kimlik_no_is_answered_as_not_processed(cimer, pr_desk):
    """The checksum is the applicant's data: the application is kept and not processed, with the reason
    (DOMAIN.md §2), not refused as a malformed request; a number that is not eleven digits is one."""
    data = {"channel": "bilgi_edinme", "type": "bilgi_edinme", "category": "harcama", "subject": "Konser",
            "body": "Konser için ne kadar harcandığını öğrenmek istiyorum.",
            "applicant": {"full_name": "Ali Kaya", "tc_kimlik_no": "17291716050", "email": "ali@example.org"}}
    created = cimer.post("/api/v1/applications", data)
    assert created.status_code == 201, created.text
    assert [reason["code"] for reason in created.json()["reasons"]] == ["tckn_gecersiz"]
    shown = pr_desk.get(f"/api/v1/applications/{created.json()['id']}").json()
    assert shown["status"] == "not_processed"
    assert shown["reasons"][0]["message"] == "Başvurudaki T.C. Kimlik Numarası geçerli değil."
    letters = dict(data, applicant=dict(data["applicant"], tc_kimlik_no="1729171605X"))
    assert cimer.post("/api/v1/applications", letters).status_code == 422


def test_hidden_identity_is_kept_for_the_pr_desk(cimer, pr_desk):
    data = ayse_complaint("CMR-HIDDEN")
    data["applicant"]["hide_identity"] = True
    app = cimer.post("/api/v1/applications", data).json()
    assert pr_desk.get(f"/api/v1/applications/{app['id']}").json()["applicant"]["hide_identity"] is True


def test_a_system_client_sees_only_what_it_submitted(cimer, portal):
    app = cimer.post("/api/v1/applications", ayse_complaint("CMR-OWN")).json()
    assert cimer.get(f"/api/v1/applications/{app['id']}").status_code == 200
    refused = portal.get(f"/api/v1/applications/{app['id']}")
    assert refused.status_code == 403 and refused.json()["status"] == 403
    assert portal.get(f"/api/v1/applications/{app['id']}/receipt.pdf").status_code == 403


def test_the_event_carries_the_callers_correlation_id(cimer, system):
    queue = bind_probe(system.amqp_uri, events.EXCHANGE, events.APPLICATION_RECEIVED)
    response = cimer.post("/api/v1/applications", ayse_complaint("CMR-CORR"),
                          headers={"X-Correlation-Id": "portal-req-4711"})
    assert response.headers["X-Correlation-Id"] == "portal-req-4711"
    tracking = response.json()["tracking_number"]
    messages = take_messages(system.amqp_uri, queue, expected=50, timeout=5)
    envelopes = [json.loads(body_text(m)) for m in messages]
    [mine] = [e for e in envelopes if e["payload"]["tracking_number"] == tracking]
    assert mine["correlation_id"] == "portal-req-4711"


def test_a_duplicate_hint_never_names_another_clients_application(cimer, portal, pr_desk):
    theirs = cimer.post("/api/v1/applications", ayse_complaint("CMR-DUP")).json()
    again = ayse_complaint(None, body=ayse_complaint(None)["body"] + " Hâlâ alınmadı.")
    del again["source_system"], again["source_reference"]
    mine = portal.post("/api/v1/applications", again)
    assert mine.status_code == 201, mine.text
    assert mine.json()["possible_duplicate_of"] == []  # not cimer's tracking number
    assert portal.get(f"/api/v1/applications/{mine.json()['id']}").json()["possible_duplicate_of"] == []
    # the desk, who sees every application, sees the hint
    shown = pr_desk.get(f"/api/v1/applications/{mine.json()['id']}").json()
    assert theirs["tracking_number"] in shown["possible_duplicate_of"]


def test_an_attachment_is_checked_by_its_content_and_kept_under_its_base_name(portal, pr_desk):
    html = b"<!doctype html><html><body><form action='https://kotu.example'>TC Kimlik No</form></body></html>"
    data = ayse_complaint(None)
    del data["source_system"], data["source_reference"]
    refused = portal.post("/api/v1/applications", dict(data, attachments=[
        {"filename": "cevap.pdf", "content_type": "application/pdf", "content_base64": base64.b64encode(html).decode()}]))
    assert refused.status_code == 422, refused.text
    assert "Dosyanın içeriği bildirilen türe (application/pdf) uymuyor." in refused.text
    assert "content_base64" in refused.text and "attachments" in refused.json()["errors"]
    taken = portal.post("/api/v1/applications", dict(data, attachments=[
        {"filename": "../../cevap.pdf", "content_type": "application/pdf",
         "content_base64": base64.b64encode(files.pdf()).decode()}]))
    assert taken.status_code == 201, taken.text
    [attachment] = pr_desk.get(f"/api/v1/applications/{taken.json()['id']}").json()["attachments"]
    assert attachment["filename"] == "cevap.pdf"
