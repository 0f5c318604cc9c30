"""Raw PostgreSQL: single-row INSERT + COMMIT transactions per second on a fresh database.

This is the ceiling for anything that commits once per unit of work on this machine: with
`synchronous_commit` on, every commit waits for its WAL flush, so the disk's flush latency (and
PostgreSQL's group commit across connections) sets the figure, not the CPU.
"""
import threading
import time

import psycopg2

from .stats import rate

CREATE_TABLE = ("CREATE TABLE bench_commits (id bigserial PRIMARY KEY, worker integer NOT NULL, "
                "n integer NOT NULL, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())")
INSERT = "INSERT INTO bench_commits (worker, n, payload) VALUES (%s, %s, %s)"
PAYLOAD = "Sokağımızda üç gündür çöp alınmadı. " * 5


def measure(db_url, commits, threads, seconds):
    """Commits/s from one connection, then from `threads` connections at once; each run does at most
    `commits` transactions in total and stops after `seconds`."""
    settings = _prepare(db_url)
    sequential = _run(db_url, 1, commits, seconds)
    parallel = _run(db_url, threads, commits, seconds)
    best = max(sequential, parallel, key=lambda run: run["commits_per_s"])
    return {"sequential": sequential, "parallel": parallel, "best_commits_per_s": best["commits_per_s"],
            "best_connections": best["connections"], "server_settings": settings}


def _prepare(db_url):
    """Create the table; return the settings that decide what a commit costs."""
    conn = psycopg2.connect(db_url, connect_timeout=10)
    try:
        with conn.cursor() as cur:
            cur.execute(CREATE_TABLE)
            conn.commit()
            settings = {}
            for name in ("synchronous_commit", "fsync", "wal_sync_method", "commit_delay"):
                cur.execute(f"SHOW {name}")
                settings[name] = cur.fetchone()[0]
            conn.rollback()
        return settings
    finally:
        conn.close()


def _run(db_url, connections, commits, seconds):
    per_connection = max(1, commits // connections)
    conns = [psycopg2.connect(db_url, connect_timeout=10) for _ in range(connections)]
    done = [0] * connections
    failures = []
    start_gate = threading.Barrier(connections + 1, timeout=30)
    deadline = time.monotonic() + seconds + 5  # replaced below, once every thread is ready

    def work(index):
        conn = conns[index]
        try:
            with conn.cursor() as cur:
                start_gate.wait()
                for n in range(per_connection):
                    if time.monotonic() > deadline:
                        break
                    cur.execute(INSERT, (index, n, PAYLOAD))
                    conn.commit()
                    done[index] += 1
        except Exception as exc:  # reported after the run
            failures.append(f"{type(exc).__name__}: {exc}")

    workers = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(connections)]
    try:
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + seconds
        start_gate.wait()
        started = time.perf_counter()
        for worker in workers:
            worker.join(timeout=seconds + 30)
        elapsed = time.perf_counter() - started
    finally:
        for conn in conns:
            conn.close()
    if failures:
        raise RuntimeError(f"raw PostgreSQL run failed: {failures[0]}")
    total = sum(done)
    return {"connections": connections, "commits": total, "seconds": round(elapsed, 3),
            "commits_per_s": round(rate(total, elapsed), 1)}
