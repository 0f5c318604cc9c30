"""KVKK destruction: once intake anonymises an application, nothing of its applicant remains in notify's
database, what operations and the law's reports need stays, and what was waiting to go out never does."""
import time
import uuid

from nameko.testing.services import entrypoint_hook

from contracts import intake, routing
from contracts.envelope import make_envelope
from contracts.samples import load_samples
from contracts.topology import queue_name
from tests.support.broker import publish_raw, queue_depth, wait_until

RECEIVED = load_samples()[("intake", intake.APPLICATION_RECEIVED)]["payload"]
EXTENDED = load_samples()[("routing", routing.DEADLINE_EXTENDED)]["payload"]

FERIDE = {"full_name": "Feride Kocabaş", "email": "feride.kocabas@example.org", "phone": "0533 444 55 66",
          "postal_address": "Yeşilyurt Mah. 4587 Sok. No 12 Gaziemir/İzmir", "preferred_reply_channel": "email"}
KEMAL = {"full_name": "Kemal Sarıgül", "email": "kemal.sarigul@example.net", "phone": "0542 777 88 99",
         "postal_address": "Irmak Mah. 9021 Sok. No 3 Gaziemir/İzmir", "preferred_reply_channel": "email"}


def traces(applicant):
    """Every string of the applicant that must not survive, the phone also as the SMS provider gets it."""
    digits = "".join(ch for ch in applicant["phone"] if ch.isdigit())
    return [applicant["full_name"], applicant["email"], applicant["phone"], applicant["postal_address"],
            "90" + digits[1:], applicant["email"].split("@")[0]]


def found(query, needles):
    """{(table, column): [needles]} found in any text-like column of any table of notify's database: the
    columns are read from the catalogue, so a column added later is searched too."""
    columns = query("SELECT table_schema, table_name, column_name FROM information_schema.columns "
                    "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
                    "AND (data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') "
                    "OR udt_name IN ('_text', '_varchar', '_json', '_jsonb'))")
    assert any(c["table_name"] == "notifications" and c["column_name"] == "body" for c in columns)
    hits = {}
    for column in columns:
        where = f'"{column["table_schema"]}"."{column["table_name"]}"'
        for needle in needles:
            [row] = query(f'SELECT count(*) AS n FROM {where} WHERE "{column["column_name"]}"::text ILIKE %s',
                          f"%{needle}%")
            if row["n"]:
                hits.setdefault((column["table_name"], column["column_name"]), []).append(needle)
    return hits


def receive(amqp_uri, applicant, tracking_number):
    payload = dict(RECEIVED, application_id=str(uuid.uuid4()), tracking_number=tracking_number,
                   lookup_code="K7P2-M9QX", applicant=dict(RECEIVED["applicant"], **applicant))
    publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICATION_RECEIVED,
                make_envelope(intake.APPLICATION_RECEIVED, payload, "corr-retention"))
    return payload["application_id"]


def extend(amqp_uri, application_id, tracking_number):
    publish_raw(amqp_uri, routing.EXCHANGE, routing.DEADLINE_EXTENDED, make_envelope(
        routing.DEADLINE_EXTENDED, dict(EXTENDED, application_id=application_id, case_id=str(uuid.uuid4()),
                                        tracking_number=tracking_number), "corr-retention"))


def anonymised(application_ids):
    return make_envelope(intake.APPLICANTS_ANONYMISED, {
        "run_id": str(uuid.uuid4()), "rule": "dilekce", "application_ids": application_ids}, "corr-imha")


def handled(amqp_uri, query, *events):
    """Publish the events, then wait until notify has taken them all (a sentinel event behind them)."""
    sentinel = anonymised([str(uuid.uuid4())])
    for event in (*events, sentinel):
        publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICANTS_ANONYMISED, event)
    assert wait_until(lambda: query("SELECT 1 FROM inbox WHERE event_id = %s", sentinel["event_id"]))
    queue = queue_name("notify", intake.EXCHANGE, intake.APPLICANTS_ANONYMISED)
    assert wait_until(lambda: queue_depth(amqp_uri, queue) == 0)
    time.sleep(0.5)  # a worker may still be committing the one before the sentinel


KEPT = "id, kind, channel, status, attempts, tracking_number, application_id, case_id, created_at, sent_at"


def test_nothing_of_an_anonymised_applicant_remains_and_nothing_waiting_goes_out(notify, sink, amqp_uri, query):
    feride = receive(amqp_uri, FERIDE, "GZM-2026-000501")
    kemal = receive(amqp_uri, KEMAL, "GZM-2026-000502")
    assert len(wait_until(lambda: (lambda mails: mails if len(mails) == 2 else None)(sink.messages()))) == 2
    # the mail server goes away: both extensions wait in the queue, retried
    sink.stop()
    extend(amqp_uri, feride, "GZM-2026-000501")
    extend(amqp_uri, kemal, "GZM-2026-000502")
    assert wait_until(lambda: len(query("SELECT 1 FROM notifications WHERE kind = 'extension' AND status = 'queued' "
                                        "AND attempts >= 1")) == 2)
    before = found(query, traces(FERIDE))
    assert ("applicants", "full_name") in before and ("notifications", "recipient") in before  # the check sees
    assert ("notifications", "body") in before and ("notifications", "dedupe_key") in before
    receipt = query(f"SELECT {KEPT} FROM notifications WHERE application_id = %s AND kind = 'receipt'", feride)

    event = anonymised([feride])
    handled(amqp_uri, query, event, event)  # delivered twice: handled once

    assert found(query, traces(FERIDE)) == {}
    assert query("SELECT 1 FROM applicants WHERE application_id = %s", feride) == []
    assert len(query("SELECT 1 FROM inbox WHERE event_id = %s", event["event_id"])) == 1
    # what the law's reports and operations need stays
    assert query(f"SELECT {KEPT} FROM notifications WHERE application_id = %s AND kind = 'receipt'", feride) == receipt
    rows = query("SELECT kind, channel, status, recipient, subject, body, last_error, attachments, "
                 "personal_data_destroyed_at, destruction_run_id::text AS run FROM notifications "
                 "WHERE application_id = %s ORDER BY kind", feride)
    assert [(r["kind"], r["channel"], r["status"]) for r in rows] == [("extension", "email", "failed"),
                                                                      ("receipt", "email", "sent")]
    for row in rows:
        assert (row["recipient"], row["subject"], row["body"], row["attachments"]) == ("anonimleştirildi", "", "", [])
        assert row["personal_data_destroyed_at"] and row["run"] == event["payload"]["run_id"]
    assert rows[0]["last_error"] == "kişisel veri imha edildi"
    with entrypoint_hook(notify, "deliveries") as deliveries:
        assert [(r["kind"], r["status"]) for r in deliveries(feride)] == [("receipt", "sent"), ("extension", "failed")]

    # the other applicant is untouched, and their waiting message still goes out once the server is back
    assert set(found(query, traces(KEMAL))) >= {("applicants", "full_name"), ("applicants", "email"),
                                                ("applicants", "phone"), ("applicants", "postal_address"),
                                                ("notifications", "recipient"), ("notifications", "body")}
    [contact] = query("SELECT full_name, email, phone, postal_address FROM applicants WHERE application_id = %s", kemal)
    assert contact == {key: KEMAL[key] for key in contact}
    sink.start()
    to_kemal = lambda: [m for m in sink.messages() if m["To"] == KEMAL["email"]]  # noqa: E731
    assert len(wait_until(lambda: (lambda mails: mails if len(mails) == 2 else None)(to_kemal()), timeout=30)) == 2
    time.sleep(3)  # several passes of the delivery loop
    assert [m["To"] for m in sink.messages()].count(FERIDE["email"]) == 1  # the receipt, before
    assert all(KEMAL["email"] == m["To"] or FERIDE["email"] == m["To"] for m in sink.messages())
    [waiting] = query("SELECT status, recipient FROM notifications WHERE application_id = %s AND kind = 'extension'",
                      feride)
    assert waiting == {"status": "failed", "recipient": "anonimleştirildi"}


def test_a_letter_waiting_for_the_post_room_is_not_printed_or_posted(notify, amqp_uri, query):
    letter_only = dict(FERIDE, email=None, phone=None, preferred_reply_channel=None)
    application_id = receive(amqp_uri, letter_only, "GZM-2026-000503")
    with entrypoint_hook(notify, "post_room") as post_room:
        assert wait_until(lambda: post_room())
    handled(amqp_uri, query, anonymised([application_id]))
    assert found(query, traces(FERIDE)) == {}
    with entrypoint_hook(notify, "post_room") as post_room:
        assert post_room() == [] and post_room(True) == []
    [row] = query("SELECT channel, status, last_error FROM notifications WHERE application_id = %s", application_id)
    assert row == {"channel": "post", "status": "failed", "last_error": "kişisel veri imha edildi"}
