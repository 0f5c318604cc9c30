"""The clock of a KVKK data subject's request (kvkk_basvurusu): 30 calendar days (6698 s. Kanun m. 13/2),
a last day that is not a working day moved to the next one like every period (DOMAIN.md §2). A rule may
say `roll_to_working_day: false` (should the legal unit read KVKK so): its last day then stays, warned.
"""
import json
from datetime import date
from pathlib import Path

import pytest

from routing import calendar, clock

RULES = clock.load_rules(Path(__file__).resolve().parents[2] / "seed" / "deadline_rules.yml")
CAL = calendar.WorkCalendar()


def test_the_rule_is_data_with_its_source():
    rule = RULES["kvkk_basvurusu"]
    assert (rule.kind, rule.days, rule.rolls) == ("calendar_days", 30, True)
    assert rule.source == "6698 s. Kanun (KVKK) m. 13/2"
    assert rule.label == "KVKK ilgili kişi başvurusu"


@pytest.mark.parametrize("channel", ["dilekce", "e_belediye"])
def test_a_kvkk_request_follows_kvkk_whatever_its_channel(channel):
    assert clock.rule_for("kvkk_basvurusu", channel, "kvkk", RULES).rule_id == "kvkk_basvurusu"


def test_thirty_calendar_days_from_the_day_after_receipt():
    result = clock.compute_due(RULES["kvkk_basvurusu"], date(2026, 5, 11), CAL)  # Monday
    assert result.due_on == date(2026, 6, 10)
    assert result.warnings == []
    assert clock.internal_due(result.due_on, RULES.internal_margin_working_days, CAL) == date(2026, 6, 5)


def test_a_last_day_on_a_sunday_moves_to_monday_like_a_petitions():
    # 13.03.2026 + 30 days = Sunday 12.04.2026 → Monday 13.04, as a 3071 petition received the same day
    result = clock.compute_due(RULES["kvkk_basvurusu"], date(2026, 3, 13), CAL)
    assert result.due_on == date(2026, 4, 13) == clock.compute_due(RULES["dilekce"], date(2026, 3, 13), CAL).due_on
    assert [step for step in result.explanation if step.kind == clock.ROLLED]
    assert "roll_to_working_day" not in result.as_dict()["rule"]


def test_a_rule_that_does_not_roll_keeps_its_last_day_and_warns(tmp_path):
    path = tmp_path / "rules.yml"
    path.write_text("internal_margin_working_days: 3\nfee_notice_restarts: false\nrules:\n  kvkk_basvurusu:\n"
                    "    kind: calendar_days\n    days: 30\n    roll_to_working_day: false\n"
                    "    source: KVKK m. 13/2\n    label: KVKK\n", encoding="utf-8")
    rule = clock.load_rules(path)["kvkk_basvurusu"]
    result = clock.compute_due(rule, date(2026, 3, 13), CAL)
    assert result.due_on == date(2026, 4, 12)
    assert not [step for step in result.explanation if step.kind == clock.ROLLED]
    assert any("kaydırılmaz" in step.text for step in result.explanation)
    assert result.warnings and "12.04.2026" in result.warnings[0]
    assert result.as_dict()["rule"]["roll_to_working_day"] is False
    # the directorate's own date: three working days before the last working day (Friday 10.04)
    assert clock.internal_due(result.due_on, 3, CAL) == date(2026, 4, 7)


def test_preview_of_a_kvkk_request_and_no_extension():
    answer = clock.preview("kvkk_basvurusu", date(2026, 5, 11), False, RULES, CAL)
    assert (answer["due_on"], answer["internal_due_on"]) == ("2026-06-10", "2026-06-05")
    asked = clock.preview("kvkk_basvurusu", date(2026, 5, 11), True, RULES, CAL)
    assert asked["due_on"] == "2026-06-10" and "4982 s. Kanun m. 11" in asked["warnings"][0]


def test_roll_to_working_day_must_be_true_or_false(tmp_path):
    path = tmp_path / "rules.yml"
    path.write_text("internal_margin_working_days: 3\nfee_notice_restarts: false\nrules:\n  x:\n"
                    "    kind: calendar_days\n    days: 30\n    roll_to_working_day: 'no'\n    source: s\n    label: l\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="roll_to_working_day"):
        clock.load_rules(path)
