"""Routing's own gauges (DESIGN.md §9): open cases per directorate, cases past their internal and
legal dates, and how long answers take."""
from prometheus_client import Gauge, Histogram

from . import storage

OPEN_CASES = Gauge("routing_open_cases", "Open cases by directorate ('triage' when none yet)", ["directorate"])
PAST_INTERNAL = Gauge("routing_cases_past_internal_due", "Open cases past their internal due date", ["directorate"])
PAST_LEGAL = Gauge("routing_cases_past_legal_due", "Open cases past their legal due date", ["directorate"])
TIME_TO_ANSWER = Histogram("routing_time_to_answer_days", "Days from receipt to the approved answer",
                           ["deadline_rule"], buckets=(1, 3, 7, 10, 15, 21, 30, 45, 60, 90))


def refresh(store, today):
    """Recount the gauges (the watcher calls this after each sweep)."""
    with store.transaction() as tx:
        rows = storage.count_open_by_directorate(tx.cursor, today)
    for gauge in (OPEN_CASES, PAST_INTERNAL, PAST_LEGAL):  # a directorate with nothing open drops out
        gauge.clear()
    for row in rows:
        OPEN_CASES.labels(row["directorate"]).set(row["open"])
        PAST_INTERNAL.labels(row["directorate"]).set(row["past_internal"])
        PAST_LEGAL.labels(row["directorate"]).set(row["past_legal"])


def answered(deadline_rule, received_at, answered_at):
    TIME_TO_ANSWER.labels(deadline_rule).observe((answered_at - received_at).total_seconds() / 86400)
