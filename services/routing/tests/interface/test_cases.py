"""Cases opened from intake's events, routed, worked and answered, against real PostgreSQL and RabbitMQ."""
import json
import uuid
from datetime import date, datetime, timezone

import pytest
from nameko.testing.services import entrypoint_hook

from contracts import attachments, intake, routing as events
from contracts.attachments import AttachmentFileSchema
from contracts.envelope import make_envelope
from contracts.topology import queue_name
from routing.access import NotAllowed
from routing.cases import CaseNotFound, InvalidAnswer
from routing.directory import RuleNotFound
from routing.inputs import InvalidInput
from routing.states import InvalidTransition
from tests.support import files
from tests.support.broker import body_text, publish_raw, take_messages, wait_until
from tests.support.routing_events import case_of, received

DESK = {"id": "halkla", "role": "pr_officer", "directorate": None}
TEMIZLIK = {"id": "temizlikci", "role": "directorate_staff", "directorate": "temizlik-isleri"}
FEN = {"id": "fenci", "role": "directorate_staff", "directorate": "fen-isleri"}
MAYOR = {"id": "makam", "role": "mayor_office", "directorate": None}


def act(container, case, actor, action, **params):
    with entrypoint_hook(container, f"{action}_case") as call:
        return call(str(case["id"]), actor, params)


def test_a_complaint_about_garbage_goes_to_temizlik_with_its_legal_date(routing, amqp_uri, query):
    event = received(amqp_uri, category="cop", channel="cimer", type="sikayet",
                     received_at="2026-03-13T18:42:10+00:00")
    case = case_of(query, event)
    assert (case["state"], case["directorate"]) == ("assigned", "temizlik-isleri")
    assert case["legal_due_on"] == date(2026, 4, 13)  # DOMAIN.md worked example: 30 days, rolled past Sunday
    assert case["internal_due_on"] < case["legal_due_on"]
    assert case["due_explanation"]["rule"]["source"].startswith("3071")
    [message] = take_messages(amqp_uri, queue_name("notify", events.EXCHANGE, events.CASE_OPENED), expected=1)
    assert json.loads(body_text(message))["payload"]["directorate"] == "temizlik-isleri"


def test_the_same_event_twice_opens_one_case(routing, amqp_uri, query):
    event = received(amqp_uri)
    publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICATION_RECEIVED, event)
    case_of(query, event)
    assert len(query("SELECT id FROM cases WHERE application_id = %s", event["payload"]["application_id"])) == 1


def test_an_application_no_rule_covers_waits_in_triage_and_the_desk_assigns_it(routing, amqp_uri, query):
    case = case_of(query, received(amqp_uri, category="baska-bir-konu", subject="Teşekkür",
                                   neighbourhood="Zafer"))
    assert (case["state"], case["directorate"]) == ("triage", None)
    with pytest.raises(CaseNotFound):  # a directorate does not even see the triage queue
        act(routing, case, TEMIZLIK, "assign", directorate="fen-isleri")
    with pytest.raises(NotAllowed):  # the mayor's office sees it, but assigning is the desk's work
        act(routing, case, MAYOR, "assign", directorate="fen-isleri")
    shown = act(routing, case, DESK, "assign", directorate="fen-isleri")
    assert (shown["state"], shown["directorate"]) == ("assigned", "fen-isleri")
    assert [entry["action"] for entry in shown["timeline"]] == ["opened", "assign"]


def test_a_transfer_needs_a_reason_and_is_kept_in_the_history(routing, amqp_uri, query):
    case = case_of(query, received(amqp_uri))
    with pytest.raises(InvalidAnswer):
        act(routing, case, DESK, "transfer", directorate="fen-isleri", reason=" ")
    shown = act(routing, case, DESK, "transfer", directorate="fen-isleri", reason="Konu yol bakımı.")
    assert shown["directorate"] == "fen-isleri"
    assert shown["timeline"][-1]["details"] == {"from": "temizlik-isleri", "to": "fen-isleri",
                                                "reason": "Konu yol bakımı."}
    # temizlik no longer sees it; fen does
    with pytest.raises(CaseNotFound):
        act(routing, case, TEMIZLIK, "submit_answer", outcome="granted", text="x")
    act(routing, case, FEN, "submit_answer", outcome="granted", text="Yol onarıldı.")


def test_an_action_the_state_does_not_allow_is_an_invalid_transition(routing, amqp_uri, query):
    case = case_of(query, received(amqp_uri))
    with pytest.raises(InvalidTransition):
        act(routing, case, DESK, "approve_answer")
    with pytest.raises(InvalidTransition):
        act(routing, case, DESK, "close")


def test_answer_is_approved_by_the_desk_and_relayed_to_the_applicant(routing, amqp_uri, query):
    case = case_of(query, received(amqp_uri))
    act(routing, case, TEMIZLIK, "submit_answer", outcome="granted",
        text="Aracın güzergâhı değişmişti; çöp toplama yeniden başladı.")
    returned = act(routing, case, DESK, "return_answer", comment="Tarih ekleyin.")
    assert returned["state"] == "assigned"
    act(routing, case, TEMIZLIK, "submit_answer", outcome="granted",
        text="23 Mart'tan beri çöp toplama yeniden başladı.")
    answered = act(routing, case, DESK, "approve_answer")
    assert answered["state"] == "answered"
    messages = take_messages(amqp_uri, queue_name("notify", events.EXCHANGE, events.ANSWER_APPROVED), expected=1)
    payload = json.loads(body_text(messages[0]))["payload"]
    assert payload["text"].startswith("23 Mart") and payload["remedy"] is None
    assert act(routing, case, DESK, "close")["state"] == "closed"


def test_a_category_that_needs_the_mayor_waits_for_the_mayors_office(routing, amqp_uri, query):
    case = case_of(query, received(amqp_uri, category="harcama"))
    assert case["directorate"] == "mali-hizmetler"
    mali = {"id": "mali", "role": "directorate_head", "directorate": "mali-hizmetler"}
    act(routing, case, mali, "submit_answer", outcome="granted", text="Harcama tablosu ektedir.")
    assert act(routing, case, DESK, "approve_answer")["state"] == "awaiting_mayor"
    with pytest.raises(NotAllowed):
        act(routing, case, DESK, "approve_answer")
    assert act(routing, case, MAYOR, "approve_answer")["state"] == "answered"


def test_a_4982_refusal_names_its_article_and_carries_the_remedy(routing, amqp_uri, query):
    case = case_of(query, received(amqp_uri, type="bilgi_edinme", channel="cimer", category="personel"))
    ik = {"id": "ik", "role": "directorate_staff", "directorate": "insan-kaynaklari"}
    with pytest.raises(InvalidAnswer) as refused_without_article:
        act(routing, case, ik, "submit_answer", outcome="refused", text="Kişisel veri içerir.")
    assert "exemption_article" in refused_without_article.value.args[0]
    act(routing, case, ik, "submit_answer", outcome="refused", text="Kişisel veri içerir.", exemption_article="21")
    act(routing, case, DESK, "approve_answer")
    act(routing, case, MAYOR, "approve_answer")
    [message] = take_messages(amqp_uri, queue_name("notify", events.EXCHANGE, events.ANSWER_APPROVED), expected=1)
    payload = json.loads(body_text(message))["payload"]
    assert payload["exemption_article"] == "21" and "Bilgi Edinme Değerlendirme Kurulu" in payload["remedy"]


def test_an_information_request_is_extended_with_a_reason_and_the_applicant_is_to_be_told(routing, amqp_uri, query):
    now = datetime.now(timezone.utc).isoformat()
    case = case_of(query, received(amqp_uri, type="bilgi_edinme", channel="bilgi_edinme", category="harcama",
                                   received_at=now))
    mali = {"id": "mali", "role": "directorate_staff", "directorate": "mali-hizmetler"}
    with pytest.raises(InvalidInput) as no_reason:  # the reason is what the declared input asks for
        act(routing, case, mali, "extend", reason="")
    assert "reason" in no_reason.value.args[0]
    extended = act(routing, case, mali, "extend", reason="Bilginin bir kısmı İzBB'den istenmiştir.")
    assert extended["extended"] and extended["deadline_rule"] == "bilgi_edinme_uzatilmis"
    assert date.fromisoformat(extended["legal_due_on"]) > case["legal_due_on"]
    [message] = take_messages(amqp_uri, queue_name("notify", events.EXCHANGE, events.DEADLINE_EXTENDED), expected=1)
    assert json.loads(body_text(message))["payload"]["reason"].startswith("Bilginin")
    with pytest.raises(InvalidAnswer):
        act(routing, case, mali, "extend", reason="İkinci kez")


def test_a_petition_cannot_be_extended_but_may_get_an_interim_reply(routing, amqp_uri, query):
    case = case_of(query, received(amqp_uri))
    with pytest.raises(InvalidAnswer):
        act(routing, case, TEMIZLIK, "extend", reason="Zaman gerek.")
    act(routing, case, TEMIZLIK, "submit_answer", outcome="interim", text="Konu inceleniyor; ekip yönlendirildi.")
    shown = act(routing, case, DESK, "approve_answer")
    assert shown["state"] == "assigned" and shown["interim_replied_at"]


def test_the_deadline_preview_explains_its_date(routing):
    with entrypoint_hook(routing, "preview_deadline") as preview:
        answer = preview("bilgi_edinme", "2026-05-11", True)
    assert answer["due_on"] == "2026-06-26"
    assert any("Kurban Bayramı" in step["text"] for step in answer["explanation"])


def test_directorates_list_only_their_own_cases(routing, amqp_uri, query):
    case_of(query, received(amqp_uri, category="cop"))
    case_of(query, received(amqp_uri, category="park"))
    with entrypoint_hook(routing, "list_cases") as list_cases:
        mine = list_cases({}, TEMIZLIK, 50, 0)
        everything = list_cases({}, DESK, 50, 0)
        other = list_cases({"directorate": "park-ve-bahceler"}, TEMIZLIK, 50, 0)
    assert {c["directorate"] for c in mine["cases"]} == {"temizlik-isleri"}
    assert everything["total"] == 2 and other["total"] == 0




def test_a_fee_notice_stops_the_clock_and_payment_restarts_it_with_the_effect_shown(routing, amqp_uri, query):
    now = datetime.now(timezone.utc).isoformat()
    case = case_of(query, received(amqp_uri, type="bilgi_edinme", channel="bilgi_edinme", category="harcama",
                                   received_at=now))
    mali = {"id": "mali", "role": "directorate_staff", "directorate": "mali-hizmetler"}
    with pytest.raises(InvalidAnswer):
        act(routing, case, mali, "fee_paid")  # nothing to pay yet
    paused = act(routing, case, mali, "fee_notice", fee_amount="45,00 TL (90 sayfa)")
    assert paused["legal_due_on"] is None and paused["paused_on"] and paused["fee_amount"].startswith("45,00")
    assert any(step["kind"] == "paused" for step in paused["due_explanation"]["explanation"])
    [message] = take_messages(amqp_uri, queue_name("notify", events.EXCHANGE, events.FEE_NOTIFIED), expected=1)
    assert json.loads(body_text(message))["payload"]["fee_amount"] == "45,00 TL (90 sayfa)"
    resumed = act(routing, case, mali, "fee_paid")
    assert date.fromisoformat(resumed["legal_due_on"]) >= case["legal_due_on"]
    assert any(step["kind"] == "effect" for step in resumed["due_explanation"]["explanation"])
    with pytest.raises(InvalidAnswer):
        act(routing, case, mali, "fee_notice", fee_amount="10 TL")  # only once


def test_an_answer_goes_out_with_its_files(routing, amqp_uri, query):
    import base64

    case = case_of(query, received(amqp_uri))
    letter = files.pdf()
    with pytest.raises(InvalidInput) as bad:  # refused by the declared input (contracts.routing_api)
        act(routing, case, TEMIZLIK, "submit_answer", outcome="granted", text="Ekte.",
            attachments=[{"filename": "a.exe", "content_type": "application/x-msdownload", "content_base64": "AA=="}])
    assert "attachments" in bad.value.args[0]
    # an HTML page and a file that only starts like a PDF, both declared as PDFs: refused beside the field
    for fake in (b"<html><body>Cevap</body></html>", b"%PDF-1.4 cevap yazisi"):
        with pytest.raises(InvalidAnswer) as bad:
            act(routing, case, TEMIZLIK, "submit_answer", outcome="granted", text="Ekte.",
                attachments=[{"filename": "cevap.pdf", "content_type": "application/pdf",
                              "content_base64": base64.b64encode(fake).decode()}])
        assert bad.value.args[0]["attachments"] == {0: {"content_base64": [
            "Dosyanın içeriği bildirilen türe (application/pdf) uymuyor."]}}
    act(routing, case, TEMIZLIK, "submit_answer", outcome="granted", text="Cevap yazımız ektedir.",
        attachments=[{"filename": "../../cevap.pdf", "content_type": "application/pdf",
                      "content_base64": base64.b64encode(letter).decode()}])
    act(routing, case, DESK, "approve_answer")
    [message] = take_messages(amqp_uri, queue_name("notify", events.EXCHANGE, events.ANSWER_APPROVED), expected=1)
    [attachment] = json.loads(body_text(message))["payload"]["attachments"]
    assert attachment["filename"] == "cevap.pdf" and attachment["size_bytes"] == len(letter)
    with entrypoint_hook(routing, "attachment") as fetch:
        served = AttachmentFileSchema().load(fetch(attachments.ANSWER_FILE, attachment["id"]))
        assert (served["filename"], base64.b64decode(served["content_base64"])) == ("cevap.pdf", letter)
        with pytest.raises(CaseNotFound):  # the receipt is intake's to give
            fetch(attachments.RECEIPT_PDF, attachment["id"])
        with pytest.raises(CaseNotFound):
            fetch(attachments.ANSWER_FILE, str(uuid.uuid4()))


def test_a_case_forgets_its_applicants_words_when_intake_anonymises_them(routing, amqp_uri, query):
    gone = case_of(query, received(amqp_uri, subject="Ayşe Yılmaz: sokağımızda çöp"))
    kept = case_of(query, received(amqp_uri, subject="Mehmet Demir: park lambası"))
    publish_raw(amqp_uri, "notify.events", "notification_failed", make_envelope("notification_failed", {
        "notification_id": str(uuid.uuid4()), "kind": "receipt", "channel": "email",
        "application_id": str(gone["application_id"]), "case_id": None, "tracking_number": gone["tracking_number"],
        "attempts": 8, "reason": "550 ayse.yilmaz@example.org: no such user"}, "corr"))
    assert wait_until(lambda: query("SELECT 1 FROM case_events WHERE case_id = %s AND action = 'notice_failed'",
                                    gone["id"]))
    event = make_envelope(intake.APPLICANTS_ANONYMISED, {"run_id": str(uuid.uuid4()), "rule": "dilekce",
                                                         "application_ids": [str(gone["application_id"])]}, "corr")
    for _ in range(2):  # delivered twice: acted on once
        publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICANTS_ANONYMISED, event)
    assert wait_until(lambda: query("SELECT subject FROM cases WHERE id = %s", gone["id"])[0]["subject"]
                      == "Anonimleştirildi")
    assert not query("SELECT 1 FROM case_events WHERE case_id = %s AND details::text LIKE %s", gone["id"], "%ayse%")
    assert query("SELECT subject FROM cases WHERE id = %s", kept["id"])[0]["subject"] == "Mehmet Demir: park lambası"
    assert query("SELECT state FROM cases WHERE id = %s", gone["id"])[0]["state"] == gone["state"]  # facts stay


def test_a_direct_caller_meets_the_declared_inputs_refusals(routing):
    """The same schemas the gateway checks requests with (contracts.routing_api), at routing's own edge."""
    with entrypoint_hook(routing, "assign_case") as assign:
        with pytest.raises(InvalidInput) as bad:  # each action takes exactly what it needs
            assign(str(uuid.uuid4()), DESK, {"directorate": "fen", "reason": "Yol"})
        assert "reason" in bad.value.args[0]
    with entrypoint_hook(routing, "forward_case") as forward:
        with pytest.raises(InvalidInput) as bad:
            forward(str(uuid.uuid4()), DESK, {"institution": "İzBB", "reason": "  "})
        assert "reason" in bad.value.args[0]
    with entrypoint_hook(routing, "submit_answer_case") as submit:
        with pytest.raises(InvalidInput) as bad:
            submit(str(uuid.uuid4()), DESK, {"outcome": "granted"})
        assert "text" in bad.value.args[0]
        with pytest.raises(CaseNotFound):  # a case that names nothing, before what the case allows is weighed
            submit(str(uuid.uuid4()), DESK, {"outcome": "interim", "text": "Ara cevap"})
    with entrypoint_hook(routing, "list_cases") as list_cases:
        with pytest.raises(InvalidInput) as bad:
            list_cases({"state": "lost"}, DESK, 50, 0)
        assert "state" in bad.value.args[0]
    with entrypoint_hook(routing, "remove_routing_rule") as remove:
        with pytest.raises(InvalidInput):
            remove(2**31, DESK)
        with pytest.raises(RuleNotFound):  # a number that names no rule: 404, not invalid input
            remove(999999, DESK)
    with entrypoint_hook(routing, "preview_deadline") as preview:
        with pytest.raises(InvalidInput) as bad:
            preview("bilgi_edinme", "13.03.2026")
        assert "received_on" in bad.value.args[0]
        with pytest.raises(InvalidInput) as bad:  # a type with no legal deadline is not one the query takes
            preview("sokak", "2026-03-13")
        assert "type" in bad.value.args[0]
    with entrypoint_hook(routing, "submit_answer_case") as submit:
        with pytest.raises(InvalidInput) as bad:  # 4982's exemptions are articles 15 to 28
            submit(str(uuid.uuid4()), DESK, {"outcome": "refused", "text": "Ret.", "exemption_article": "29"})
        assert "exemption_article" in bad.value.args[0]
