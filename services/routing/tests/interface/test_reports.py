"""The muhtar desk's quarterly report and the annual 4982 figures, from cases opened by intake's events and
answered through routing's RPC, against real PostgreSQL and RabbitMQ."""
import base64
import csv
import io
import uuid

import pytest
from nameko.testing.services import entrypoint_hook, replace_dependencies

from contracts import intake
from contracts.envelope import make_envelope
from contracts.samples import load_samples
from routing.access import NotAllowed
from routing.cases import InvalidAnswer
from routing.service import RoutingService
from tests.support.broker import publish_raw, wait_until
from tests.support.routing_events import case_of, received

DESK = {"id": "halkla", "role": "pr_officer", "directorate": None}
AUDITOR = {"id": "denetci", "role": "auditor", "directorate": None}
MAYOR = {"id": "makam", "role": "mayor_office", "directorate": None}
FEN = {"id": "fenci", "role": "directorate_staff", "directorate": "fen-isleri"}
FEN_HEAD = {"id": "fen-muduru", "role": "directorate_head", "directorate": "fen-isleri"}
IK = {"id": "ik", "role": "directorate_staff", "directorate": "insan-kaynaklari"}
MALI = {"id": "mali", "role": "directorate_staff", "directorate": "mali-hizmetler"}
IZBB = "İzmir Büyükşehir Belediyesi"
NOT_PROCESSED_SAMPLE = load_samples()[("intake", intake.APPLICATION_NOT_PROCESSED)]


def act(container, case, actor, action, **params):
    with entrypoint_hook(container, f"{action}_case") as call:
        return call(str(case["id"]), actor, params)


def call(container, method, *args):
    with entrypoint_hook(container, method) as rpc:
        return rpc(*args)


def muhtar(amqp_uri, query, received_at, category="aydinlatma", neighbourhood="Aktepe", channel="muhtar",
           type="istek"):
    return case_of(query, received(amqp_uri, channel=channel, type=type, category=category,
                                   subject=f"{neighbourhood}: {category}", neighbourhood=neighbourhood,
                                   received_at=received_at))


def answered(routing, case, staff, outcome, text, reviewers=(DESK,), **extra):
    act(routing, case, staff, "submit_answer", outcome=outcome, text=text, **extra)
    for reviewer in reviewers:
        shown = act(routing, case, reviewer, "approve_answer")
    assert shown["state"] == "answered"


def test_the_muhtar_report_shows_per_neighbourhood_what_was_asked_done_and_not_done_and_why(routing, amqp_uri,
                                                                                             query):
    light = muhtar(amqp_uri, query, "2026-10-05T09:00:00+03:00")
    road = muhtar(amqp_uri, query, "2026-10-06T09:00:00+03:00", category="yol")
    bump = muhtar(amqp_uri, query, "2026-11-02T09:00:00+03:00", category="kaldirim")
    # just after midnight in Istanbul on 1 October, still 30 September in UTC: the fourth quarter's
    muhtar(amqp_uri, query, "2026-09-30T21:30:00+00:00", category="yol")
    muhtar(amqp_uri, query, "2026-11-03T09:00:00+03:00", neighbourhood="Sarnıç")
    # not counted: the third quarter in Istanbul; not a muhtar's
    muhtar(amqp_uri, query, "2026-09-30T23:30:00+03:00")
    muhtar(amqp_uri, query, "2026-10-07T09:00:00+03:00", channel="cimer", type="sikayet")

    answered(routing, light, FEN, "granted", "Lamba 8 Ekim'de değiştirildi.")
    act(routing, road, DESK, "forward", institution=IZBB, reason="Ana arter İzBB'nin sorumluluğundadır.")
    answered(routing, bump, FEN, "refused", "Sokak, kasis için yönetmelikteki eğim şartını taşımıyor.")

    report = call(routing, "muhtar_report", 2026, 4, DESK)
    assert (report["from"], report["to"]) == ("2026-10-01", "2026-12-31")
    aktepe, sarnic = report["neighbourhoods"]
    assert (aktepe["neighbourhood"], sarnic["neighbourhood"]) == ("Aktepe", "Sarnıç")
    assert {key: aktepe[key] for key in ("asked", "done", "granted", "not_done", "refused", "forwarded", "open",
                                         "overdue")} == {
        "asked": 4, "done": 1, "granted": 1, "not_done": 2, "refused": 1, "forwarded": 1, "open": 1, "overdue": 1}
    assert sorted((item["tracking_number"], item["outcome_label"], item["reason"])
                  for item in aktepe["not_done_items"]) == sorted([
        (road["tracking_number"], "Başka kuruma gönderildi", f"{IZBB}: Ana arter İzBB'nin sorumluluğundadır."),
        (bump["tracking_number"], "Olumsuz cevaplandı (reddedildi)",
         "Sokak, kasis için yönetmelikteki eğim şartını taşımıyor.")])
    assert (sarnic["asked"], sarnic["open"]) == (1, 1)
    assert report["totals"]["asked"] == 5
    assert "Ayşe" not in str(report)  # the applicant of the sample event: no personal data in the report

    third = call(routing, "muhtar_report", 2026, 3, AUDITOR)
    assert [(p["neighbourhood"], p["asked"]) for p in third["neighbourhoods"]] == [("Aktepe", 1)]


def test_only_those_who_see_every_case_read_the_reports(routing):
    for directorate in (FEN, FEN_HEAD):
        with pytest.raises(NotAllowed):
            call(routing, "muhtar_report", 2026, 4, directorate)
        with pytest.raises(NotAllowed):
            call(routing, "information_request_report", 2026, directorate)
    with pytest.raises(NotAllowed):
        call(routing, "muhtar_report", 2026, 4, {"id": "basin", "role": "press_officer", "directorate": None})
    assert call(routing, "muhtar_report", 2026, 4, MAYOR)["neighbourhoods"] == []
    with pytest.raises(InvalidAnswer):
        call(routing, "muhtar_report", 2026, 5, DESK)
    # the period is read with the same schema as the gateway's query string, in the same words
    with pytest.raises(InvalidAnswer) as refused:
        call(routing, "information_request_report_csv", 1999, DESK)
    assert refused.value.args[0] == {"year": ["2000 ile 2100 arasında bir yıl olmalı."]}


def information(amqp_uri, query, received_at, category="harcama", channel="bilgi_edinme"):
    return case_of(query, received(amqp_uri, channel=channel, type="bilgi_edinme", category=category,
                                   subject="Bilgi edinme", received_at=received_at))


def test_the_4982_figures_count_the_year_s_applications_as_they_stood_at_its_end(routing, amqp_uri, query):
    personnel = information(amqp_uri, query, "2026-03-10T10:00:00+03:00", category="personel")
    spending = information(amqp_uri, query, "2026-05-11T10:00:00+03:00", channel="cimer")
    road = information(amqp_uri, query, "2026-06-01T10:00:00+03:00", category="yol")
    information(amqp_uri, query, "2026-07-01T10:00:00+03:00")  # still pending
    information(amqp_uri, query, "2025-12-31T21:30:00+00:00")  # 1 January 2026 in Istanbul: pending
    last_year = information(amqp_uri, query, "2025-12-31T23:30:00+03:00")
    muhtar(amqp_uri, query, "2026-04-01T10:00:00+03:00")  # not a 4982 application

    answered(routing, personnel, IK, "refused", "Personel dosyaları kişisel veridir.", (DESK, MAYOR),
             exemption_article="21")
    answered(routing, spending, MALI, "granted", "Konser için 412.000 TL harcanmıştır.", (DESK, MAYOR))
    act(routing, road, DESK, "forward", institution="Karayolları Genel Müdürlüğü", reason="Devlet yolu.")
    # decided this year, but received last year: last year's report shows it pending at that year's end
    answered(routing, last_year, MALI, "refused", "Kurum içi görüştür.", (DESK, MAYOR), exemption_article="26")

    report = call(routing, "information_request_report", 2026, AUDITOR)
    assert lines(report) == {"total": 5, "granted": 1, "partly_granted": 0, "refused": 1, "refused_answered": 1,
                             "not_processed": 0, "forwarded": 1, "pending": 2, "objections": None}
    assert report["refusals_by_article"] == [
        {"article": "21", "label": "4982 s. Kanun m. 21: Özel hayatın gizliliği", "count": 1}]
    assert report["objections"] is None  # not tracked: not known, rather than 0

    earlier = call(routing, "information_request_report", 2025, DESK)
    assert (lines(earlier)["total"], lines(earlier)["pending"], lines(earlier)["refused"]) == (1, 1, 0)
    assert earlier["as_of"].startswith("2026-01-01T00:00:00+03:00")


def lines(report):
    return {line["key"]: line["count"] for line in report["lines"]}


def not_processed(amqp_uri, received_at, type="bilgi_edinme", reasons=None, application_id=None):
    """Play intake: publish an application_not_processed event (the sample with a new id)."""
    payload = dict(NOT_PROCESSED_SAMPLE["payload"], application_id=application_id or str(uuid.uuid4()), type=type,
                   channel="bilgi_edinme", received_at=received_at, reasons=reasons or [TCKN_MISSING])
    event = make_envelope(intake.APPLICATION_NOT_PROCESSED, payload, "corr-routing")
    publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICATION_NOT_PROCESSED, event)
    return event


TCKN_MISSING = {"code": "tckn_yok", "message": "TC Kimlik No yazılmamış.", "article": "Bilgi Edinme Yön. m. 9, 10, 14"}
NAME_MISSING = {"code": "ad_soyad_yok", "message": "Adı ve soyadı yazılmamış.", "article": "Bilgi Edinme Yön. m. 9"}


def test_applications_intake_did_not_process_are_refusals_in_the_year_s_4982_report_counted_once(
        routing, amqp_uri, query):
    refused = information(amqp_uri, query, "2026-03-10T10:00:00+03:00", category="personel")
    answered(routing, refused, IK, "refused", "Personel dosyaları kişisel veridir.", (DESK, MAYOR),
             exemption_article="21")
    first = not_processed(amqp_uri, "2026-03-13T10:00:00+03:00")
    not_processed(amqp_uri, "2025-12-31T21:30:00+00:00", reasons=[TCKN_MISSING, NAME_MISSING])  # 2026 in Istanbul
    not_processed(amqp_uri, "2025-12-31T23:30:00+03:00")  # last year
    not_processed(amqp_uri, "2026-04-01T10:00:00+03:00", type="sikayet")  # a petition: not in this report
    publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICATION_NOT_PROCESSED, first)  # delivered twice
    assert wait_until(lambda: query("SELECT count(*) AS n FROM inbox WHERE consumer = %s",
                                    "routing.application_not_processed")[0]["n"] == 4)

    report = call(routing, "information_request_report", 2026, DESK)
    assert lines(report) == {"total": 3, "granted": 0, "partly_granted": 0, "refused": 3, "refused_answered": 1,
                             "not_processed": 2, "forwarded": 0, "pending": 0, "objections": None}
    assert report["not_processed"] == {"total": 2, "by_reason": [
        {"code": "tckn_yok", "reason": TCKN_MISSING["message"], "article": TCKN_MISSING["article"], "count": 2},
        {"code": "ad_soyad_yok", "reason": NAME_MISSING["message"], "article": NAME_MISSING["article"], "count": 1}]}
    assert lines(call(routing, "information_request_report", 2025, DESK))["not_processed"] == 1
    stored = query("SELECT * FROM not_processed")
    assert len(stored) == 4 and "Ayşe" not in str(stored) and "Park" not in str(stored)

    document = call(routing, "information_request_report_csv", 2026, DESK)
    assert document["filename"] == "bilgi-edinme-raporu-2026.csv"
    rows = csv_rows(document)
    assert rows[0] == ["Kalem", "Sayı"] and ["Reddedilen başvurular toplamı", "3"] in rows
    assert [f"İşleme konulmama nedeni: {TCKN_MISSING['message']} ({TCKN_MISSING['article']})", "2"] in rows


def test_the_muhtar_report_s_table_has_a_row_per_neighbourhood_and_the_totals(routing, amqp_uri, query):
    muhtar(amqp_uri, query, "2026-10-05T09:00:00+03:00")
    document = call(routing, "muhtar_report_csv", 2026, 4, DESK)
    assert (document["filename"], document["content_type"]) == ("muhtar-raporu-2026-4.csv", "text/csv; charset=utf-8")
    header, *rows = csv_rows(document)
    assert header[:3] == ["Mahalle", "Talep", "Olumlu"] and header[-1] == "Gerekçe"
    assert [row[:2] for row in rows] == [["Aktepe", "1"], ["Toplam", "1"]]
    with pytest.raises(NotAllowed):
        call(routing, "muhtar_report_csv", 2026, 4, FEN)


def csv_rows(document):
    """The CSV file's rows as Excel reads them (UTF-8 with its BOM, `;`)."""
    text = base64.b64decode(document["content_base64"]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_what_intake_did_not_process_before_routing_subscribed_is_loaded_once_from_intake(
        routing_db, amqp_uri, container_factory, query):
    container = container_factory(RoutingService, {"AMQP_URI": amqp_uri, "DB_URL": routing_db, "OPS_PORT": 0,
                                                   "OUTBOX_SWEEP_SECONDS": 0.2, "max_workers": 10})
    intake_rpc = replace_dependencies(container, "intake_rpc")
    container.start()
    older = [{"application_id": str(uuid.uuid4()), "type": "bilgi_edinme", "channel": "e_posta",
              "received_at": f"2026-0{month}-02T10:00:00+03:00", "reasons": [TCKN_MISSING]} for month in (1, 2, 3)]
    pages = {None: {"applications": older[:2], "next": older[1]["application_id"]},
             older[1]["application_id"]: {"applications": older[2:], "next": None}}
    intake_rpc.not_processed_applications.side_effect = lambda after: pages[after]
    # one of them also arrived by event (published after routing subscribed): kept once
    event = not_processed(amqp_uri, "2026-01-02T10:00:00+03:00", application_id=older[0]["application_id"])
    assert wait_until(lambda: query("SELECT 1 FROM inbox WHERE consumer = 'routing.application_not_processed' "
                                    "AND event_id = %s", event["event_id"]))

    with entrypoint_hook(container, "load_not_processed_history") as load:
        load()
        load()  # loaded once: intake is not asked again
    assert intake_rpc.not_processed_applications.call_count == 2
    assert query("SELECT name, rows FROM history_loads") == [{"name": "intake.not_processed", "rows": 2}]
    assert lines(call(container, "information_request_report", 2026, DESK))["not_processed"] == 3


def test_while_intake_is_not_running_the_history_waits_for_the_next_tick(routing, query):
    with entrypoint_hook(routing, "load_not_processed_history") as load:
        load()
    assert query("SELECT * FROM history_loads") == []
