"""A journalist's question (scenario 8): the press request goes to Veteriner İşleri with the press
service's due date; their figures come back; the mayor's office approves the wording; the reporter
gets the answer by e-mail."""
import pytest

from tests.support.broker import wait_until

from .conftest import staff

pytestmark = pytest.mark.e2e


def test_a_journalists_question_is_routed_answered_approved_by_the_mayor_and_relayed(system):
    press = staff(system, "press")
    created = press.post("/api/v1/press/requests", {
        "type": "basin_bilgi", "outlet": "Ege Ekspres", "subject": "Tedavi edilen sokak hayvanları",
        "question": "Bu yıl kaç sokak hayvanı tedavi edildi?", "category": "sokak-hayvanlari",
        "journalist": {"full_name": "Deniz Kara", "email": "deniz.kara@example.org"}})
    assert created.status_code == 201, created.text
    tracking = created.json()["tracking_number"]

    mine = wait_until(lambda: [c for c in press.get("/api/v1/cases").json()["cases"]
                               if c["tracking_number"] == tracking])
    assert mine, "the press officer does not see the press request"
    case = press.get(f"/api/v1/cases/{mine[0]['id']}").json()
    assert case["channel"] == "basin" and case["directorate"] == "veteriner-isleri"
    assert case["deadline_rule"] == "basin"
    # the press officer sees the press's requests only
    assert all(c["channel"] == "basin" for c in press.get("/api/v1/cases").json()["cases"])

    answered = staff(system, "admin").post(f"/api/v1/cases/{case['id']}/submit_answer", {
        "outcome": "granted", "text": "2026 yılında 1.240 sokak hayvanı tedavi edilmiştir."})
    assert answered.json()["state"] == "answer_submitted", answered.text
    assert press.post(f"/api/v1/cases/{case['id']}/approve_answer", {}).json()["state"] == "awaiting_mayor"
    assert press.post(f"/api/v1/cases/{case['id']}/approve_answer", {}).status_code == 403  # not the mayor
    assert wait_until(lambda: not [m for m in system.smtp_sink.messages()
                                   if m["Subject"] == f"Başvurunuzun cevabı — {tracking}"], timeout=2)
    approved = staff(system, "makam").post(f"/api/v1/cases/{case['id']}/approve_answer", {})
    assert approved.json()["state"] == "answered"

    mails = wait_until(lambda: [m for m in system.smtp_sink.messages()
                                if m["Subject"] == f"Başvurunuzun cevabı — {tracking}"], timeout=20)
    assert mails and mails[0]["To"] == "deniz.kara@example.org"
    assert "1.240 sokak hayvanı" in mails[0].get_body(("plain",)).get_content()
