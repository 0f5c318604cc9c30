"""What is told to whom, and how it reads, without a broker or database."""
from datetime import datetime, timezone

import pytest

from contracts import intake, press, routing
from contracts.samples import load_samples
from notify import messages, plans
from notify.sender import backoff_seconds
from notify.sms_channel import e164_digits

CONTACT = {"full_name": "Ayşe Yılmaz", "email": "ayse@example.org", "phone": "+905321112233",
           "postal_address": "Sarnıç Mah.", "preferred_reply_channel": "sms"}


@pytest.mark.parametrize("contact,expected", [
    (CONTACT, ("sms", "+905321112233")),
    ({**CONTACT, "preferred_reply_channel": None}, ("email", "ayse@example.org")),
    ({**CONTACT, "preferred_reply_channel": "email", "email": None}, ("sms", "+905321112233")),
    ({"postal_address": "Sarnıç Mah."}, ("post", "Sarnıç Mah.")),
    ({}, None),
])
def test_the_applicant_is_reached_on_the_preferred_channel_when_possible(contact, expected):
    assert plans.reply_channel(contact) == expected


def test_a_refusal_carries_its_article_and_the_bedk_remedy_in_turkish():
    payload = {"tracking_number": "GZM-2026-000123", "text": "Kişisel veri içerir.", "interim": False,
               "outcome": "refused", "exemption_article": "21", "remedy": "BEDK'ya 15 gün içinde itiraz edebilirsiniz.",
               "case_id": "c", "application_id": "a"}
    [outgoing] = plans.for_applicant(routing.ANSWER_APPROVED, payload, {**CONTACT, "preferred_reply_channel": "email"})
    subject, body = messages.render(outgoing.kind, outgoing.channel, outgoing.context)
    assert subject == "Başvurunuzun cevabı — GZM-2026-000123"
    assert "Sayın Ayşe Yılmaz" in body and "m. 21" in body and "BEDK" in body


def test_the_receipt_goes_with_an_e_mail_or_a_letter_never_an_sms():
    payload = {"tracking_number": "GZM-2026-000123", "subject": "Çöp", "lookup_code": "K7P2-M9QX",
               "received_at": datetime(2026, 3, 13, tzinfo=timezone.utc)}
    [by_mail] = plans.for_applicant(intake.APPLICATION_RECEIVED, payload, {**CONTACT, "preferred_reply_channel": "email"})
    [by_post] = plans.for_applicant(intake.APPLICATION_RECEIVED, payload, {"postal_address": "Sarnıç Mah."})
    assert by_post.channel == "post" and by_post.attach_receipt
    [by_sms] = plans.for_applicant(intake.APPLICATION_RECEIVED, payload, CONTACT)
    assert by_mail.attach_receipt and not by_sms.attach_receipt
    _, text = messages.render(by_sms.kind, by_sms.channel, by_sms.context)
    assert len(text) <= 160 and "GZM-2026-000123" in text


def test_staff_hear_of_a_breach_and_so_does_the_pr_desk():
    payload = {"tracking_number": "GZM-2026-000123", "directorate": "mali-hizmetler", "legal_due_on": "2026-06-05"}
    audiences = [item.audience for item in plans.for_staff(routing.DEADLINE_BREACHED, payload)]
    assert audiences == ["directorate:mali-hizmetler", "role:pr_officer"]
    [triage] = plans.for_staff(routing.CASE_OPENED, {**payload, "directorate": None})
    assert triage.audience == "role:pr_officer"


def test_phone_numbers_are_normalised_for_the_provider():
    assert e164_digits("0532 111 22 33") == e164_digits("+90 (532) 111 22 33") == "905321112233"
    assert e164_digits("5321112233") == "905321112233"


def test_retries_wait_longer_each_time_up_to_an_hour():
    assert [backoff_seconds(n, 30) for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff_seconds(20, 30) == 3600


def test_staff_are_told_in_working_hours_in_istanbul():
    from notify.working_hours import ISTANBUL, next_working_moment

    def at(*args):
        return datetime(*args, tzinfo=ISTANBUL)

    assert next_working_moment(at(2026, 3, 16, 10, 0)) == at(2026, 3, 16, 10, 0)     # Monday morning: now
    assert next_working_moment(at(2026, 3, 16, 18, 0)) == at(2026, 3, 17, 8, 30)     # evening: next morning
    assert next_working_moment(at(2026, 3, 13, 19, 0)) == at(2026, 3, 16, 8, 30)     # Friday evening: Monday
    assert next_working_moment(at(2026, 3, 19, 20, 0)) == at(2026, 3, 23, 8, 30)     # across Ramazan Bayramı
    assert next_working_moment(at(2026, 3, 16, 7, 0)) == at(2026, 3, 16, 8, 30)      # before opening


def test_a_breach_and_a_last_day_warning_are_urgent_other_notices_wait():
    payload = {"tracking_number": "GZM-2026-000123", "directorate": "mali-hizmetler"}
    assert all(item.urgent for item in plans.for_staff(routing.DEADLINE_BREACHED, payload))
    assert plans.for_staff(routing.DEADLINE_WARNING, {**payload, "working_days_left": 0})[0].urgent
    assert not plans.for_staff(routing.DEADLINE_WARNING, {**payload, "working_days_left": 2})[0].urgent
    assert not plans.for_staff(routing.CASE_OPENED, payload)[0].urgent


def test_each_channel_keeps_to_its_rate():
    from notify.sender import per_pass

    assert per_pass(600, 1) == 10 and per_pass(60, 1) == 1 and per_pass(1, 1) == 1


def test_only_the_answer_by_e_mail_carries_a_generated_letter():
    payload = {"tracking_number": "GZM-2026-000123", "text": "Cevap.", "interim": False, "outcome": "answered",
               "case_id": "c", "application_id": "a", "attachments": [{"id": "f1", "filename": "tablo.pdf"}]}
    [by_mail] = plans.for_applicant(routing.ANSWER_APPROVED, payload, {**CONTACT, "preferred_reply_channel": "email"})
    [by_post] = plans.for_applicant(routing.ANSWER_APPROVED, payload, {"postal_address": "Sarnıç Mah."})
    [by_sms] = plans.for_applicant(routing.ANSWER_APPROVED, payload, CONTACT)
    assert by_mail.attach_letter and by_mail.attachments == ({"kind": "answer_file", "id": "f1", "filename": "tablo.pdf"},)
    assert not by_post.attach_letter and by_post.attachments  # the letter itself is what is posted
    assert not by_sms.attach_letter and by_sms.attachments == ()
    extension = plans.for_applicant(routing.DEADLINE_EXTENDED, {"tracking_number": "GZM-2026-000123",
                                    "reason": "İzBB", "legal_due_on": "26.06.2026", "application_id": "a"},
                                    {**CONTACT, "preferred_reply_channel": "email"})
    assert not extension[0].attach_letter


def press_payload(event_type, schema, **changes):
    """A sample event's payload as the handler gets it (loaded by its schema), with two recipients."""
    payload = dict(load_samples()[("press", event_type)]["payload"], **changes)
    payload["recipients"] = payload["recipients"] + [
        {"contact_id": "d1", "full_name": "Deniz Aydın", "email": "deniz@egehaber.example"}]
    return schema().load(payload)


def issue(size):
    sample = load_samples()[("press", press.ISSUE_DISTRIBUTED)]["payload"]
    return press_payload(press.ISSUE_DISTRIBUTED, press.IssueDistributedSchema, pdf=dict(sample["pdf"], size=size))


def test_an_issue_reaches_every_recipient_with_its_pdf_attached_when_small_enough():
    payload = issue(plans.MAX_ATTACHED_ISSUE_BYTES)
    outgoing = plans.for_others(press.ISSUE_DISTRIBUTED, payload, {})
    assert [o.recipient for o in outgoing] == ["bilgi@gaziemiresnaf.example", "deniz@egehaber.example"]
    for message in outgoing:
        assert message.channel == "email"
        assert message.attachments == ({"kind": "issue_pdf", "id": str(payload["pdf"]["id"]),
                                        "filename": "bulten-42.pdf"},)
    subject, body = messages.render(outgoing[1].kind, outgoing[1].channel, outgoing[1].context)
    assert subject == "Gaziemir Bülten — 42. sayı (25.11.2026)"
    assert "Sayın Deniz Aydın" in body and "Emrez'de altyapı çalışmaları" in body and "ektedir" in body
    assert payload["pdf_url"] in body


def test_an_issue_too_big_to_mail_is_only_linked():
    payload = issue(plans.MAX_ATTACHED_ISSUE_BYTES + 1)
    outgoing = plans.for_others(press.ISSUE_DISTRIBUTED, payload, {})
    assert len(outgoing) == 2 and all(o.attachments == () for o in outgoing)
    _, body = messages.render(outgoing[0].kind, outgoing[0].channel, outgoing[0].context)
    assert payload["pdf_url"] in body and "eklenemeyecek kadar büyük" in body and "ektedir" not in body


def test_conference_materials_reach_every_guest_with_every_file_at_istanbul_time():
    payload = press_payload(press.CONFERENCE_MATERIALS_SHARED, press.ConferenceMaterialsSharedSchema)
    outgoing = plans.for_others(press.CONFERENCE_MATERIALS_SHARED, payload, {})
    assert [o.recipient for o in outgoing] == ["zeynep.sahin@egetelgraf.example", "deniz@egehaber.example"]
    for message in outgoing:
        assert [(a["kind"], a["id"], a["filename"]) for a in message.attachments] == [
            ("conference_material", "4b3a2918-0716-4f5e-8d4c-3b2a19080706", "sunum.pdf"),
            ("conference_material", "5c4b3a29-1807-4e6f-9e5d-4c3b2a190807", "santiye.jpg")]
    subject, body = messages.render(outgoing[0].kind, outgoing[0].channel, outgoing[0].context)
    assert subject == "Basın toplantısı materyalleri: 2027 yatırım programı basın toplantısı"
    assert "Sayın Zeynep Şahin" in body and "26.11.2026, saat 11:00" in body  # 08:00 UTC
    assert "Belediye Meclis Salonu" in body and "Sunum ve basın dosyası ektedir." in body
    assert "sunum.pdf" in body and "santiye.jpg" in body


def test_the_templates_staff_may_edit_are_the_files_shipped():
    assert messages.template_names() == sorted(path.name for path in messages.TEMPLATE_DIR.glob("*.j2"))


def test_every_template_staff_can_edit_has_a_sample_to_preview_it_with():
    for name in messages.template_names():
        shown = messages.preview(name)
        assert shown if name == "sms.j2" else shown["subject"].strip() and shown["body"].strip(), name
