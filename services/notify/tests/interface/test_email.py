"""Applicants hear by e-mail what the law says they must, once; the proof is kept and announced."""
import base64
import io
import json
import uuid

import pytest
from nameko.testing.services import entrypoint_hook
from pypdf import PdfReader

from contracts import intake, notify as events, routing
from contracts.envelope import make_envelope
from contracts.samples import load_samples
from contracts.topology import queue_name
from tests.support.broker import body_text, publish_raw, take_messages, wait_until

from .conftest import ANSWER_FILE

RECEIVED = load_samples()[("intake", intake.APPLICATION_RECEIVED)]["payload"]


def application(amqp_uri, **applicant):
    payload = dict(RECEIVED, application_id=str(uuid.uuid4()), lookup_code="K7P2-M9QX",
                   applicant=dict(RECEIVED["applicant"], **applicant))
    event = make_envelope(intake.APPLICATION_RECEIVED, payload, "corr-notify")
    publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICATION_RECEIVED, event)
    return event


def test_the_receipt_arrives_once_with_its_pdf_and_turkish_letters_intact(notify, sink, amqp_uri, query):
    event = application(amqp_uri)
    publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICATION_RECEIVED, event)  # delivered twice
    [mail] = wait_until(lambda: sink.messages())
    assert mail["Subject"] == "Başvurunuz alındı — GZM-2026-000123"
    assert mail["To"] == "ayse.yilmaz@example.org"
    text = mail.get_body(("plain",)).get_content()
    assert "Sayın Ayşe Yılmaz" in text and "Gizli kod: K7P2-M9QX" in text and "Sarnıç'ta çöp" in text
    [pdf] = list(mail.iter_attachments())
    assert pdf.get_filename() == "alindi-belgesi.pdf" and pdf.get_content().startswith(b"%PDF")
    [delivered] = take_messages(amqp_uri, queue_name("routing", events.EXCHANGE, events.NOTIFICATION_DELIVERED),
                                expected=1)
    payload = json.loads(body_text(delivered))["payload"]
    assert payload["kind"] == "receipt" and payload["application_id"] == event["payload"]["application_id"]
    assert "ayse" not in body_text(delivered)  # the address never travels
    assert len(sink.messages()) == 1
    with entrypoint_hook(notify, "deliveries") as deliveries:
        [record] = deliveries(event["payload"]["application_id"])
    assert record["status"] == "sent" and record["attempts"] == 1
    assert mail["Message-ID"] == f"<{record['id']}@gaziemir.bel.tr>"  # the same on every attempt


def test_a_mail_server_that_is_down_is_tried_again_until_it_answers(notify, sink, amqp_uri, query):
    sink.stop()
    event = application(amqp_uri)
    assert wait_until(lambda: (query("SELECT attempts FROM notifications") or [{"attempts": 0}])[0]["attempts"] >= 2)
    assert sink.messages() == []
    sink.start()
    [mail] = wait_until(lambda: sink.messages(), timeout=20)
    assert event["payload"]["tracking_number"] in mail["Subject"]
    [row] = query("SELECT status, attempts FROM notifications")
    assert row["status"] == "sent" and row["attempts"] >= 3


def test_a_message_left_sending_by_a_process_that_died_goes_again_with_the_same_message_id(notify, sink, amqp_uri,
                                                                                             query):
    application(amqp_uri)
    [first] = wait_until(lambda: sink.messages())
    # as if the process had died after the server took the message, before its outcome was written
    query("UPDATE notifications SET status = 'sending', sending_since = now() - interval '1 hour', sent_at = NULL")
    again = wait_until(lambda: (lambda mails: mails if len(mails) == 2 else None)(sink.messages()), timeout=20)
    assert again and again[1]["Message-ID"] == first["Message-ID"]
    [row] = query("SELECT status, sending_since FROM notifications")
    assert row == {"status": "sent", "sending_since": None}


def test_an_address_the_server_refuses_fails_once_and_is_reported(notify, sink, amqp_uri, query):
    application(amqp_uri, email="kimse@yok.example")
    [failed] = take_messages(amqp_uri, queue_name("routing", events.EXCHANGE, events.NOTIFICATION_FAILED),
                             expected=1, timeout=15)
    assert "550" in json.loads(body_text(failed))["payload"]["reason"]
    [row] = query("SELECT status, attempts FROM notifications")
    assert (row["status"], row["attempts"]) == ("failed", 1)


def test_without_an_e_mail_the_applicant_gets_an_sms_or_a_letter(notify, sms, amqp_uri, query):
    application(amqp_uri, email=None, phone="0532 111 22 33", preferred_reply_channel="sms")
    application(amqp_uri, email=None, phone=None, postal_address="Sarnıç Mah. 1 Sok. No 2",
                preferred_reply_channel=None)
    [text] = wait_until(lambda: sms.messages())
    assert text["to"] == "905321112233" and "GZM-2026-000123" in text["text"] and len(text["text"]) <= 160
    rows = wait_until(lambda: (lambda r: r if [x["status"] for x in r] == ["post", "sent"] else None)(
        query("SELECT channel, status FROM notifications ORDER BY channel")))
    assert [(r["channel"], r["status"]) for r in rows] == [("post", "post"), ("sms", "sent")]


def test_a_number_the_provider_refuses_fails_and_is_reported(notify, sms, amqp_uri, query):
    application(amqp_uri, email=None, phone="+90 532 111 0000", preferred_reply_channel="sms")
    [failed] = take_messages(amqp_uri, queue_name("routing", events.EXCHANGE, events.NOTIFICATION_FAILED),
                             expected=1, timeout=15)
    payload = json.loads(body_text(failed))["payload"]
    assert payload["channel"] == "sms" and payload["reason"].startswith("400")
    assert sms.messages() == []


def test_directorate_staff_find_a_new_case_in_their_inbox(notify, amqp_uri):
    sample = load_samples()[("routing", routing.CASE_OPENED)]
    publish_raw(amqp_uri, routing.EXCHANGE, routing.CASE_OPENED, make_envelope(
        routing.CASE_OPENED, sample["payload"], "corr-inbox"))
    cleaner = {"id": "temizlikci", "role": "directorate_staff", "directorate": "temizlik-isleri"}
    with entrypoint_hook(notify, "inbox") as inbox:
        [message] = wait_until(lambda: inbox(cleaner, True, 50))
    assert message["title"] == "Yeni dosya GZM-2026-000123" and not message["read"]
    with entrypoint_hook(notify, "mark_read") as mark_read:
        with pytest.raises(Exception) as not_theirs:
            mark_read(dict(cleaner, directorate="fen-isleri"), message["id"])
        assert "NotFound" in not_theirs.typename or "NotFound" in str(not_theirs.value)
        mark_read(cleaner, message["id"])
    with entrypoint_hook(notify, "inbox") as inbox:
        assert inbox(cleaner, True, 50) == []
        assert inbox(dict(cleaner, id="baskasi"), True, 50)  # read is per person
        assert inbox({"id": "fenci", "role": "directorate_staff", "directorate": "fen-isleri"}) == []


def test_directorates_get_an_e_mail_in_working_hours_and_a_breach_at_once(notify, amqp_uri, query):
    from notify.working_hours import next_working_moment

    opened = load_samples()[("routing", routing.CASE_OPENED)]
    breached = load_samples()[("routing", routing.DEADLINE_BREACHED)]
    for event_type, sample in ((routing.CASE_OPENED, opened), (routing.DEADLINE_BREACHED, breached)):
        publish_raw(amqp_uri, routing.EXCHANGE, event_type, make_envelope(event_type, sample["payload"], "corr-staff"))
    rows = wait_until(lambda: (lambda r: r if len(r) == 3 else None)(query(
        "SELECT recipient, subject, created_at, next_attempt_at FROM notifications WHERE kind = 'staff_notice' "
        "ORDER BY subject, recipient")))
    by_subject = {(r["subject"], r["recipient"]): r for r in rows}
    new_case = by_subject[("Yeni dosya GZM-2026-000123", "temizlik@gaziemir.bel.tr")]
    assert new_case["next_attempt_at"] == next_working_moment(new_case["created_at"])
    for mailbox in ("malihizmetler@gaziemir.bel.tr", "halklailiskiler@gaziemir.bel.tr"):
        urgent = by_subject[("YASAL SÜRE GEÇTİ: GZM-2026-000123", mailbox)]
        assert urgent["next_attempt_at"] == urgent["created_at"]


def test_the_answer_goes_out_with_its_files(notify, sink, amqp_uri):
    event = application(amqp_uri)
    wait_until(lambda: sink.messages())  # the receipt
    answer = load_samples()[("routing", routing.ANSWER_APPROVED)]["payload"]
    publish_raw(amqp_uri, routing.EXCHANGE, routing.ANSWER_APPROVED, make_envelope(
        routing.ANSWER_APPROVED, dict(answer, application_id=event["payload"]["application_id"]), "corr-answer"))
    [mail] = wait_until(lambda: [m for m in sink.messages() if m["Subject"].startswith("Başvurunuzun cevabı")])
    assert "Aracın güzergâhı" in mail.get_body(("plain",)).get_content()
    letter, answer_file = list(mail.iter_attachments())
    assert answer_file.get_filename() == "harcama-tablosu.pdf" and answer_file.get_content() == ANSWER_FILE
    assert letter.get_filename() == "cevap-yazisi-GZM-2026-000123.pdf"
    text = pdf_text(letter.get_content())
    for expected in ("GAZİEMİR BELEDİYESİ BAŞKANLIĞI", "Sayı: GZM-2026-000123", "Ayşe Yılmaz", "Aracın güzergâhı",
                     "1. cevap-yazisi.pdf"):
        assert expected in text


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def posted_application(amqp_uri):
    return application(amqp_uri, email=None, phone=None, postal_address="Sarnıç Mah. 1203 Sok. No: 7\nGaziemir / İZMİR",
                       preferred_reply_channel=None)


def test_the_post_room_prints_the_letter_with_the_receipt_behind_it(notify, amqp_uri):
    event = posted_application(amqp_uri)
    with entrypoint_hook(notify, "post_room") as post_room:
        [waiting] = wait_until(lambda: post_room())
    assert waiting["kind"] == "receipt" and waiting["tracking_number"] == "GZM-2026-000123"
    assert "postal_address" not in waiting and "body" not in waiting  # the list shows no personal data
    with entrypoint_hook(notify, "post_letter") as post_letter:
        found = post_letter(waiting["id"])
    assert found["filename"] == f"mektup-{waiting['id']}.pdf" and found["content_type"] == "application/pdf"
    printable = base64.b64decode(found["content_base64"])
    pages = PdfReader(io.BytesIO(printable)).pages
    assert len(pages) == 2  # the letter, then the receipt from intake
    letter = pages[0].extract_text()
    for expected in ("Ayşe Yılmaz", "Sarnıç Mah. 1203 Sok. No: 7", "Gaziemir / İZMİR", "Başvurunuz alındı",
                     "1. Başvuru alındı belgesi"):
        assert expected in letter
    assert "ALINDI BELGESI" in pages[1].extract_text()
    assert waiting["application_id"] == event["payload"]["application_id"]


POST_DESK = {"id": "postane", "role": "pr_officer", "directorate": None}


def test_a_posted_letter_is_recorded_once_and_routing_hears_the_applicant_was_told(notify, amqp_uri, query):
    event = posted_application(amqp_uri)
    with entrypoint_hook(notify, "post_room") as post_room:
        [waiting] = wait_until(lambda: post_room())
    with entrypoint_hook(notify, "mark_posted") as mark_posted:
        posted = mark_posted(waiting["id"], POST_DESK)
        assert posted["status"] == "sent" and posted["posted_by"] == "postane"
        with pytest.raises(Exception) as again:
            mark_posted(waiting["id"], POST_DESK)
    assert "AlreadyPosted" in again.typename or "AlreadyPosted" in str(again.value)
    [delivered] = take_messages(amqp_uri, queue_name("routing", events.EXCHANGE, events.NOTIFICATION_DELIVERED),
                                expected=1)
    payload = json.loads(body_text(delivered))["payload"]
    assert (payload["channel"], payload["kind"]) == ("post", "receipt")
    assert payload["application_id"] == event["payload"]["application_id"]
    assert "Sarnıç" not in body_text(delivered)
    with entrypoint_hook(notify, "post_room") as post_room:
        assert post_room() == []
        [done] = post_room(True)
    assert done["posted_by"] == "postane" and done["sent_at"]


def test_a_forwarding_heard_before_its_application_still_reaches_the_applicant(notify, sink, amqp_uri):
    application_id = str(uuid.uuid4())
    forwarded = load_samples()[("routing", routing.CASE_FORWARDED)]["payload"]
    # routing forwarded the case before notify had read the application it came from
    publish_raw(amqp_uri, routing.EXCHANGE, routing.CASE_FORWARDED, make_envelope(
        routing.CASE_FORWARDED, dict(forwarded, application_id=application_id), "corr-early"))
    payload = dict(RECEIVED, application_id=application_id, applicant=dict(RECEIVED["applicant"],
                                                                         email="erken@example.org"))
    publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICATION_RECEIVED,
                make_envelope(intake.APPLICATION_RECEIVED, payload, "corr-early"))
    told = wait_until(lambda: [m for m in sink.messages() if m["To"] == "erken@example.org"
                               and forwarded["tracking_number"] in m["Subject"] and "alındı" not in m["Subject"]],
                      timeout=30)
    assert told, "the applicant was never told of the forwarding"
