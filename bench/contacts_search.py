"""Contacts' search over 100,000 records (issue 6): the search_contacts RPC's own function against a
real PostgreSQL holding a bank of that size, by kind of query.

The measurement runs in a child process (`bench.contacts_probe`), as press's and the watcher's do:
contacts' `Store` needs eventlet's monkey-patching and a green psycopg2, which the rest of the benchmark,
built on real threads, must not get. This side makes the fresh database (dropped even when the child
is killed at the time cap), starts the child and reads the JSON it prints; then sets the figures beside
this run's raw PostgreSQL commits.
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def measure(db_url, contacts, searches, seconds):
    """Run the probe on `db_url` (empty); its figures, or {"error": ...}."""
    started = time.monotonic()
    env = {**os.environ, "BENCH_CONTACTS_DB_URL": db_url}
    command = [sys.executable, "-m", "bench.contacts_probe", "--contacts", str(contacts), "--searches",
               str(searches), "--parent-pid", str(os.getpid())]
    try:
        done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=seconds)
    except subprocess.TimeoutExpired as exc:
        return {"error": f"the contacts probe did not finish in {seconds:.0f} s", "stderr": _tail(exc.stderr)}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": f"the contacts probe exited with {done.returncode}", "stderr": _tail(done.stderr)}
    result = json.loads(lines[-1])
    result["seconds"] = round(time.monotonic() - started, 1)
    return result


def ratios(contacts, raw_postgres):
    """The search figures beside this run's raw single-row commits (DESIGN.md §8)."""
    if not contacts or "error" in contacts or not raw_postgres:
        return {}
    single = (raw_postgres.get("sequential") or {}).get("commits_per_s")
    search = contacts.get("search") or {}
    out = {}
    if single and search.get("p95_ms"):
        out["contacts_search_p95_in_commits"] = round(search["p95_ms"] / (1000 / single), 1)
    if single and search.get("p50_ms"):
        out["contacts_search_p50_in_commits"] = round(search["p50_ms"] / (1000 / single), 1)
    exact = [search["by_kind"][kind]["p50_ms"] for kind in ("phone", "e-mail")
             if (search.get("by_kind") or {}).get(kind, {}).get("p50_ms")]
    if exact and search.get("p95_ms"):
        out["contacts_search_p95_vs_exact_lookup_p50"] = round(search["p95_ms"] / (sum(exact) / len(exact)), 1)
    return out


RATIO_EXPLANATIONS = {
    "contacts_search_p95_in_commits": "contacts search p95 ÷ one raw single-row commit's time (1 connection): "
                                      "how many commits one slow search lasts",
    "contacts_search_p50_in_commits": "contacts search p50 ÷ one raw single-row commit's time (1 connection)",
    "contacts_search_p95_vs_exact_lookup_p50": "contacts search p95 ÷ p50 of the phone and e-mail look-ups "
                                               "through the same function (one index probe, the page read)",
}


def _tail(text, lines=20):
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return (text or "").splitlines()[-lines:]
