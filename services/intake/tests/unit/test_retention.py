"""The retention rules file (KVKK periodic destruction) and the cutoffs it gives, in Istanbul days."""
from datetime import date, datetime, timezone

import pytest
import yaml

from intake import retention
from intake.exceptions import NotAllowed
from intake.retention import InvalidRetentionRules, Rule, cutoff, cutoff_day, load_rules, parse_rules
from intake.settings import IntakeSettings


def rules_file(tmp_path, data, name="retention.yml"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def rule(**changes):
    body = {"label": "Dilekçeler", "types": ["sikayet"], "keep_years": 10, "source": "İmha politikası",
            "verify": True}
    body.update(changes)
    return body


DEFAULT = {"label": "Diğer", "keep_years": 10, "source": "İmha politikası", "verify": True}


def test_the_shipped_rules_load_and_cover_every_type_once():
    rules = {r.name: r for r in load_rules()}
    assert rules["bilgi_edinme"].keep_years == 5 and rules["bilgi_edinme"].types == ("bilgi_edinme",)
    assert rules["dilekce"].keep_years == 10
    assert set(rules["dilekce"].types) == {"istek", "sikayet", "gorus_oneri", "ihbar", "tesekkur"}
    assert rules["default"].keep_years == 10 and rules["default"].types == ()
    assert all(r.verify is True and r.source and r.label for r in rules.values())
    named = [t for r in rules.values() for t in r.types]
    assert len(named) == len(set(named))


def test_the_file_is_named_by_config_else_the_shipped_one(tmp_path):
    path = rules_file(tmp_path, {"rules": {"default": {**DEFAULT, "keep_years": 2}}})
    named = IntakeSettings.from_config({"RETENTION_FILE": str(path)})
    assert [r.keep_years for r in retention.load_rules_on_start(named)] == [2]
    shipped = IntakeSettings.from_config({"RETENTION_FILE": ""})
    assert {r.name for r in retention.load_rules_on_start(shipped)} == {"bilgi_edinme", "dilekce", "default"}


@pytest.mark.parametrize("data, message", [
    ({"rules": {"dilekce": rule(keep_years="on"), "default": DEFAULT}}, "rules.dilekce.keep_years"),
    ({"rules": {"dilekce": rule(keep_years=0), "default": DEFAULT}}, "rules.dilekce.keep_years"),
    ({"rules": {"dilekce": rule(types=["sikayet", "kayip_esya"]), "default": DEFAULT}}, "kayip_esya"),
    ({"rules": {"dilekce": rule(), "diger": rule(label="Yine"), "default": DEFAULT}}, "'sikayet' türü"),
    ({"rules": {"dilekce": rule()}}, "'default' kuralı olmalı"),
    ({"rules": {"dilekce": rule(source=""), "default": DEFAULT}}, "rules.dilekce.source"),
    ({"rules": {"dilekce": rule(verify="evet"), "default": DEFAULT}}, "rules.dilekce.verify"),
    ({"rules": {"dilekce": rule(keep_yeras=5), "default": DEFAULT}}, "bilinmeyen alan"),
    ({"rules": {"default": {**DEFAULT, "types": ["sikayet"]}}}, "'default' kuralı tür listelemez"),
    ({"rules": {"dilekce": rule(types=[]), "default": DEFAULT}}, "rules.dilekce.types"),
    ({"kurallar": {}}, "'rules' altında"),
    ([1, 2], "'rules' altında"),
])
def test_a_bad_file_is_refused_with_what_is_wrong(tmp_path, data, message):
    path = rules_file(tmp_path, data)
    with pytest.raises(InvalidRetentionRules) as refused:
        load_rules(path)
    assert message in str(refused.value)
    assert str(path) in str(refused.value)


def test_a_file_that_is_not_yaml_or_is_missing_is_refused(tmp_path):
    with pytest.raises(InvalidRetentionRules, match="YAML"):
        load_rules(rules_file(tmp_path, "rules: [unclosed"))
    with pytest.raises(InvalidRetentionRules, match="okunamadı"):
        load_rules(tmp_path / "yok.yml")


def test_every_problem_is_named_at_once():
    with pytest.raises(InvalidRetentionRules) as refused:
        parse_rules({"rules": {"dilekce": rule(keep_years=-1, label="")}})
    text = str(refused.value)
    assert "keep_years" in text and "label" in text and "default" in text


@pytest.mark.parametrize("today, years, expected", [
    (date(2036, 3, 1), 10, date(2026, 3, 1)),
    (date(2031, 1, 1), 5, date(2026, 1, 1)),
    (date(2028, 2, 29), 4, date(2024, 2, 29)),  # a leap day to a leap day
    (date(2028, 2, 29), 1, date(2027, 3, 1)),  # received 2027-02-28: its year ended on 2028-02-28
    (date(2025, 3, 1), 1, date(2024, 3, 1)),  # received 2024-02-29: its year ended on 2025-02-28
    (date(2025, 2, 28), 1, date(2024, 2, 28)),
])
def test_cutoff_days(today, years, expected):
    assert cutoff_day(today, years) == expected


def test_the_cutoff_is_the_start_of_an_istanbul_day():
    ten_years = Rule("dilekce", "Dilekçeler", 10, "İmha politikası", True, ("sikayet",))
    # 2036-02-29 22:30 UTC is already 1 March in Istanbul (UTC+3)
    moment = cutoff(ten_years, datetime(2036, 2, 29, 22, 30, tzinfo=timezone.utc))
    assert moment.isoformat() == "2026-03-01T00:00:00+03:00"
    assert moment.astimezone(timezone.utc) == datetime(2026, 2, 28, 21, 0, tzinfo=timezone.utc)
    # an application received at 23:59 on 28 February 2026 (Istanbul) is past, one at 00:00 on 1 March is not
    assert datetime(2026, 2, 28, 20, 59, tzinfo=timezone.utc) < moment <= datetime(2026, 2, 28, 21, 0,
                                                                                   tzinfo=timezone.utc)


@pytest.mark.parametrize("actor", [None, {}, {"id": "ayse", "role": "pr_officer"}, {"id": "x", "role": "auditor"},
                                   "admin"])
def test_only_an_admin_may_start_a_run_by_hand(actor):
    with pytest.raises(NotAllowed, match="yalnızca sistem yöneticisi"):
        retention.require_admin(actor)
    assert retention.require_admin({"id": "mehmet", "role": "admin"}) == "mehmet"
