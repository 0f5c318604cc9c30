"""The deadline watcher: warnings before a case's internal date, escalation after it, a breach when
the legal date passes. Each signal is claimed in `deadline_signals` in the same transaction as its
event, so it is emitted once however often the sweep runs and however many instances run it.

Signals are keyed by the date they are about: when an extension moves the dates, the new dates
get their own warnings.
"""
from datetime import timedelta

from contracts import routing as events

from . import storage

BATCH = 500
ONE_DAY = timedelta(days=1)


def working_days_between(start, end, calendar):
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        if calendar.is_working_day(day):
            count += 1
    return count


def add_working_days(start, days, calendar):
    day = start
    while days > 0:
        day += ONE_DAY
        if calendar.is_working_day(day):
            days -= 1
    return day


def sweep(store, deadlines, today):
    """One pass over the open cases that are due soon or late; returns the signals emitted.

    Works in pages of `BATCH` cases, one transaction each, so a long backlog neither holds locks
    for long nor is starved by its first page.
    """
    emitted = {"warning": 0, "escalation": 0, "breach": 0}
    with store.transaction() as tx:
        deadlines.refresh_calendar(tx.cursor)
    horizon = add_working_days(today, max(deadlines.warning_working_days), deadlines.calendar)

    def on_internal_date(tx, case):
        emitted["warning"] += _warn(tx, case, deadlines, today)
        emitted["escalation"] += _escalate(tx, case, deadlines, today)

    def on_legal_date(tx, case):
        emitted["breach"] += _breach(tx, case)
        if _escalations_complete(case, deadlines, today):
            storage.mark_watch_done(tx.cursor, case["id"])  # nothing left to say about these dates

    _pages(store, "internal_due_on", horizon, on_internal_date)
    _pages(store, "legal_due_on", today - ONE_DAY, on_legal_date)
    return emitted


def _pages(store, column, day, visit):
    after = None
    while True:
        with store.transaction() as tx:
            cases = storage.open_cases_due_by(tx.cursor, column, day, BATCH, after)
            for case in cases:
                visit(tx, case)
        if len(cases) < BATCH:
            return
        after = (cases[-1][column], cases[-1]["id"])


def _ref(case):
    return {"case_id": case["id"], "application_id": case["application_id"],
            "tracking_number": case["tracking_number"], "directorate": case["directorate"]}


def _warn(tx, case, deadlines, today):
    due = case["internal_due_on"]
    if due < today:
        return 0
    left = working_days_between(today, due, deadlines.calendar)
    count = 0
    for level in deadlines.warning_working_days:
        if left <= level and storage.claim_signal(tx.cursor, case["id"], "warning", f"{level}@{due}"):
            tx.emit(events.DEADLINE_WARNING, {**_ref(case), "internal_due_on": due,
                                              "legal_due_on": case["legal_due_on"], "working_days_left": left})
            storage.add_event(tx.cursor, case["id"], "routing", "deadline_warning", {"working_days_left": left})
            count += 1
    return count


def _escalate(tx, case, deadlines, today):
    due = case["internal_due_on"]
    if due >= today:
        return 0
    chain = deadlines.escalation_chain
    late = max(1, working_days_between(due, today, deadlines.calendar))
    count = 0
    for level in range(1, min(late, len(chain)) + 1):
        if storage.claim_signal(tx.cursor, case["id"], "escalation", f"{level}@{due}"):
            tx.emit(events.DEADLINE_ESCALATED, {**_ref(case), "level": level, "escalate_to": chain[level - 1],
                                                "internal_due_on": due})
            storage.add_event(tx.cursor, case["id"], "routing", "deadline_escalated",
                              {"level": level, "escalate_to": chain[level - 1]})
            count += 1
    return count


def _escalations_complete(case, deadlines, today):
    """Every level of the chain is behind the case: it is at least that many working days late."""
    levels = len(deadlines.escalation_chain)
    return add_working_days(case["internal_due_on"], levels, deadlines.calendar) <= today


def _breach(tx, case):
    if not storage.claim_signal(tx.cursor, case["id"], "breach", f"@{case['legal_due_on']}"):
        return 0
    tx.emit(events.DEADLINE_BREACHED, {**_ref(case), "legal_due_on": case["legal_due_on"]})
    storage.add_event(tx.cursor, case["id"], "routing", "deadline_breached",
                      {"legal_due_on": str(case["legal_due_on"])})
    return 1
