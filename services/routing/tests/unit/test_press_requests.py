"""A journalist's request is a case of the `basin` channel: the press service's own clock and desk,
and the mayor's office approves every answer before it goes back (DOMAIN.md §1, scenario 8)."""
from datetime import date
from pathlib import Path

import pytest

from routing import access, calendar, clock
from routing.deadlines import Deadlines

SEED = Path(__file__).resolve().parents[2] / "seed"
RULES = clock.load_rules(SEED / "deadline_rules.yml")

PRESS_CASE = {"channel": "basin", "directorate": "veteriner-isleri", "state": "answer_submitted"}
CIMER_CASE = {"channel": "cimer", "directorate": "veteriner-isleri", "state": "answer_submitted"}
PRESS_OFFICER = {"id": "basin", "role": "press_officer", "directorate": None}


def test_a_press_request_is_due_in_the_press_services_three_working_days():
    rule = clock.rule_for("basin_bilgi", "basin", "sokak-hayvanlari", RULES)
    assert rule.rule_id == "basin" and (rule.kind, rule.days) == ("working_days", 3)
    # received Friday 13 March 2026: Monday, Tuesday, Wednesday
    assert clock.compute_due(rule, date(2026, 3, 13), calendar.WorkCalendar()).due_on == date(2026, 3, 18)


def test_a_journalist_asking_under_4982_keeps_the_law_s_fifteen_working_days():
    assert clock.rule_for("bilgi_edinme", "basin", None, RULES).rule_id == "bilgi_edinme"


def test_the_press_officer_sees_and_reviews_the_press_requests_and_nothing_else():
    assert access.may_view(PRESS_OFFICER, PRESS_CASE)
    assert not access.may_view(PRESS_OFFICER, CIMER_CASE)
    access.check(PRESS_OFFICER, PRESS_CASE, "review_answer")
    access.check(PRESS_OFFICER, PRESS_CASE, "assign")
    for action in ("review_answer", "assign", "close"):
        with pytest.raises(access.NotAllowed):
            access.check(PRESS_OFFICER, CIMER_CASE, action)


def test_only_the_mayors_office_approves_what_goes_back_to_the_press():
    deadlines = Deadlines.load()
    assert deadlines.needs_mayor("sokak-hayvanlari", "basin")
    assert not deadlines.needs_mayor("sokak-hayvanlari", "cimer")
    awaiting = dict(PRESS_CASE, state="awaiting_mayor")
    with pytest.raises(access.NotAllowed):
        access.check(PRESS_OFFICER, awaiting, "review_answer")
    access.check({"id": "makam", "role": "mayor_office", "directorate": None}, awaiting, "review_answer")
