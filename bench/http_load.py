"""HTTP load: POST applications to the gateway from N client threads, each with its own session."""
import threading
import time
from collections import Counter

import requests

from .stats import ms, percentile, rate

PATH = "/api/v1/applications"
MAX_ERRORS_KEPT = 10


def application(run_id, n):
    """The n-th application of a run: unique source reference and e-mail, so none is a retry or a
    likely duplicate of another."""
    return {
        "channel": "cimer", "type": "sikayet", "category": "cop",
        "subject": f"Çöp toplanmıyor {n}", "body": f"Sokağımızda üç gündür çöp alınmadı. {n}",
        "neighbourhood": "Sarnıç",
        "applicant": {"full_name": "Ayşe Yılmaz", "email": f"ayse{n}@example.org",
                      "postal_address": "Sarnıç Mah. 1 Sok. No 2", "preferred_reply_channel": "email"},
        "source_system": "bench", "source_reference": f"BENCH-{run_id}-{n}",
    }


class Numbers:
    """Hands out application numbers across threads and levels, so no two requests are the same."""

    def __init__(self):
        self._next = 0
        self._lock = threading.Lock()

    def take(self):
        with self._lock:
            self._next += 1
            return self._next


def run_level(base_url, auth, run_id, numbers, concurrency, count, seconds, timeout, accepted_log=None,
              posted=None):
    """Send `count` applications with `concurrency` clients (new requests stop after `seconds`).

    Returns accepted/s (201s per wall second), p50/p99 latency of every answer, and the errors:
    anything but a 201 with a tracking number, with the first few kept verbatim. Each 201 is also
    appended to `accepted_log`, when given, as (tracking number, `time.time()` when its answer came
    back): the e-mail benchmark matches it to the receipt that notify sends. When `posted` (a dict) is
    given, it gets {tracking number: `time.time()` just before its POST was sent} for the end-to-end
    stages (`end_to_end`).
    """
    url = base_url + PATH
    headers = {"Content-Type": "application/json"}
    remaining = [count]
    lock = threading.Lock()
    latencies, statuses, errors = [], Counter(), []
    deadline = time.monotonic() + seconds

    def claim():
        with lock:
            if remaining[0] <= 0 or time.monotonic() > deadline:
                return None
            remaining[0] -= 1
        return numbers.take()

    def client():
        with requests.Session() as session:
            session.auth = auth
            while (n := claim()) is not None:
                body = application(run_id, n)
                posted_at = time.time()  # wall clock: compared with the databases' timestamps
                began = time.perf_counter()
                outcome = _post(session, url, headers, body, timeout)
                took = time.perf_counter() - began
                answered_at = time.time()  # wall clock: compared with the mtimes of the sink's files
                with lock:
                    latencies.append(took)
                    statuses[outcome[0]] += 1
                    if outcome[0] == "accepted" and accepted_log is not None:
                        accepted_log.append((outcome[1], answered_at))
                    if outcome[0] == "accepted" and posted is not None:
                        posted[outcome[1]] = posted_at
                    if outcome[0] != "accepted" and len(errors) < MAX_ERRORS_KEPT:
                        errors.append(outcome[1])

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + timeout + 10)
    elapsed = time.perf_counter() - started
    accepted = statuses.pop("accepted", 0)
    return {
        "concurrency": concurrency, "requests": len(latencies), "accepted": accepted,
        "errors": sum(statuses.values()), "error_kinds": dict(statuses), "error_samples": errors,
        "seconds": round(elapsed, 3), "accepted_per_s": round(rate(accepted, elapsed), 1),
        "p50_ms": ms(percentile(latencies, 0.50)), "p99_ms": ms(percentile(latencies, 0.99)),
        "max_ms": ms(max(latencies, default=None)),
    }


def _post(session, url, headers, body, timeout):
    """("accepted", tracking number) or (kind of error, what came back)."""
    try:
        response = session.post(url, json=body, headers=headers, timeout=timeout)
    except requests.RequestException as exc:
        return "no_answer", f"{type(exc).__name__}: {exc}"[:300]
    if response.status_code == 201:
        try:
            tracking_number = response.json().get("tracking_number")
        except ValueError:
            tracking_number = None
        if tracking_number:
            return "accepted", tracking_number
        return "201_without_tracking_number", response.text[:300]
    return f"http_{response.status_code}", f"{response.status_code} {response.text[:300]}"
