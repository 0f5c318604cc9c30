"""KVKK's periodic destruction through the gateway: an application whose retention period has ended (here
moved eleven years into the past in intake's database, as time would) loses its applicant's personal
data in intake, every copy in notify and its words in routing's case when the administrator runs the
destruction; a recent one keeps everything; the run is in the log operations and the auditor read."""
import uuid

import psycopg2
import pytest

from tests.support.broker import wait_until

from .conftest import staff
from .documented import Documented, admin, openapi  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e


def complaint(name, email, tckn, address, reference):
    return {"channel": "cimer", "type": "sikayet", "category": "cop", "subject": f"{name}: çöp toplanmıyor",
            "body": f"{name} olarak yazıyorum: sokağımızda çöp alınmadı.", "neighbourhood": "Sarnıç",
            "applicant": {"full_name": name, "email": email, "tc_kimlik_no": tckn,
                          "postal_address": address, "preferred_reply_channel": "email"},
            "source_system": "cimer", "source_reference": reference}


def sql(url, statement, *params):
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute(statement, params)
        return cur.fetchall() if cur.description else None


def traces(url, needle):
    """Every (table, column) of a database whose text holds `needle`."""
    found = []
    columns = sql(url, "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
                       "AND data_type IN ('text', 'character varying', 'jsonb', 'json')")
    for table, column in columns:
        if sql(url, f'SELECT 1 FROM "{table}" WHERE "{column}"::text ILIKE %s LIMIT 1', f"%{needle}%"):
            found.append((table, column))
    return found


def receipt_sent(system, email):
    return [m for m in system.smtp_sink.messages() if m["To"] == email]


def test_the_destruction_run_anonymises_what_is_past_its_retention_everywhere(system, cimer, admin, openapi):
    tag = uuid.uuid4().hex[:6]
    old_email, new_email = f"eski.{tag}@example.org", f"yeni.{tag}@example.org"
    old = cimer.post("/api/v1/applications", complaint(f"Eski Başvurucu {tag}", old_email, "10000000146",
                                                       f"Eski Sok. {tag}", f"R-{tag}-1")).json()
    new = cimer.post("/api/v1/applications", complaint(f"Yeni Başvurucu {tag}", new_email, "17291716060",
                                                       f"Yeni Sok. {tag}", f"R-{tag}-2")).json()
    assert wait_until(lambda: receipt_sent(system, old_email) and receipt_sent(system, new_email), timeout=60)
    assert traces(system.notify_db, old_email), "notify keeps the address before the run"
    sql(system.intake_db, "UPDATE applications SET received_at = received_at - interval '11 years' WHERE id = %s",
        old["id"])

    ops, auditor, desk = (Documented(staff(system, name), openapi) for name in ("ops", "denetci", "pr"))
    assert ops("POST", "/api/v1/ops/retention/runs").status_code == 403  # a run by hand is the admin's
    run = admin.ok("POST", "/api/v1/ops/retention/runs")
    assert run["total"] >= 1 and run["trigger"] != "schedule"

    for needle in (old_email, f"Eski Başvurucu {tag}", "10000000146", f"Eski Sok. {tag}"):
        assert not traces(system.intake_db, needle), (needle, traces(system.intake_db, needle))
    assert wait_until(lambda: not traces(system.notify_db, old_email), timeout=30), \
        f"notify still holds the address: {traces(system.notify_db, old_email)}"
    assert not traces(system.notify_db, f"Eski Başvurucu {tag}") and not traces(system.notify_db, f"Eski Sok. {tag}")
    assert wait_until(lambda: not traces(system.routing_db, f"Eski Başvurucu {tag}"), timeout=30)  # the case's text
    assert traces(system.intake_db, new_email) and traces(system.notify_db, new_email)  # the recent one is kept

    shown = desk.ok("GET", "/api/v1/applications/{application_id}", application_id=old["id"])
    assert shown["tracking_number"] == old["tracking_number"] and old_email not in str(shown)
    again = admin.ok("POST", "/api/v1/ops/retention/runs")
    assert again["total"] == 0  # nothing is past its period twice
    log = [r["id"] for r in auditor.ok("GET", "/api/v1/ops/retention/runs")["runs"]]
    assert run["id"] in log and again["id"] in log
    assert desk("GET", "/api/v1/ops/retention/runs").status_code == 403
