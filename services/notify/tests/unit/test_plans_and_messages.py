"""What is told to whom, and how it reads, without a broker or database."""
from datetime import datetime, timezone

import pytest

from contracts import intake, routing
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
    assert by_mail.attach_letter and by_mail.attachments == ({"id": "f1", "filename": "tablo.pdf"},)
    assert not by_post.attach_letter and by_post.attachments  # the letter itself is what is posted
    assert not by_sms.attach_letter and by_sms.attachments == ()
    extension = plans.for_applicant(routing.DEADLINE_EXTENDED, {"tracking_number": "GZM-2026-000123",
                                    "reason": "İzBB", "legal_due_on": "26.06.2026", "application_id": "a"},
                                    {**CONTACT, "preferred_reply_channel": "email"})
    assert not extension[0].attach_letter
