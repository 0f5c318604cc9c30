"""The mail server is down when a receipt is due: notify keeps it and delivers it when the server is
back (issue 5), and the case then shows that the applicant was told."""
import psycopg2
import pytest

from tests.support.broker import wait_until

from .conftest import staff

pytestmark = pytest.mark.e2e


def test_a_receipt_waits_for_the_mail_server_and_then_arrives(system, cimer):
    sink = system.smtp_sink
    sink.stop()
    try:
        app = cimer.post("/api/v1/applications", {
            "channel": "cimer", "type": "sikayet", "category": "cop", "subject": "Posta sunucusu",
            "body": "Posta sunucusu kapalıyken gelen başvuru.",
            "applicant": {"full_name": "Ayşe Yılmaz", "email": "bekleyen@example.org"}}).json()
        desk = staff(system, "pr")
        case = wait_until(lambda: [c for c in desk.get("/api/v1/cases", params={"limit": 200}).json()["cases"]
                                   if c["application_id"] == app["id"]])
        assert case, "no case"
        assert wait_until(lambda: failed_attempts(system.notify_db, app["id"]) >= 1, timeout=20), \
            "notify never tried while the server was down"
    finally:
        sink.start()
    mail = wait_until(lambda: [m for m in sink.messages() if m["Subject"] == f"Başvurunuz alındı — {app['tracking_number']}"],
                      timeout=30)
    assert mail, "the receipt never arrived after the mail server came back"
    told = wait_until(lambda: [e for e in desk.get(f"/api/v1/cases/{case[0]['id']}").json()["timeline"]
                               if e["action"] == "notice_delivered" and e["details"]["attempts"] >= 2], timeout=20)
    assert told, "the case does not show the receipt delivered after a retry"


def failed_attempts(notify_db, application_id):
    conn = psycopg2.connect(notify_db)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT coalesce(max(attempts), 0) FROM notifications WHERE application_id = %s "
                        "AND status = 'queued' AND last_error IS NOT NULL", (application_id,))
            return cur.fetchone()[0]
    finally:
        conn.close()
