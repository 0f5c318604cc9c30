"""The legal clock alone: due dates computed per second, with their explanations.

`routing.clock.compute_due(rule, received_on, calendar)` is what routing runs for every case it opens
(and for every `GET /api/v1/deadlines/preview`): it walks the days one by one, asking the calendar about
each, and writes every day into the explanation. Two rules cover almost every application: 4982's
15 working days (`bilgi_edinme`, one calendar question per day counted) and 3071's 30 calendar days
(`dilekce`, one addition and a roll past the closed days at the end).
"""
import time
from datetime import date, timedelta
from pathlib import Path

from routing.calendar import WorkCalendar
from routing.clock import compute_due, load_rules

from .stats import rate

RULES_FILE = Path(__file__).resolve().parent.parent / "services" / "routing" / "seed" / "deadline_rules.yml"
RULE_IDS = ("bilgi_edinme", "dilekce")
FIRST_DAY = date(2024, 1, 1)
LAST_DAY = date(2031, 12, 31)
STEP = 97  # days between consecutive received dates, wrapped over the span: every weekday and month


def received_dates(count):
    """`count` received dates spread over 2024–2031 (deterministic, every weekday and season)."""
    span = (LAST_DAY - FIRST_DAY).days + 1
    return [FIRST_DAY + timedelta(days=(i * STEP) % span) for i in range(count)]


def measure(computations, seconds, rules_path=RULES_FILE):
    """Due dates/s for each rule: `computations` received dates per rule, at most `seconds` per rule.

    The calendar is built once (as routing does, per process) and has seen every year before the clock
    starts: the `holidays` package loads a year the first time a date in it is asked about.
    """
    rules = load_rules(rules_path)
    calendar = WorkCalendar()
    days = received_dates(computations)
    for year in range(FIRST_DAY.year, LAST_DAY.year + 2):  # +1: a late-December date is due in January
        for rule_id in RULE_IDS:
            compute_due(rules[rule_id], date(year, 6, 1), calendar)
    results = {"computations": computations, "first_received_on": FIRST_DAY.isoformat(),
               "last_received_on": LAST_DAY.isoformat(), "rules": {}}
    for rule_id in RULE_IDS:
        rule = rules[rule_id]
        deadline = time.monotonic() + seconds
        done, steps = 0, 0
        start = time.perf_counter()
        for received_on in days:
            steps += len(compute_due(rule, received_on, calendar).explanation)
            done += 1
            if done % 500 == 0 and time.monotonic() > deadline:
                break
        elapsed = time.perf_counter() - start
        results["rules"][rule_id] = {
            "kind": rule.kind, "days": rule.days, "computations": done, "seconds": round(elapsed, 3),
            "per_s": round(rate(done, elapsed), 1),
            "us_each": round(elapsed / done * 1e6, 1) if done else None,
            "explanation_steps_mean": round(steps / done, 1) if done else None,
        }
    return results
