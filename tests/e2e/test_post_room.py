"""An applicant with neither e-mail nor phone is told on paper: the post room prints the letter with the
receipt behind it, records that it was posted, and the case shows the applicant was told."""
import io

import pytest
from pypdf import PdfReader

from tests.support.broker import wait_until

from .conftest import staff

pytestmark = pytest.mark.e2e


def test_the_post_room_prints_posts_and_the_case_shows_the_applicant_was_told(system, pr_desk):
    created = pr_desk.post("/api/v1/applications", {
        "channel": "dilekce", "type": "istek", "category": "park", "subject": "Parka bank",
        "body": "Mahallemizdeki parka oturma bankı konulmasını istiyoruz.", "neighbourhood": "Sarnıç",
        "applicant": {"full_name": "Şükrü Işıkoğlu", "postal_address": "Sarnıç Mah. 1203 Sok. No: 7, Gaziemir / İZMİR"}})
    assert created.status_code == 201, created.text
    tracking = created.json()["tracking_number"]

    letters = wait_until(lambda: [letter for letter in pr_desk.get("/api/v1/post-room/letters").json()["letters"]
                                  if letter["tracking_number"] == tracking])
    assert letters, "no letter reached the post room"
    [letter] = letters
    assert letter["kind"] == "receipt" and letter["status"] == "post"

    printed = pr_desk.get(f"/api/v1/post-room/letters/{letter['id']}/letter.pdf")
    assert printed.status_code == 200 and printed.headers["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(printed.content)).pages
    assert len(pages) >= 2  # the letter, then the receipt
    first = pages[0].extract_text()
    assert "Şükrü Işıkoğlu" in first and "Sarnıç Mah. 1203 Sok. No: 7" in first and tracking in first
    assert "BAŞVURU ALINDI BELGESİ" in pages[1].extract_text()

    posted = pr_desk.post(f"/api/v1/post-room/letters/{letter['id']}/posted")
    assert posted.status_code == 200 and posted.json()["posted_by"] == "pr"
    again = pr_desk.post(f"/api/v1/post-room/letters/{letter['id']}/posted")
    assert again.status_code == 409 and again.headers["Content-Type"] == "application/problem+json"
    assert letter["id"] not in {x["id"] for x in pr_desk.get("/api/v1/post-room/letters").json()["letters"]}

    case = wait_until(lambda: [c for c in pr_desk.get("/api/v1/cases", params={"limit": 200}).json()["cases"]
                               if c["tracking_number"] == tracking])
    told = wait_until(lambda: [e for e in pr_desk.get(f"/api/v1/cases/{case[0]['id']}").json()["timeline"]
                               if e["action"] == "notice_delivered" and e["details"]["channel"] == "post"])
    assert told and told[0]["details"]["kind"] == "receipt"


def test_a_directorate_cannot_open_the_post_room(system):
    assert staff(system, "fen").get("/api/v1/post-room/letters").status_code == 403
