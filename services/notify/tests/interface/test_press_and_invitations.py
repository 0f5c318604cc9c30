"""What the press office and the protocol desk send through notify: releases to the media with their
photos, important news to the directorates, the morning digest, renewals, invitations with a
personal reply link, issues of the municipality's publication and a press conference's materials, each once."""
from nameko.testing.services import entrypoint_hook

from contracts import contacts, press
from contracts.envelope import make_envelope
from contracts.samples import load_samples
from tests.support.broker import publish_raw, wait_until

from .conftest import ISSUE_PDF, PHOTO, RECEIPT, SLIDES


def sample(source, event_type):
    return load_samples()[(source, event_type)]


def publish(amqp_uri, exchange, event_type, payload, twice=True):
    event = make_envelope(event_type, payload, "corr-press")
    for _ in range(2 if twice else 1):  # delivered twice: told once
        publish_raw(amqp_uri, exchange, event_type, event)
    return event


def test_a_published_release_reaches_every_media_contact_once_with_its_photos(notify, sink, amqp_uri):
    payload = dict(sample("press", press.RELEASE_PUBLISHED)["payload"])
    recipients = payload["recipients"]
    publish(amqp_uri, press.EXCHANGE, press.RELEASE_PUBLISHED, payload)
    mails = wait_until(lambda: (lambda m: m if len(m) == len(recipients) else None)(sink.messages()))
    assert sorted(m["To"] for m in mails) == sorted(r["email"] for r in recipients)
    for mail in mails:
        assert mail["Subject"] == payload["title"]
        assert payload["body"][:40] in mail.get_body(("plain",)).get_content()
        photos = list(mail.iter_attachments())
        assert [p.get_filename() for p in photos] == ["park.jpg"] * len(payload["photos"])
        assert photos[0].get_content() == PHOTO
    wait_until(lambda: False, timeout=1)
    assert len(sink.messages()) == len(recipients)


def test_important_news_reaches_the_directorates_inbox_and_mailbox_at_once(notify, sink, amqp_uri, query):
    payload = dict(sample("press", press.CLIPPING_FLAGGED)["payload"], directorates=["fen-isleri"])
    publish(amqp_uri, press.EXCHANGE, press.CLIPPING_FLAGGED, payload)
    [mail] = wait_until(lambda: sink.messages())
    assert mail["To"] == "fenisleri@gaziemir.bel.tr" and mail["Subject"].startswith("Önemli haber: ")
    assert payload["outlet"] in mail.get_body(("plain",)).get_content()
    with entrypoint_hook(notify, "inbox") as inbox:
        [item] = wait_until(lambda: inbox({"id": "fenci", "role": "directorate_staff", "directorate": "fen-isleri"},
                                          True, 50))
        assert inbox({"id": "parkci", "role": "directorate_staff", "directorate": "park-ve-bahceler"}, True, 50) == []
    assert item["title"] == f"Önemli haber: {payload['title']}"


def test_the_morning_digest_goes_to_the_mayors_office_with_its_pdf(notify, sink, amqp_uri):
    payload = sample("press", press.DIGEST_READY)["payload"]
    publish(amqp_uri, press.EXCHANGE, press.DIGEST_READY, payload)
    [mail] = wait_until(lambda: sink.messages())
    assert mail["To"] == "baskanlik@gaziemir.bel.tr" and mail["Subject"] == payload["subject"]
    [pdf] = list(mail.iter_attachments())
    assert pdf.get_filename() == "basin-ozeti.pdf" and pdf.get_content() == RECEIPT


def test_a_subscription_to_renew_is_in_the_press_officers_inbox(notify, amqp_uri):
    payload = sample("press", press.SUBSCRIPTION_RENEWAL_DUE)["payload"]
    publish(amqp_uri, press.EXCHANGE, press.SUBSCRIPTION_RENEWAL_DUE, payload)
    with entrypoint_hook(notify, "inbox") as inbox:
        [item] = wait_until(lambda: inbox({"id": "basinci", "role": "press_officer", "directorate": None}, True, 50))
    assert item["title"] == f"Abonelik yenilenecek: {payload['publication']}"


def test_each_invitee_gets_a_personal_reply_link_by_e_mail_or_sms(notify, sink, sms, amqp_uri):
    payload = sample("contacts", contacts.INVITATIONS_ISSUED)["payload"]
    by_mail, by_sms = payload["invitees"]
    shared = dict(by_mail, invitation_id="9b1d3f5a-7c9e-4b1d-8f5a-7c9e1b3d5f7a", full_name="Kaymakam Yardımcısı",
                  reply_url=by_mail["reply_url"].replace("3b5d7f9a", "9b1d3f5a"))  # the same office mailbox
    publish(amqp_uri, contacts.EXCHANGE, contacts.INVITATIONS_ISSUED, dict(payload, invitees=[by_mail, by_sms, shared]))
    mails = wait_until(lambda: (lambda m: m if len(m) == 2 else None)(sink.messages()))
    assert {m["To"] for m in mails} == {by_mail["email"]}
    bodies = {m.get_body(("plain",)).get_content() for m in mails}
    assert any(by_mail["reply_url"] in body and "Sayın İsmail Işık" in body for body in bodies)
    assert any(shared["reply_url"] in body for body in bodies)
    assert all(m["Subject"] == f"Davet: {payload['title']}" and "29.10.2026, saat 10:00" in
               m.get_body(("plain",)).get_content() for m in mails)
    [text] = wait_until(lambda: sms.messages())
    assert text["to"] == "905321112233" and by_sms["reply_url"] in text["text"]


def test_an_issue_reaches_its_distribution_list_with_its_pdf_or_only_its_link_when_too_big(notify, sink, amqp_uri):
    payload = sample("press", press.ISSUE_DISTRIBUTED)["payload"]
    [reader] = payload["recipients"]
    publish(amqp_uri, press.EXCHANGE, press.ISSUE_DISTRIBUTED, payload)
    [mail] = wait_until(lambda: sink.messages())
    assert mail["To"] == reader["email"] and mail["Subject"] == "Gaziemir Bülten — 42. sayı (25.11.2026)"
    body = mail.get_body(("plain",)).get_content()
    assert f"Sayın {reader['full_name']}" in body and payload["pdf_url"] in body
    [pdf] = list(mail.iter_attachments())
    assert pdf.get_filename() == "bulten-42.pdf" and pdf.get_content_type() == "application/pdf"
    assert pdf.get_content() == ISSUE_PDF

    big = dict(payload, issue_id="1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a", number=43,
               pdf=dict(payload["pdf"], size=50 * 1024 * 1024))
    publish(amqp_uri, press.EXCHANGE, press.ISSUE_DISTRIBUTED, big)
    mails = wait_until(lambda: (lambda m: m if len(m) == 2 else None)(sink.messages()))
    [linked] = [m for m in mails if m["Subject"] == "Gaziemir Bülten — 43. sayı (25.11.2026)"]
    assert list(linked.iter_attachments()) == []
    assert payload["pdf_url"] in linked.get_body(("plain",)).get_content()


def test_a_conference_s_materials_reach_every_guest_with_every_file(notify, sink, amqp_uri):
    payload = sample("press", press.CONFERENCE_MATERIALS_SHARED)["payload"]
    guests = payload["recipients"] + [{"contact_id": "d1", "full_name": "Deniz Aydın",
                                       "email": "deniz@egehaber.example"}]
    publish(amqp_uri, press.EXCHANGE, press.CONFERENCE_MATERIALS_SHARED, dict(payload, recipients=guests))
    mails = wait_until(lambda: (lambda m: m if len(m) == len(guests) else None)(sink.messages()))
    assert sorted(m["To"] for m in mails) == sorted(g["email"] for g in guests)
    for mail in mails:
        assert mail["Subject"] == f"Basın toplantısı materyalleri: {payload['title']}"
        body = mail.get_body(("plain",)).get_content()
        assert "26.11.2026, saat 11:00" in body and payload["note"] in body
        files = [(f.get_filename(), f.get_content_type(), f.get_content()) for f in mail.iter_attachments()]
        assert files == [("sunum.pdf", "application/pdf", SLIDES), ("santiye.jpg", "image/jpeg", PHOTO)]
    wait_until(lambda: False, timeout=1)
    assert len(sink.messages()) == len(guests)
