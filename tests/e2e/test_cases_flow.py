"""Routing end to end through the gateway: an application comes in, is routed with its legal date,
warned about, answered, approved, and the reply goes out as an event (scenarios 1 and 2)."""
import io
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from contracts import routing as events
from contracts.topology import queue_name
from routing.calendar import WorkCalendar
from tests.support.broker import body_text, take_messages, wait_until

from .conftest import staff

pytestmark = pytest.mark.e2e
ISTANBUL = ZoneInfo("Europe/Istanbul")


def working_days_ago(count):
    calendar, day = WorkCalendar(), datetime.now(ISTANBUL).date()
    while count:
        day -= timedelta(days=1)
        count -= calendar.is_working_day(day)
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=ISTANBUL)


def case_for(desk, application_id):
    found = wait_until(lambda: [c for c in desk.get("/api/v1/cases", params={"limit": 200}).json()["cases"]
                                if c["application_id"] == application_id])
    assert found, "routing opened no case"
    return desk.get(f"/api/v1/cases/{found[0]['id']}").json()


def test_an_information_request_is_routed_warned_answered_approved_and_relayed(system, portal):
    mehmet = {"channel": "bilgi_edinme", "type": "bilgi_edinme", "category": "harcama",
              "subject": "Konser harcaması", "body": "Yaz konseri için ne kadar harcandığını öğrenmek istiyorum.",
              "applicant": {"full_name": "Mehmet Demir", "tc_kimlik_no": "10000000146", "email": "m@example.org"},
              # it reached the municipality eleven working days ago: one working day to the internal date
              "received_at": working_days_ago(11).isoformat()}
    created = portal.post("/api/v1/applications", mehmet)
    assert created.status_code == 201, created.text
    desk = staff(system, "pr")
    case = case_for(desk, created.json()["id"])
    assert case["directorate"] == "mali-hizmetler" and case["deadline_rule"] == "bilgi_edinme"
    assert any("4982" in step["text"] for step in case["due_explanation"]["explanation"])

    warned = wait_until(lambda: "deadline_warning" in [e["action"] for e in desk.get(
        f"/api/v1/cases/{case['id']}").json()["timeline"]], timeout=20)
    assert warned, "the watcher did not warn before the internal date"

    mali = staff(system, "admin")  # the desk drafts for Mali Hizmetler here; its own staff would do the same
    answered = mali.post(f"/api/v1/cases/{case['id']}/submit_answer",
                         {"outcome": "granted", "text": "Konser için 412.000 TL harcanmıştır."})
    assert answered.status_code == 200 and answered.json()["state"] == "answer_submitted"
    assert desk.post(f"/api/v1/cases/{case['id']}/approve_answer", {}).json()["state"] == "awaiting_mayor"
    approved = staff(system, "makam").post(f"/api/v1/cases/{case['id']}/approve_answer", {})
    assert approved.json()["state"] == "answered"

    tracking = case["tracking_number"]
    mails = wait_until(lambda: [m for m in system.smtp_sink.messages()
                                if m["Subject"] == f"Başvurunuzun cevabı — {tracking}"], timeout=20)
    assert mails, "the approved answer did not reach the applicant's mailbox"
    assert "412.000 TL" in mails[0].get_body(("plain",)).get_content() and mails[0]["To"] == "m@example.org"
    [letter] = [part for part in mails[0].iter_attachments() if part.get_filename() == f"cevap-yazisi-{tracking}.pdf"]
    letter_text = PdfReader(io.BytesIO(letter.get_content())).pages[0].extract_text()
    assert "Mehmet Demir" in letter_text and "412.000 TL" in letter_text and f"Sayı: {tracking}" in letter_text
    # the receipt went out too, and the case shows both were delivered: the proof the law asks for
    assert any(m["Subject"] == f"Başvurunuz alındı — {tracking}" for m in system.smtp_sink.messages())
    def notices():
        timeline = desk.get(f"/api/v1/cases/{case['id']}").json()["timeline"]
        kinds = {e["details"]["kind"] for e in timeline if e["action"] == "notice_delivered"}
        return kinds if {"receipt", "answer"} <= kinds else None

    assert wait_until(notices, timeout=20), "the case does not show that the applicant was told"
    actions = [e["action"] for e in desk.get(f"/api/v1/cases/{case['id']}").json()["timeline"]]
    assert actions[0] == "opened" and "approve_answer" in actions


def test_an_answer_the_state_does_not_allow_is_a_409_and_a_bad_action_a_404(system, cimer):
    created = cimer.post("/api/v1/applications", {
        "channel": "cimer", "type": "sikayet", "category": "cop", "subject": "Çöp",
        "body": "Sokağımızda üç gündür çöp alınmadı.", "applicant": {"full_name": "Ayşe Yılmaz",
                                                                      "email": "a@example.org"}})
    desk = staff(system, "pr")
    case = case_for(desk, created.json()["id"])
    assert case["directorate"] == "temizlik-isleri"
    conflict = desk.post(f"/api/v1/cases/{case['id']}/approve_answer", {})
    assert conflict.status_code == 409 and conflict.headers["Content-Type"] == "application/problem+json"
    assert desk.post(f"/api/v1/cases/{case['id']}/explode", {}).status_code == 404
    refused = desk.post(f"/api/v1/cases/{case['id']}/extend", {"reason": "Zaman gerek"})
    assert refused.status_code == 422  # a petition has no extension


def test_the_deadline_preview_needs_no_sign_in_and_explains_itself(anonymous):
    answer = anonymous.get("/api/v1/deadlines/preview",
                           params={"type": "bilgi_edinme", "received_on": "2026-03-13"}).json()
    assert answer["due_on"] == "2026-04-06"
    assert any("Ramazan Bayramı" in step["text"] for step in answer["explanation"])
    extended = anonymous.get("/api/v1/deadlines/preview",
                             params={"type": "bilgi_edinme", "received_on": "2026-03-13", "extended": "true"})
    assert extended.json()["due_on"] == "2026-04-28"
    petition = anonymous.get("/api/v1/deadlines/preview", params={"type": "dilekce", "received_on": "2026-05-11"})
    assert petition.json()["due_on"] == "2026-06-10"
    assert anonymous.get("/api/v1/deadlines/preview", params={"type": "x", "received_on": "2026-05-11"}
                         ).status_code == 422
