"""The reports' figures from plain rows: the muhtar desk's quarter and the annual 4982 report."""
from datetime import date, datetime

import pytest

from routing.report_figures import (ISTANBUL, information_figures, istanbul_midnight, muhtar_figures,
                                    quarter_bounds, result_of)

TODAY = date(2026, 12, 1)
YEAR_END = istanbul_midnight(date(2027, 1, 1))


def row(n, state="assigned", outcome=None, neighbourhood="Aktepe", answered=None, **extra):
    return {"tracking_number": f"GZM-2026-{n:06d}", "subject": f"Konu {n}", "category": "yol",
            "neighbourhood": neighbourhood, "state": state, "legal_due_on": date(2026, 12, 20),
            "answered_at": answered or (datetime(2026, 11, 5, 10, tzinfo=ISTANBUL) if outcome else None),
            "outcome": outcome, "answer_text": "Cevap metni." if outcome else None, "exemption_article": None,
            "forwarded_at": None, "forwarded_to": None, "forward_reason": None, **extra}


def forwarded(n, neighbourhood="Aktepe", at=datetime(2026, 11, 6, 9, tzinfo=ISTANBUL)):
    return row(n, state="forwarded", neighbourhood=neighbourhood, forwarded_at=at,
               forwarded_to="İzmir Büyükşehir Belediyesi", forward_reason="Ana arter İzBB'nin sorumluluğunda.")


def test_quarters_run_from_their_first_day_to_the_next_quarter_s():
    assert quarter_bounds(2026, 1) == (date(2026, 1, 1), date(2026, 4, 1))
    assert quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2027, 1, 1))
    with pytest.raises(ValueError):
        quarter_bounds(2026, 5)


def test_a_period_begins_at_midnight_in_istanbul_not_in_utc():
    assert istanbul_midnight(date(2026, 10, 1)).isoformat() == "2026-10-01T00:00:00+03:00"


def test_each_neighbourhood_shows_what_was_asked_done_not_done_and_open():
    rows = [row(1, "answered", "granted"), row(2, "closed", "partly_granted"), forwarded(3),
            row(4, "answered", "refused"), row(5), row(6, legal_due_on=date(2026, 11, 20)),
            row(7, "answered", "granted", neighbourhood="Sarnıç"), row(8, neighbourhood=None)]
    report = muhtar_figures(rows, TODAY)
    aktepe, sarnic, unnamed = report["neighbourhoods"]
    assert (aktepe["neighbourhood"], sarnic["neighbourhood"], unnamed["neighbourhood"]) == (
        "Aktepe", "Sarnıç", "Mahalle belirtilmemiş")
    assert {key: aktepe[key] for key in ("asked", "done", "granted", "partly_granted", "not_done", "refused",
                                          "forwarded", "open", "overdue")} == {
        "asked": 6, "done": 2, "granted": 1, "partly_granted": 1, "not_done": 2, "refused": 1, "forwarded": 1,
        "open": 2, "overdue": 1}
    assert report["totals"]["asked"] == 8 and report["totals"]["done"] == 3 and report["totals"]["open"] == 3


def test_a_request_not_done_is_listed_with_its_reason_and_no_applicant():
    rows = [forwarded(3), row(4, "answered", "not_competent", answer_text="Konu DSİ'nin görev alanındadır."),
            row(1, "answered", "granted")]
    [aktepe] = muhtar_figures(rows, TODAY)["neighbourhoods"]
    assert aktepe["not_done_items"] == [
        {"tracking_number": "GZM-2026-000003", "subject": "Konu 3", "category": "yol", "outcome": "forwarded",
         "outcome_label": "Başka kuruma gönderildi",
         "reason": "İzmir Büyükşehir Belediyesi: Ana arter İzBB'nin sorumluluğunda."},
        {"tracking_number": "GZM-2026-000004", "subject": "Konu 4", "category": "yol", "outcome": "not_competent",
         "outcome_label": "Belediyenin görev alanı dışında", "reason": "Konu DSİ'nin görev alanındadır."}]


def test_an_answer_still_awaiting_approval_is_open():
    assert result_of(row(1, "answer_submitted")) == "open"
    assert result_of(row(1, "awaiting_mayor")) == "open"


def test_the_4982_figures_count_refusals_by_article_and_keep_the_totals_whole():
    rows = [row(1, "answered", "granted"), row(2, "closed", "partly_granted"),
            row(3, "answered", "refused", exemption_article="21"),
            row(4, "answered", "refused", exemption_article="21"),
            row(5, "answered", "refused", exemption_article="16"), row(6, "answered", "not_competent"),
            forwarded(7), row(8)]
    figures = information_figures(rows, YEAR_END)
    assert {key: figures[key] for key in ("total", "granted", "partly_granted", "refused", "forwarded", "pending")} \
        == {"total": 8, "granted": 1, "partly_granted": 1, "refused": 4, "forwarded": 1, "pending": 1}
    assert [(h["article"], h["count"]) for h in figures["refusals_by_article"]] == [
        ("16", 1), ("21", 2), ("not_competent", 1)]
    assert figures["refusals_by_article"][1]["label"] == "4982 s. Kanun m. 21: Özel hayatın gizliliği"


def test_an_application_decided_after_the_year_s_end_was_pending_at_the_year_s_end():
    late = datetime(2027, 1, 4, 10, tzinfo=ISTANBUL)
    last_minute = datetime(2026, 12, 31, 23, 59, tzinfo=ISTANBUL)
    rows = [row(1, "answered", "refused", exemption_article="21", answered=late),
            forwarded(2, at=late), row(3, "answered", "granted", answered=last_minute)]
    figures = information_figures(rows, YEAR_END)
    assert (figures["pending"], figures["refused"], figures["forwarded"], figures["granted"]) == (2, 0, 0, 1)
    assert figures["refusals_by_article"] == []
