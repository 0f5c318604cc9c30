"""Directorate staff find new cases in their inbox, through the gateway, and mark them read."""
import pytest

from tests.support.broker import wait_until

from .conftest import staff

pytestmark = pytest.mark.e2e


def test_a_new_case_reaches_the_directorates_inbox_and_only_theirs(system, cimer):
    created = cimer.post("/api/v1/applications", {
        "channel": "cimer", "type": "istek", "category": "aydinlatma", "subject": "Lamba",
        "body": "Sokak lambası bir haftadır yanmıyor.", "applicant": {"full_name": "Ali Kaya",
                                                                       "email": "ali@example.org"}}).json()
    fen = staff(system, "fen")
    mine = wait_until(lambda: [m for m in fen.get("/api/v1/inbox", params={"unread": "true"}).json()["messages"]
                               if m["title"] == f"Yeni dosya {created['tracking_number']}"])
    assert mine, "Fen İşleri's inbox has no new case"
    assert fen.post(f"/api/v1/inbox/{mine[0]['id']}/read").status_code == 204
    unread = fen.get("/api/v1/inbox", params={"unread": "true"}).json()["messages"]
    assert mine[0]["id"] not in {m["id"] for m in unread}
    # another directorate neither sees it nor can mark it
    parks = [m["title"] for m in staff(system, "pr").get("/api/v1/inbox").json()["messages"]]
    assert f"Yeni dosya {created['tracking_number']}" not in parks
    assert staff(system, "makam").post(f"/api/v1/inbox/{mine[0]['id']}/read").status_code == 404
