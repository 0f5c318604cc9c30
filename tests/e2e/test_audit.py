"""The audit log, as an auditor queries it: who read whose data, who was refused, from where."""
import pytest

from .conftest import staff

pytestmark = pytest.mark.e2e


def test_reads_of_personal_data_writes_and_refusals_are_on_record(system, cimer, pr_desk):
    data = {"channel": "cimer", "type": "sikayet", "category": "cop", "subject": "Denetim",
            "body": "Denetim kaydı için başvuru metni.", "applicant": {"full_name": "Ayşe Yılmaz",
                                                                        "email": "a@example.org"}}
    app = cimer.post("/api/v1/applications", data).json()
    assert pr_desk.get(f"/api/v1/applications/{app['id']}").status_code == 200
    fen = staff(system, "fen")
    assert fen.get(f"/api/v1/applications/{app['id']}").status_code == 403

    auditor = staff(system, "denetci")
    entries = auditor.get("/api/v1/audit", params={"object_id": app["id"]}).json()["entries"]
    trail = [(e["actor_kind"], e["role"], e["action"], e["outcome"], e["personal_data"]) for e in reversed(entries)]
    assert trail == [
        ("client", "system", "application.submit", "allowed", True),
        ("staff", "pr_officer", "application.read", "allowed", True),
        ("staff", "directorate_staff", "application.read", "denied", False),
    ]
    assert all(e["address"] == "127.0.0.1" and e["correlation_id"] for e in entries)

    refused = auditor.get("/api/v1/audit", params={"outcome": "denied", "limit": 500}).json()["entries"]
    assert any(e["object_id"] == app["id"] for e in refused)
    assert auditor.get("/api/v1/audit", params={"limit": 501}).status_code == 422
    assert staff(system, "pr").get("/api/v1/audit").status_code == 403


def test_sign_ins_are_on_record_with_failures(system, anonymous):
    anonymous.post("/api/v1/auth/sign-in", {"username": "makam", "password": "yanlış-parola"})
    staff(system, "makam")
    entries = staff(system, "admin").get("/api/v1/audit", params={"action": "auth.sign_in"}).json()["entries"]
    outcomes = [(e["actor_id"], e["outcome"]) for e in entries if e["role"] in ("mayor_office", "-")]
    assert ("makam", "failed") in outcomes
    assert any(outcome == "allowed" for _actor, outcome in outcomes)
