"""Press's clippings archive over many clippings, and its feed reader (issue 7): archive searches'
latency over a million clippings, and feed items ingested per second.

The measurement runs in a child process (`bench.press_probe`), as the watcher's does: press's `Store`
needs eventlet's monkey-patching and a green psycopg2, which the rest of the benchmark, built on real
threads, must not get. This side makes the fresh database (dropped even when the child is killed at
the time cap), serves the news feeds from a thread (`bench.press_feeds`), starts the child and reads
the JSON it prints; then sets the figures beside this run's raw PostgreSQL commits.
"""
import json
import os
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from .press_corpus import SEED, Corpus
from .press_feeds import FeedServer

REPO = Path(__file__).resolve().parent.parent


def measure(db_url, clippings, searches, feeds, items, refetch_rounds, seconds):
    """Run the probe on `db_url` (empty) with `feeds` local feeds of `items` items; its figures, or
    {"error": ...}."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    started = time.monotonic()
    with FeedServer(Corpus(SEED, now), feeds, items) as server:
        env = {**os.environ, "BENCH_PRESS_DB_URL": db_url,
               "BENCH_FEED_URLS": ",".join(server.url(n) for n in range(feeds))}
        command = [sys.executable, "-m", "bench.press_probe", "--clippings", str(clippings), "--searches",
                   str(searches), "--refetch-rounds", str(refetch_rounds), "--parent-pid", str(os.getpid()),
                   "--now", now.isoformat()]
        try:
            done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=seconds)
        except subprocess.TimeoutExpired as exc:
            return {"error": f"the press probe did not finish in {seconds:.0f} s", "stderr": _tail(exc.stderr)}
        answers = dict(sorted(server.counts.items()))
        feed_bytes = server.bytes
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": f"the press probe exited with {done.returncode}", "stderr": _tail(done.stderr)}
    result = json.loads(lines[-1])
    result["seconds"] = round(time.monotonic() - started, 1)
    if result.get("ingest"):
        result["ingest"].update(items_per_feed=items, feed_answers=answers, feed_bytes=feed_bytes)
    return result


def ratios(press, raw_postgres):
    """The press figures beside this run's raw single-row commits (DESIGN.md §8)."""
    if not press or "error" in press or not raw_postgres:
        return {}
    best = raw_postgres.get("best_commits_per_s")
    single = (raw_postgres.get("sequential") or {}).get("commits_per_s")
    ingest = press.get("ingest") or {}
    search = press.get("search") or {}
    out = {}
    if best and ingest.get("items_per_s"):
        out["press_items_vs_postgres"] = round(ingest["items_per_s"] / best, 3)
    if best and (ingest.get("refetch") or {}).get("per_s"):
        out["press_refetch_vs_postgres"] = round(ingest["refetch"]["per_s"] / best, 3)
    if single and search.get("p95_ms"):
        # how many single-row commits (one connection, each waiting for its WAL flush) one search at the
        # p95 lasts
        out["press_search_p95_in_commits"] = round(search["p95_ms"] / (1000 / single), 1)
    bare = press.get("bare_match") or {}
    if bare.get("p95_ms") and search.get("p95_ms"):
        out["press_search_vs_bare_match_p95"] = round(search["p95_ms"] / bare["p95_ms"], 1)
    return out


RATIO_EXPLANATIONS = {
    "press_items_vs_postgres": "feed items stored/s ÷ raw single-row commits/s (best of 1 and 4 connections)",
    "press_refetch_vs_postgres": "unchanged feeds re-read (304)/s ÷ raw single-row commits/s; each re-read "
                                 "is one HTTP request and one transaction recording it",
    "press_search_p95_in_commits": "archive search p95 ÷ one raw single-row commit's time (1 connection): "
                                   "how many commits one slow search lasts",
    "press_search_vs_bare_match_p95": "archive search p95 ÷ p95 of the same text queries as a bare GIN lookup "
                                      "(first page, no rank, no total, no filter)",
}


def _tail(text, lines=20):
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return (text or "").splitlines()[-lines:]
