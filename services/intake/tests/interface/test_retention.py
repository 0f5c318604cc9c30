"""The KVKK periodic destruction run (periyodik imha) against real PostgreSQL and RabbitMQ: applications
past their retention period lose their personal data, other services are told, the run is logged."""
import base64
import io
import json
from datetime import datetime, timedelta, timezone

import psycopg2
import pytest
import yaml
from nameko.testing.services import entrypoint_hook
from nameko.testing.utils import get_extension
from pypdf import PdfReader

from contracts import intake as events
from contracts.topology import queue_name
from intake import retention, storage_retention
from intake.exceptions import DestructionInProgress, NotAllowed
from intake.service import IntakeService
from servicekit.db import Database, Store
from tests.support.broker import body_text, take_messages, wait_until
from tests.support import files

ANONYMISED_QUEUE = queue_name("notify", events.EXCHANGE, events.APPLICANTS_ANONYMISED)
ADMIN = {"id": "mehmet", "role": "admin", "directorate": None}
PDF = base64.b64encode(files.pdf()).decode()
# short periods: information requests 1 year, petitions and complaints 2 years, the rest 2 years
SHORT_RULES = {"rules": {
    "bilgi_edinme": {"label": "Bilgi edinme", "types": ["bilgi_edinme"], "keep_years": 1,
                     "source": "test", "verify": True},
    "dilekce": {"label": "Dilekçeler", "types": ["istek", "sikayet", "gorus_oneri", "ihbar", "tesekkur"],
                "keep_years": 2, "source": "test", "verify": True},
    "default": {"label": "Diğer", "keep_years": 2, "source": "test", "verify": True},
}}


@pytest.fixture
def rules_path(tmp_path):
    path = tmp_path / "retention.yml"
    path.write_text(yaml.safe_dump(SHORT_RULES, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def service(intake_db, amqp_uri, container_factory, rules_path):
    """Intake as in conftest, with the short retention periods."""
    config = {"AMQP_URI": amqp_uri, "DB_URL": intake_db, "OPS_PORT": 0, "OUTBOX_SWEEP_SECONDS": 0.2,
              "TRACKING_PREFIX": "GZM", "MUNICIPALITY_NAME": "Gaziemir Belediyesi",
              "LOOKUP_CODE_SECRET": "test-secret", "max_workers": 10, "MAX_MESSAGE_BYTES": 1024 * 1024,
              "RETENTION_FILE": str(rules_path), "DESTRUCTION_INTERVAL_DAYS": 180}
    container = container_factory(IntakeService, config)
    container.start()
    return container


def ago(days):
    return (datetime.now(timezone.utc) - timedelta(days=days)).isoformat()


def application(marker, channel="dilekce", app_type="sikayet", days_ago=0, attachments=True, **changes):
    """An application whose every personal field carries `marker`, so its traces can be looked for."""
    data = {"channel": channel, "type": app_type, "category": "cop", "subject": f"Konu {marker}",
            "body": f"Sokağımızda çöp alınmadı, ben {marker} yazıyorum.", "neighbourhood": "Sarnıç",
            "received_at": ago(days_ago),
            "location": {"latitude": 38.32, "longitude": 27.13, "description": f"Evimin önü {marker}"},
            "applicant": {"full_name": f"Ad {marker}", "tc_kimlik_no": "10000000146",
                          "email": f"{marker.lower()}@example.org", "phone": "+90 532 000 00 00",
                          "postal_address": f"Sarnıç Mah. {marker} Sok. No 2", "preferred_reply_channel": "email",
                          "hide_identity": True}}
    if attachments:
        data["attachments"] = [{"filename": f"{marker}.pdf", "content_type": "application/pdf",
                                "content_base64": PDF}]
    data.update(changes)
    return data


def call(container, method, *args):
    with entrypoint_hook(container, method) as hook:
        return hook(*args)


def submit(container, data, submitted_by="portal"):
    return call(container, "submit_application", data, submitted_by, None)["application"]


def traces(query, marker):
    """Rows anywhere in intake's database that still carry `marker`."""
    like = f"%{marker}%"
    return query(
        "SELECT 'applications' AS t, id::text FROM applications a WHERE row_to_json(a)::text ILIKE %s "
        "UNION ALL SELECT 'applicants', application_id::text FROM applicants p WHERE row_to_json(p)::text ILIKE %s "
        "UNION ALL SELECT 'attachments', id::text FROM attachments f WHERE filename ILIKE %s "
        "OR encode(content, 'escape') ILIKE %s "
        "UNION ALL SELECT 'outbox', id::text FROM outbox o WHERE envelope::text ILIKE %s",
        like, like, like, like, like)


def personal(query, application_id):
    [row] = query(
        "SELECT a.tracking_number, a.status, a.channel, a.type, a.category, a.neighbourhood, a.received_at, "
        "a.defects, a.source_system, a.subject, a.body, a.location, a.source_reference, a.applicant_key, "
        "a.idempotency_key, a.request_hash, a.possible_duplicate_of, a.anonymised_at, p.full_name, p.tc_kimlik_no, "
        "p.email, p.phone, p.postal_address, p.preferred_reply_channel, p.hide_identity, "
        "(SELECT count(*) FROM attachments f WHERE f.application_id = a.id) AS attachments "
        "FROM applications a JOIN applicants p ON p.application_id = a.id WHERE a.id = %s", application_id)
    return row


def execute(db_url, sql):
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
        conn.commit()
    finally:
        conn.close()


def events_published(amqp_uri, expected, timeout=15):
    return [json.loads(body_text(m)) for m in take_messages(amqp_uri, ANONYMISED_QUEUE, expected, timeout)]


@pytest.fixture
def submitted(service, query):
    """Old and recent applications, their announcements sent."""
    apps = {
        # 18 months old: past the information requests' year, within the complaints' two years
        "A": submit(service, application("ESKIA", channel="bilgi_edinme", app_type="bilgi_edinme", days_ago=550)),
        "B": submit(service, application("YENIB", channel="cimer", days_ago=550, source_system="cimer",
                                         source_reference="CMR-YENIB")),
        # three years old: past every period
        "C": submit(service, application("ESKIC", channel="cimer", days_ago=1100, source_system="cimer",
                                         source_reference="CMR-ESKIC")),
        "D": submit(service, application("ESKID", channel="basin", app_type="basin_bilgi", days_ago=1100)),
        "E": submit(service, application("YENIE", days_ago=0)),
    }
    wait_until(lambda: query("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL")[0]["n"] == 0)
    return apps


def test_applications_past_their_period_lose_every_personal_field_and_the_rest_keep_theirs(
        service, submitted, query, amqp_uri):
    before = {key: personal(query, app["id"]) for key, app in submitted.items()}
    for marker in ("ESKIA", "ESKIC", "ESKID", "YENIB", "YENIE"):
        assert {t["t"] for t in traces(query, marker)} == {"applications", "applicants", "attachments", "outbox"}

    run = call(service, "run_destruction", ADMIN)

    assert run["counts"] == {"bilgi_edinme": 1, "dilekce": 1, "default": 1} and run["total"] == 3
    assert run["trigger"] == "mehmet" and run["method"] == "anonimleştirme" and run["finished_at"]
    assert {r["rule"]: r["keep_years"] for r in run["rules"]} == {"bilgi_edinme": 1, "dilekce": 2, "default": 2}
    for key in "ACD":
        after = personal(query, submitted[key]["id"])
        assert after["full_name"] == "Anonimleştirildi" and after["subject"] == "Anonimleştirildi"
        assert [after[f] for f in ("tc_kimlik_no", "email", "phone", "postal_address", "location",
                                   "source_reference", "applicant_key", "idempotency_key")] == [None] * 8
        assert after["body"] == "" and after["request_hash"] == "" and after["possible_duplicate_of"] == []
        assert after["attachments"] == 0 and after["anonymised_at"] is not None
        kept = ("tracking_number", "status", "channel", "type", "category", "neighbourhood", "received_at",
                "defects", "source_system", "preferred_reply_channel", "hide_identity")
        assert {f: after[f] for f in kept} == {f: before[key][f] for f in kept}
        assert traces(query, f"ESKI{key}") == []  # no copy anywhere: not in the sent outbox rows either
    for key in "BE":
        assert personal(query, submitted[key]["id"]) == before[key]
        assert {t["t"] for t in traces(query, f"YENI{key}")} == {"applications", "applicants", "attachments",
                                                                "outbox"}

    published = events_published(amqp_uri, expected=4, timeout=5)
    assert {e["payload"]["rule"]: e["payload"]["application_ids"] for e in published} == {
        "bilgi_edinme": [submitted["A"]["id"]], "dilekce": [submitted["C"]["id"]],
        "default": [submitted["D"]["id"]]}
    assert {e["payload"]["run_id"] for e in published} == {run["id"]}
    assert all(e["event_type"] == events.APPLICANTS_ANONYMISED for e in published)

    # a second run has nothing to do, says nothing, and both runs are in the log, newest first
    again = call(service, "run_destruction", ADMIN)
    assert (again["counts"], again["total"]) == ({}, 0)
    assert events_published(amqp_uri, expected=1, timeout=2) == []
    assert {key: personal(query, app["id"]) for key, app in submitted.items() if key in "BE"} == \
        {key: before[key] for key in "BE"}
    log = call(service, "destruction_runs")
    assert [r["id"] for r in log] == [again["id"], run["id"]]
    assert log[1]["counts"] == {"bilgi_edinme": 1, "dilekce": 1, "default": 1} and log[1]["total"] == 3
    assert "ESKI" not in json.dumps(log) and "10000000146" not in json.dumps(log)
    assert [r["id"] for r in call(service, "destruction_runs", 1)] == [again["id"]]
    assert query("SELECT count(*) AS n FROM destruction_runs")[0]["n"] == 2


def test_an_anonymised_application_can_still_be_viewed_followed_and_printed(service, submitted):
    call(service, "run_destruction", ADMIN)
    old = submitted["A"]

    for masked in (False, True):
        view = call(service, "get_application", old["id"], masked)
        assert view["applicant"]["full_name"] == "Anonimleştirildi"
        assert view["applicant"]["tc_kimlik_no"] is None and view["applicant"]["email"] is None
        assert (view["subject"], view["body"], view["attachments"]) == ("Anonimleştirildi", "", [])
        assert (view["tracking_number"], view["type"]) == (old["tracking_number"], "bilgi_edinme")
        assert view["anonymised_at"]
    assert call(service, "get_application", submitted["B"]["id"], True)["applicant"]["full_name"] == "*** gizli ***"
    assert call(service, "get_application", submitted["B"]["id"])["anonymised_at"] is None

    status = call(service, "lookup_status", old["tracking_number"], old["lookup_code"])
    assert status["subject"] == "Anonimleştirildi" and status["tracking_number"] == old["tracking_number"]

    pdf = base64.b64decode(call(service, "get_receipt", old["id"]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Anonimleştirildi" in text and old["tracking_number"] in text and "ESKIA" not in text


def test_only_an_admin_may_start_a_run_by_hand(service, submitted, query):
    for actor in ({"id": "ayse", "role": "pr_officer"}, {"id": "x", "role": "auditor"}, None):
        with pytest.raises(NotAllowed):
            call(service, "run_destruction", actor)
    assert query("SELECT count(*) AS n FROM destruction_runs")[0]["n"] == 0
    assert query("SELECT count(*) AS n FROM applications WHERE anonymised_at IS NOT NULL")[0]["n"] == 0


def test_the_schedule_runs_when_none_ran_for_the_interval_and_one_instance_at_a_time(
        service, submitted, intake_db, amqp_uri, query):
    holder = psycopg2.connect(intake_db)  # another intake instance in the middle of a run
    try:
        with holder.cursor() as cur:
            assert storage_retention.try_lock(cur)
        holder.commit()
        call(service, "destruction_schedule")
        with pytest.raises(DestructionInProgress):
            call(service, "run_destruction", ADMIN)
        assert query("SELECT count(*) AS n FROM destruction_runs")[0]["n"] == 0
        with holder.cursor() as cur:
            storage_retention.unlock(cur)
        holder.commit()
    finally:
        holder.close()

    call(service, "destruction_schedule")  # none ran yet: runs
    [run] = call(service, "destruction_runs")
    assert (run["trigger"], run["total"]) == ("schedule", 3)
    call(service, "destruction_schedule")  # the last one started just now: nothing
    assert len(call(service, "destruction_runs")) == 1

    # half a year later the schedule runs again
    execute(intake_db, "UPDATE destruction_runs SET started_at = started_at - interval '181 days'")
    call(service, "destruction_schedule")
    log = call(service, "destruction_runs")
    assert len(log) == 2 and log[0]["trigger"] == "schedule" and log[0]["total"] == 0
    assert len(events_published(amqp_uri, expected=4, timeout=5)) == 3


def test_big_runs_go_in_batches_of_one_event_each(service, query, amqp_uri):
    ids = [submit(service, application(f"ESKI{n}", days_ago=1100, attachments=False))["id"] for n in range(5)]
    database = get_extension(service, Database)
    store = Store(database.pool, database.relay, "intake")
    rules = retention.load_rules(service.config["RETENTION_FILE"])

    run = retention.run(store, rules, ADMIN, batch_size=2)

    assert run["counts"] == {"dilekce": 5}
    published = events_published(amqp_uri, expected=4, timeout=5)
    assert [len(e["payload"]["application_ids"]) for e in published] == [2, 2, 1]
    assert sorted(i for e in published for i in e["payload"]["application_ids"]) == sorted(ids)


def test_the_log_of_a_run_is_not_deleted(service, intake_db):
    call(service, "run_destruction", ADMIN)
    with pytest.raises(psycopg2.errors.RaiseException, match="kept at least 3 years"):
        execute(intake_db, "DELETE FROM destruction_runs")


def test_a_bad_rules_file_stops_the_service_with_what_is_wrong(intake_db, amqp_uri, container_factory, tmp_path):
    bad = tmp_path / "retention.yml"
    bad.write_text("rules:\n  dilekce: {label: D, types: [sikayet], keep_years: on, source: x, verify: true}\n",
                   encoding="utf-8")
    container = container_factory(IntakeService, {"AMQP_URI": amqp_uri, "DB_URL": intake_db, "OPS_PORT": 0,
                                                  "LOOKUP_CODE_SECRET": "test-secret", "RETENTION_FILE": str(bad)})
    with pytest.raises(retention.InvalidRetentionRules) as refused:
        container.start()
    assert "rules.dilekce.keep_years" in str(refused.value) and "'default' kuralı olmalı" in str(refused.value)
