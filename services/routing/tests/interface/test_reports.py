"""The muhtar desk's quarterly report and the annual 4982 figures, from cases opened by intake's events and
answered through routing's RPC, against real PostgreSQL and RabbitMQ."""
import pytest
from nameko.testing.services import entrypoint_hook

from routing.access import NotAllowed
from routing.cases import InvalidAnswer
from tests.support.routing_events import case_of, received

DESK = {"id": "halkla", "role": "pr_officer", "directorate": None}
AUDITOR = {"id": "denetci", "role": "auditor", "directorate": None}
MAYOR = {"id": "makam", "role": "mayor_office", "directorate": None}
FEN = {"id": "fenci", "role": "directorate_staff", "directorate": "fen-isleri"}
FEN_HEAD = {"id": "fen-muduru", "role": "directorate_head", "directorate": "fen-isleri"}
IK = {"id": "ik", "role": "directorate_staff", "directorate": "insan-kaynaklari"}
MALI = {"id": "mali", "role": "directorate_staff", "directorate": "mali-hizmetler"}
IZBB = "İzmir Büyükşehir Belediyesi"


def act(container, case, actor, action, **params):
    with entrypoint_hook(container, "act") as call:
        return call(str(case["id"]), actor, action, params)


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

    figures = call(routing, "information_request_report", 2026, AUDITOR)
    assert {key: figures[key] for key in ("total", "granted", "partly_granted", "refused", "forwarded", "pending")} \
        == {"total": 5, "granted": 1, "partly_granted": 0, "refused": 1, "forwarded": 1, "pending": 2}
    assert figures["refusals_by_article"] == [
        {"article": "21", "label": "4982 s. Kanun m. 21: Özel hayatın gizliliği", "count": 1}]
    assert figures["objections"] is None  # not tracked: not known, rather than 0

    earlier = call(routing, "information_request_report", 2025, DESK)
    assert (earlier["total"], earlier["pending"], earlier["refused"]) == (1, 1, 0)
    assert earlier["as_of"].startswith("2026-01-01T00:00:00+03:00")
