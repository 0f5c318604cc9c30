"""The deadline watcher's sweep over many open cases (routing's `watch_deadlines` timer, every 60 s).

The measurement runs in a child process (`bench.watcher_probe`): routing's `Store` needs eventlet's
monkey-patching and a green psycopg2, which the rest of the benchmark, built on real threads, must not
get. This side makes the fresh database and vhost (so they are dropped even when the child is killed
at the time cap), starts the child and reads the JSON it prints.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def measure(db_url, amqp_uri, cases, seconds):
    """Run the probe on `db_url` (empty) and `amqp_uri` (a fresh vhost); its figures, or {"error": ...}."""
    env = {**os.environ, "BENCH_ROUTING_DB_URL": db_url, "BENCH_AMQP_URI": amqp_uri}
    command = [sys.executable, "-m", "bench.watcher_probe", "--cases", str(cases)]
    try:
        done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=seconds)
    except subprocess.TimeoutExpired as exc:
        return {"error": f"the watcher probe did not finish in {seconds:.0f} s", "stderr": _tail(exc.stderr)}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": f"the watcher probe exited with {done.returncode}", "stderr": _tail(done.stderr)}
    return json.loads(lines[-1])


def _tail(text, lines=20):
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return (text or "").splitlines()[-lines:]
