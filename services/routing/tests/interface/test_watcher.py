"""The deadline watcher, over days: a warning before the internal date, escalation after it, a breach
after the legal date, each emitted once (the sweep is run directly with the day it believes it is)."""
from datetime import date

from routing import watcher
from routing.deadlines import Deadlines
from servicekit.db import Pool, Store
from servicekit.outbox import Relay

from tests.support.routing_events import case_of, received


def signals(query, case_id):
    rows = query("SELECT envelope->>'event_type' AS type, envelope->'payload' AS payload FROM outbox "
                 "WHERE envelope->'payload'->>'case_id' = %s AND envelope->>'event_type' LIKE 'deadline_%%' "
                 "ORDER BY id", str(case_id))
    return [(row["type"], row["payload"].get("working_days_left", row["payload"].get("level"))) for row in rows]


def test_each_warning_escalation_and_breach_is_emitted_once(routing, routing_db, amqp_uri, query):
    case = case_of(query, received(amqp_uri, type="bilgi_edinme", channel="cimer", category="harcama",
                                   received_at="2026-03-13T09:00:00+03:00"))
    assert (case["internal_due_on"], case["legal_due_on"]) == (date(2026, 4, 1), date(2026, 4, 6))
    pool = Pool(routing_db, 2)
    store = Store(pool, Relay("routing", pool, {"AMQP_URI": amqp_uri}), "routing")
    deadlines = Deadlines.load()

    def day(iso):
        watcher.sweep(store, deadlines, date.fromisoformat(iso))
        watcher.sweep(store, deadlines, date.fromisoformat(iso))  # twice: nothing more the second time
        return signals(query, case["id"])

    assert day("2026-03-27") == []                                           # 3 working days left
    assert day("2026-03-30") == [("deadline_warning", 2)]                    # 2 left
    assert day("2026-04-01")[-1] == ("deadline_warning", 0)                  # the internal date itself
    assert day("2026-04-02")[-1] == ("deadline_escalated", 1)                # one working day late
    assert day("2026-04-06")[-2:] == [("deadline_escalated", 2), ("deadline_escalated", 3)]
    assert day("2026-04-07")[-1][0] == "deadline_breached"                   # the legal date passed
    assert len(day("2026-04-20")) == 6
    # all said: the case leaves the watcher's indexes until its dates change
    assert query("SELECT watch_done FROM cases WHERE id = %s", str(case["id"]))[0]["watch_done"] is True
    timeline = [row["action"] for row in query("SELECT action FROM case_events WHERE case_id = %s ORDER BY id",
                                               str(case["id"]))]
    assert timeline.count("deadline_escalated") == 3 and timeline.count("deadline_breached") == 1
    pool.close()


def test_an_answered_case_raises_no_alarm(routing, routing_db, amqp_uri, query):
    case = case_of(query, received(amqp_uri, received_at="2026-03-13T09:00:00+03:00"))
    query("UPDATE cases SET state = 'answered' WHERE id = %s RETURNING id", str(case["id"]))
    pool = Pool(routing_db, 2)
    store = Store(pool, Relay("routing", pool, {"AMQP_URI": amqp_uri}), "routing")
    watcher.sweep(store, Deadlines.load(), date(2026, 6, 1))
    assert signals(query, case["id"]) == []
    pool.close()


