"""The deadline watcher over many open cases, in a process of its own (started by `bench.watcher`).

    BENCH_ROUTING_DB_URL=postgresql://... BENCH_AMQP_URI=amqp://... python -m bench.watcher_probe --cases N

servicekit's `Store` needs what `nameko run` gives a service: eventlet's monkey-patching and a green
psycopg2. They are done here, first, in this process only, so the rest of the benchmark (real threads)
is left alone. The database and the vhost are the parent's fresh ones, empty; this process applies
routing's migrations, loads N open cases in one statement, then times `routing.watcher.sweep` twice
with routing's own `Store` and outbox `Relay`. It prints its figures as one JSON object on stdout.
"""
import eventlet

eventlet.monkey_patch()

from servicekit.green import make_green  # noqa: E402  (after the patching, before psycopg2 is used)

make_green()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import psycopg2  # noqa: E402

from bench.cpu import Meter  # noqa: E402
from routing import storage, watcher  # noqa: E402
from routing.deadlines import Deadlines, read_seed  # noqa: E402
from servicekit.db import Pool, Store  # noqa: E402
from servicekit.migrations import apply_migrations  # noqa: E402
from servicekit.outbox import Relay  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
MIGRATIONS = REPO / "services" / "routing" / "migrations"
ISTANBUL = ZoneInfo("Europe/Istanbul")
OPEN_STATES = "('triage', 'assigned', 'answer_submitted', 'awaiting_mayor')"
POOL_SIZE = 4

# One statement. Case g (1..N) falls in a bucket by g % 1000, so the shares are exact for N a multiple
# of 1000: 0.1 % past their legal date (1-30 days; internal = legal - 3 days, so also past internal),
# 0.4 % past their internal date only (1-3 days), 0.5 % with the internal date in the warning window
# (today .. today + 2 working days), the rest spread over the days after it, up to a year ahead.
BULK_LOAD = f"""
INSERT INTO cases (id, application_id, tracking_number, channel, type, category, subject, received_at,
                   hide_identity, state, directorate, deadline_rule, legal_due_on, internal_due_on,
                   due_explanation)
SELECT gen_random_uuid(), gen_random_uuid(), 'GZM-2026-' || lpad(g::text, 7, '0'), 'cimer', 'sikayet', 'cop',
       'x', now(), false, 'assigned', 'temizlik-isleri', 'dilekce', d + 3, d, '{{}}'::jsonb
FROM (SELECT g, CASE WHEN g %% 1000 = 0 THEN %(today)s::date - 4 - (g / 1000) %% 30
                     WHEN g %% 1000 < 5 THEN %(today)s::date - 1 - (g / 1000) %% 3
                     WHEN g %% 1000 < 10 THEN %(today)s::date + (g / 1000) %% (%(window)s + 1)
                     ELSE %(today)s::date + %(window)s + 1 + ((g::bigint * 7919) %% (365 - %(window)s))::int END AS d
      FROM generate_series(1, %(n)s) AS g) AS s
"""

SHARES = f"""
SELECT count(*) AS open,
       count(*) FILTER (WHERE internal_due_on < %(today)s) AS past_internal,
       count(*) FILTER (WHERE legal_due_on < %(today)s) AS past_legal,
       count(*) FILTER (WHERE internal_due_on BETWEEN %(today)s AND %(horizon)s) AS in_warning_window
FROM cases WHERE state IN {OPEN_STATES}
"""

SIZES = """
SELECT pg_relation_size('cases') AS heap, pg_indexes_size('cases') AS indexes,
       pg_total_relation_size('cases') AS total, pg_relation_size('cases_open_internal_due') AS open_internal_due_index
"""


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.watcher_probe")
    parser.add_argument("--cases", type=int, required=True)
    args = parser.parse_args(argv)
    result = probe(os.environ["BENCH_ROUTING_DB_URL"], os.environ["BENCH_AMQP_URI"], args.cases)
    sys.stdout.write(json.dumps(result, default=str) + "\n")
    return 0


def probe(db_url, amqp_uri, cases):
    deadlines = Deadlines.load()
    today = datetime.now(ISTANBUL).date()
    horizon = watcher.add_working_days(today, max(deadlines.warning_working_days), deadlines.calendar)
    result = {"cases": cases, "today": today.isoformat(), "warning_horizon": horizon.isoformat()}

    started = time.perf_counter()
    apply_migrations(db_url, MIGRATIONS)
    result["migrations_seconds"] = _since(started)
    meter = _meter(db_url)
    result["load"] = _load(db_url, cases, today, horizon, meter)

    pool = Pool(db_url, POOL_SIZE)
    relay = Relay("routing", pool, {"AMQP_URI": amqp_uri})
    store = Store(pool, relay, "routing")
    # a running service declared its topology long ago: the relay's first publish does it, not timed
    started = time.perf_counter()
    relay.publish([])
    result["relay_topology_seconds"] = _since(started)

    counts = _count_calls()
    result["first_sweep"] = _sweep(store, deadlines, today, counts, db_url, meter)
    result["outbox_drain"] = _drain(relay, db_url, meter)
    result["second_sweep"] = _sweep(store, deadlines, today, counts, db_url, meter)
    result["reading_only"] = _read_pages(store, today, horizon)
    result["explain"] = _explain(db_url, horizon)
    pool.close()
    return result


def _meter(db_url):
    """Cores busy in this process, in PostgreSQL (the backends of its database and the server's own
    processes: WAL writer, checkpointer, ...), in RabbitMQ, and in everything else ("other": other
    people's work on the machine shows there)."""
    database = db_url.rsplit("/", 1)[1]
    me = os.getpid()

    def classify(pid, comm, cmdline):
        if pid == me:
            return "watcher"
        if comm == "postgres" and (database in cmdline or "(" not in cmdline):
            return "PostgreSQL"  # a client backend shows "user db host(port) state"; the server's own no "("
        if comm == "beam.smp" and "rabbit boot" in cmdline:
            return "RabbitMQ"
        return None

    return Meter(classify)


def _load(db_url, cases, today, horizon, meter):
    """The directorates, then the cases in one INSERT … SELECT, then ANALYZE; the shares as loaded."""
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            for code, name in read_seed()["directorates"].items():
                cur.execute("INSERT INTO directorates (code, name) VALUES (%s, %s)", (code, name))
            conn.commit()
            meter.start()
            started = time.perf_counter()
            cur.execute(BULK_LOAD, {"today": today, "window": (horizon - today).days, "n": cases})
            loaded = cur.rowcount
            conn.commit()
            insert_seconds = _since(started)
            cores = meter.stop(insert_seconds)
            started = time.perf_counter()
            conn.autocommit = True
            cur.execute("ANALYZE cases")
            analyze_seconds = _since(started)
            cur.execute(SHARES, {"today": today, "horizon": horizon})
            shares = dict(zip([c.name for c in cur.description], cur.fetchone()))
            cur.execute(SIZES)
            sizes = dict(zip([c.name for c in cur.description], cur.fetchone()))
    finally:
        conn.close()
    return {"cases": loaded, "seconds": insert_seconds, "cases_per_s": round(loaded / insert_seconds, 1),
            "analyze_seconds": analyze_seconds, "shares": shares, "cores_busy": cores,
            "size_mib": {name: round(size / 2**20, 1) for name, size in sizes.items()}}


def _count_calls():
    """Counts the watcher's page queries, the cases they return and its signal claims, by wrapping
    two functions of `routing.storage` in this process (what they do is unchanged)."""
    counts = {"pages": 0, "cases_read": 0, "claims": 0, "claimed": 0}
    read, claim = storage.open_cases_due_by, storage.claim_signal

    def open_cases_due_by(*args, **kwargs):
        rows = read(*args, **kwargs)
        counts["pages"] += 1
        counts["cases_read"] += len(rows)
        return rows

    def claim_signal(*args, **kwargs):
        won = claim(*args, **kwargs)
        counts["claims"] += 1
        counts["claimed"] += int(won)
        return won

    storage.open_cases_due_by, storage.claim_signal = open_cases_due_by, claim_signal
    return counts


def _sweep(store, deadlines, today, counts, db_url, meter):
    for key in counts:
        counts[key] = 0
    meter.start()
    started = time.perf_counter()
    emitted = watcher.sweep(store, deadlines, today)
    seconds = _since(started)
    cores = meter.stop(seconds)
    return {"seconds": seconds, "emitted": emitted, "signals": sum(emitted.values()), **counts,
            "outbox_unsent_after": _unsent(db_url), "cores_busy": cores}


def _drain(relay, db_url, meter):
    """What the relay's periodic sweep does with rows the immediate publish left: batches until none."""
    before = _unsent(db_url)
    meter.start()
    started = time.perf_counter()
    sent = 0
    while True:
        batch = relay.publish()
        sent += batch
        if batch == 0:
            break
    seconds = _since(started)
    cores = meter.stop(seconds)
    return {"unsent_before": before, "published": sent, "seconds": seconds, "cores_busy": cores,
            "per_s": round(sent / seconds, 1) if seconds > 0 else None, "unsent_after": _unsent(db_url)}


def _read_pages(store, today, horizon):
    """The sweep's two page walks alone (no visit, no claim): how much of a sweep is reading."""
    started = time.perf_counter()
    rows = 0
    for column, day in (("internal_due_on", horizon), ("legal_due_on", today - watcher.ONE_DAY)):
        after = None
        while True:
            with store.transaction() as tx:
                page = storage.open_cases_due_by(tx.cursor, column, day, watcher.BATCH, after)
            rows += len(page)
            if len(page) < watcher.BATCH:
                break
            after = (page[-1][column], page[-1]["id"])
    return {"seconds": _since(started), "cases_read": rows}


def _explain(db_url, horizon):
    """EXPLAIN (ANALYZE, BUFFERS) of the watcher's own query (`routing.storage.due_query`): its first page,
    and a page from the middle of the walk, which carries the previous page's `(date, id) > (…)` key."""
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            first = _plan(cur, storage.due_query("internal_due_on", paged=False), (horizon, watcher.BATCH))
            cur.execute(f"SELECT count(*) FROM cases WHERE internal_due_on <= %s AND state IN {OPEN_STATES}",
                        (horizon,))
            due = cur.fetchone()[0]
            later = None
            if due > watcher.BATCH:
                pages_before = max(1, due // watcher.BATCH // 2)
                cur.execute(f"SELECT internal_due_on, id FROM cases WHERE internal_due_on <= %s AND state IN "
                            f"{OPEN_STATES} ORDER BY internal_due_on, id OFFSET %s LIMIT 1",
                            (horizon, pages_before * watcher.BATCH - 1))
                after = cur.fetchone()
                later = _plan(cur, storage.due_query("internal_due_on", paged=True),
                              (horizon, after[0], str(after[1]), watcher.BATCH))
                later["page"] = pages_before + 1
        conn.rollback()
    finally:
        conn.close()
    return {**first, "due_cases": due, "later_page": later}


def _plan(cur, sql, params):
    cur.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
    plan = [row[0] for row in cur.fetchall()]
    text = "\n".join(plan)
    if "cases_open_internal_due" in text:
        access = "index scan"
    elif "Seq Scan on cases" in text:
        access = "seq scan"
    else:
        access = "other"
    execution = next((line.split(":", 1)[1].strip() for line in plan if line.startswith("Execution Time")), None)
    removed = sum(int(line.split(":")[1]) for line in plan if "Rows Removed by Filter" in line)
    return {"access": access, "uses_cases_open_internal_due": "cases_open_internal_due" in text,
            "execution_time": execution, "rows_removed_by_filter": removed, "plan": plan}


def _unsent(db_url):
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
            return cur.fetchone()[0]
    finally:
        conn.close()


def _since(started):
    return round(time.perf_counter() - started, 3)


if __name__ == "__main__":
    sys.exit(main())
