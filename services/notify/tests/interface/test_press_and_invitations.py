"""What the press office and the protocol desk send through notify: releases to the media with their
photos, important news to the directorates, the morning digest, renewals, and invitations with a
personal reply link, each once."""
from nameko.testing.services import entrypoint_hook

from contracts import contacts, press
from contracts.envelope import make_envelope
from contracts.samples import load_samples
from tests.support.broker import publish_raw, wait_until

from .conftest import PHOTO, RECEIPT


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
        [item] = wait_until(lambda: inbox("fenci", ["directorate:fen-isleri"], True, 50))
        assert inbox("parkci", ["directorate:park-ve-bahceler"], True, 50) == []
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
        [item] = wait_until(lambda: inbox("basinci", ["role:press_officer"], True, 50))
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
