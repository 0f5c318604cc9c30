"""Taking in applications through intake's RPC entrypoints, against real PostgreSQL and RabbitMQ."""
import base64
import json
from datetime import datetime

import eventlet
import pytest
from nameko.standalone.rpc import ServiceRpcProxy
from nameko.testing.services import entrypoint_hook

from contracts import attachments, intake as events
from contracts.attachments import AttachmentFileSchema
from contracts.topology import queue_name
from intake import storage
from intake.exceptions import IdempotencyConflict, InvalidSubmission, NotFound
from tests.support.broker import body_text, take_messages

RECEIVED_QUEUE = queue_name("notify", events.EXCHANGE, events.APPLICATION_RECEIVED)
NOT_PROCESSED_QUEUE = queue_name("notify", events.EXCHANGE, events.APPLICATION_NOT_PROCESSED)


def complaint(n=1, **changes):
    data = {"channel": "cimer", "type": "sikayet", "category": "cop", "subject": f"Çöp toplanmıyor {n}",
            "body": f"Sarnıç'ta sokağımızda üç gündür çöp alınmadı ({n}).", "neighbourhood": "SARNIÇ",
            "applicant": {"full_name": "Ayşe Yılmaz", "email": f"ayse{n}@example.org", "tc_kimlik_no": "10000000146",
                          "postal_address": "Sarnıç Mah. 1 Sok. No 2", "preferred_reply_channel": "email"}}
    data.update(changes)
    return data


def submit(container, data, submitted_by="cimer", key=None):
    with entrypoint_hook(container, "submit_application") as call:
        return call(data, submitted_by, key)


def test_application_is_stored_numbered_and_announced_once(intake, amqp_uri, query):
    result = submit(intake, complaint(source_system="cimer", source_reference="CMR-1"))
    app = result["application"]
    year = datetime.now().year
    assert result["created"] and app["status"] == "received"
    assert app["tracking_number"] == f"GZM-{year}-000001"
    assert len(app["lookup_code"]) == 9

    [message] = take_messages(amqp_uri, RECEIVED_QUEUE, expected=1)
    envelope = json.loads(body_text(message))
    assert envelope["event_type"] == events.APPLICATION_RECEIVED
    assert envelope["payload"]["tracking_number"] == app["tracking_number"]
    assert envelope["payload"]["neighbourhood"] == "Sarnıç"  # the seed's spelling, whatever was typed
    assert "10000000146" not in body_text(message)  # the TC Kimlik No never leaves intake
    assert query("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL")[0]["n"] == 0
    [row] = query("SELECT a.tracking_number, p.tc_kimlik_no FROM applications a JOIN applicants p "
                  "ON p.application_id = a.id")
    assert row == {"tracking_number": app["tracking_number"], "tc_kimlik_no": "10000000146"}


def test_the_same_transfer_posted_twice_is_stored_once(intake, amqp_uri, query):
    first = submit(intake, complaint(source_system="cimer", source_reference="CMR-7"))
    again = submit(intake, complaint(source_system="cimer", source_reference="CMR-7"))
    assert again == {"application": first["application"], "created": False}
    assert query("SELECT count(*) AS n FROM applications")[0]["n"] == 1
    assert len(take_messages(amqp_uri, RECEIVED_QUEUE, expected=2, timeout=3)) == 1


def test_the_same_reference_by_another_way_is_the_original_whatever_key_it_carries(intake, query):
    """The portal posts an application over HTTP and publishes it as an event (its key: the event's id): whichever
    arrives second is the same application, answered with the original, not a conflict dead-lettered."""
    first = submit(intake, complaint(source_system="portal", source_reference="EB-9"), submitted_by="portal")
    event = submit(intake, dict(complaint(source_system="portal", source_reference="EB-9"), subject="Başka yazım"),
                   submitted_by="inbound:portal", key="event-id-1")
    assert event == {"application": first["application"], "created": False}
    assert query("SELECT count(*) AS n FROM applications")[0]["n"] == 1


def test_an_idempotency_key_returns_the_original_and_refuses_a_different_request(intake, query):
    first = submit(intake, complaint(1), key="key-1")
    assert submit(intake, complaint(1), key="key-1")["application"]["id"] == first["application"]["id"]
    with pytest.raises(IdempotencyConflict):
        submit(intake, complaint(2), key="key-1")
    # the same key from another client is that client's own key
    assert submit(intake, complaint(1), submitted_by="portal", key="key-1")["created"] is True
    assert query("SELECT count(*) AS n FROM applications")[0]["n"] == 2


def test_tracking_numbers_are_gap_free_under_concurrent_submissions(intake, amqp_uri, query):
    def submit_over_rpc(n):
        # one proxy per green thread: a proxy must not be shared between them (DESIGN.md §11)
        with ServiceRpcProxy("intake", {"AMQP_URI": amqp_uri}) as proxy:
            return proxy.submit_application(complaint(n), "cimer", None)

    results = list(eventlet.GreenPool(20).imap(submit_over_rpc, range(40)))
    numbers = sorted(int(r["application"]["tracking_number"].rsplit("-", 1)[1]) for r in results)
    assert numbers == list(range(1, 41))


def test_a_number_taken_by_a_rolled_back_transaction_is_given_again(intake, intake_db, query):
    from servicekit.db import Pool, Store

    store = Store(Pool(intake_db, 1), relay=None, service_name="intake")
    year = datetime.now().year
    with pytest.raises(RuntimeError):
        with store.transaction() as tx:
            assert storage.next_sequence(tx.cursor, year) == 1
            raise RuntimeError("failed after taking the number")
    assert submit(intake, complaint())["application"]["tracking_number"].endswith("-000001")


def test_formally_defective_petition_is_kept_as_not_processed_with_reasons(intake, amqp_uri, query):
    result = submit(intake, complaint(channel="dilekce", applicant={"email": "x@example.org"}))
    app = result["application"]
    assert app["status"] == "not_processed"
    assert {r["code"] for r in app["reasons"]} == {"ad_soyad_yok", "adres_yok"}
    [message] = take_messages(amqp_uri, NOT_PROCESSED_QUEUE, expected=1)
    assert json.loads(body_text(message))["payload"]["reasons"][0]["article"].startswith("3071")
    assert query("SELECT status FROM applications")[0]["status"] == "not_processed"


def test_invalid_submission_is_refused_with_field_errors_and_nothing_stored(intake, query):
    with pytest.raises(InvalidSubmission) as caught:
        submit(intake, complaint(neighbourhood="Kadıköy"))
    assert "neighbourhood" in caught.value.args[0]
    assert query("SELECT count(*) AS n FROM applications")[0]["n"] == 0


def test_likely_duplicate_from_the_same_applicant_is_flagged_not_merged(intake):
    first = submit(intake, complaint(1))["application"]
    second = submit(intake, complaint(1, body=complaint(1)["body"] + "!"))["application"]
    assert second["possible_duplicate_of"] == [first["tracking_number"]]
    assert second["id"] != first["id"]


def test_a_duplicate_hint_names_only_applications_the_caller_submitted(intake):
    # the same person writes through two API clients: the second client must not learn the first's number
    first = submit(intake, complaint(1), submitted_by="portal-a")["application"]
    second = submit(intake, complaint(1, body=complaint(1)["body"] + "!"), submitted_by="portal-b")["application"]
    assert second["possible_duplicate_of"] == []
    third = submit(intake, complaint(1, body=complaint(1)["body"] + "!!"), submitted_by="portal-a")["application"]
    assert third["possible_duplicate_of"] == [first["tracking_number"]]
    with entrypoint_hook(intake, "get_application") as get:
        assert get(second["id"], False, "portal-b")["possible_duplicate_of"] == []
        assert get(third["id"], False, "portal-a")["possible_duplicate_of"] == [first["tracking_number"]]
        # staff who see every application see every hint
        assert set(get(third["id"], False, None)["possible_duplicate_of"]) == {first["tracking_number"],
                                                                                second["tracking_number"]}


def test_hidden_applicant_is_masked_when_asked(intake):
    data = complaint(applicant={"full_name": "Ayşe Yılmaz", "email": "a@example.org", "hide_identity": True})
    app_id = submit(intake, data)["application"]["id"]
    with entrypoint_hook(intake, "get_application") as get:
        assert get(app_id, False)["applicant"]["full_name"] == "Ayşe Yılmaz"
        masked = get(app_id, True)["applicant"]
    assert masked["full_name"] != "Ayşe Yılmaz" and masked["email"] != "a@example.org"


def test_applicant_sees_status_only_with_the_right_code(intake):
    app = submit(intake, complaint())["application"]
    with entrypoint_hook(intake, "lookup_status") as lookup:
        status = lookup(app["tracking_number"], app["lookup_code"].lower())
        assert status["status_label"] == "Alındı"
        assert "applicant" not in status
        with pytest.raises(NotFound):
            lookup(app["tracking_number"], "AAAA-AAAA")


def test_receipt_is_a_pdf(intake):
    app = submit(intake, complaint())["application"]
    with entrypoint_hook(intake, "get_receipt") as receipt:
        pdf = base64.b64decode(receipt(app["id"]))
    assert pdf.startswith(b"%PDF")


def test_the_receipt_is_the_one_file_intake_serves_to_whoever_sends_it(intake):
    app = submit(intake, complaint())["application"]
    with entrypoint_hook(intake, "attachment") as attachment:
        served = AttachmentFileSchema().load(attachment(attachments.RECEIPT_PDF, app["id"]))
        with pytest.raises(NotFound):  # an answer's file is routing's to give
            attachment(attachments.ANSWER_FILE, app["id"])
    assert (served["filename"], served["content_type"]) == ("alindi-belgesi.pdf", "application/pdf")
    assert base64.b64decode(served["content_base64"]).startswith(b"%PDF")
