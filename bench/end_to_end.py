"""The end-to-end figure (issue 8): for every accepted application of the system load, when each stage
of its way through the platform happened, from the POST to the receipt e-mail in the SMTP sink; the
CPU each process spent per application over the whole way; and each process's memory.

Every time is on this machine's wall clock (`time.time()` in the benchmark, PostgreSQL's timestamps,
the sink's file mtimes), so they compare directly. What each one is:

    posted    the benchmark, just before it sends the POST (`http_load`)
    stored    intake's `applications.created_at`: `now()`, the start of the submission transaction
              (its first statement); `received_at` is intake's own clock a little later in the same
              transaction (the default when the caller sends none), so `created_at` is the earlier
    answered  the benchmark, when the 201 and its body are back (`http_load`); intake publishes the
              `application_received` event after its commit and before it answers the RPC, so the
              201 comes after the event is on its way
    opened    routing's `cases.opened_at`: `now()`, the start of routing's transaction for the event
    queued    notify's `notifications.created_at` of the receipt: `now()`, the start of notify's
              transaction for the same event (notify does not wait for routing: both take the event)
    in_sink   the mtime of the receipt's `.eml` file: the sink writes it when the message's data is in,
              before it answers 250 (`mail_delivery`)
    sent      notify's `notifications.sent_at`: `clock_timestamp()` when notify records the outcome,
              after the SMTP conversation has ended, so after `in_sink`

The receipt's critical path is posted → stored → queued → in_sink; the 201 and the case are branches
off it. The stages of that path add up to the whole (POST → in the sink), so their mean durations give
each one's share.
"""
import os
import time

import psycopg2

from . import mail_delivery
from .cpu import Meter
from .stats import ms, percentile

# (key, label, from, to): the receipt's critical path, then the branches and the record after the sink
STAGES = (
    ("post_to_stored", "POST → intake's transaction began (gateway, RPC request, intake's checks)",
     "posted", "stored"),
    ("stored_to_queued", "intake's transaction → receipt queued by notify (counter, commit, event, notify's "
                         "handler)", "stored", "queued"),
    ("queued_to_sink", "receipt queued → in the SMTP sink (notify's delivery loop: wait, PDF over RPC, SMTP)",
     "queued", "in_sink"),
    ("stored_to_answered", "branch: intake's transaction → 201 back (commit, event published, RPC reply, HTTP)",
     "stored", "answered"),
    ("stored_to_opened", "branch: intake's transaction → case opened by routing", "stored", "opened"),
    ("sink_to_sent", "after: in the sink → notify recorded it sent (SMTP QUIT, its transaction)",
     "in_sink", "sent"),
)
CRITICAL = ("post_to_stored", "stored_to_queued", "queued_to_sink")
WHOLE = (("post_to_sink", "whole: POST → receipt in the SMTP sink", "posted", "in_sink"),
         ("answered_to_sink", "whole: 201 → receipt in the SMTP sink (the e-mail row's p50/p99)", "answered",
          "in_sink"))
# the brief's order: each milestone's time after the 201 (negative: before it)
MILESTONES = (("stored", "intake stored (created_at)"), ("opened", "routing opened the case (opened_at)"),
              ("queued", "notify queued the receipt (created_at)"), ("in_sink", "receipt in the SMTP sink (mtime)"),
              ("sent", "notify recorded it sent (sent_at)"))
MIB = 1024 * 1024


class Tracker:
    """Started before the warm-up, finished after the receipts are in: the CPU every process spent
    over the whole way of every application, and memory when the load ended and at the finish."""

    def __init__(self, classify, pids):
        self.meter = Meter(classify)
        self.pids = pids  # {name: pid} whose memory is read
        self.started = None
        self.memory_after_load = None

    def start(self):
        self.meter.start()
        self.started = time.monotonic()

    def load_ended(self):
        self.memory_after_load = memory(self.pids)

    def finish(self):
        seconds = time.monotonic() - self.started
        cores = self.meter.stop(seconds)
        return {"seconds": round(seconds, 2), "cores_busy": cores,
                "memory_after_load": self.memory_after_load, "memory_at_end": memory(self.pids)}


def memory(pids):
    """{name: {"rss_mib", "peak_mib"}} from /proc/<pid>/status (VmRSS now, VmHWM the peak so far)."""
    out = {}
    for name, pid in pids.items():
        found = {}
        try:
            with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith(("VmRSS:", "VmHWM:")):
                        key, value = line.split(":", 1)
                        found[key] = int(value.split()[0]) * 1024
        except OSError:
            out[name] = None
            continue
        out[name] = {"rss_mib": round(found.get("VmRSS", 0) / MIB, 1),
                     "peak_mib": round(found.get("VmHWM", 0) / MIB, 1)}
    return out


def rabbitmq_pid():
    """The RabbitMQ node's pid (its beam.smp), for its memory: the whole node, every vhost on it."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/comm", encoding="utf-8") as handle:
                if handle.read().strip() != "beam.smp":
                    continue
            with open(f"/proc/{entry}/cmdline", encoding="utf-8", errors="replace") as handle:
                if "rabbit boot" in handle.read().replace("\0", " "):
                    return int(entry)
        except OSError:
            continue
    return None


def transactions(db_urls):
    """{database: committed transactions so far} from pg_stat_database, for the platform's databases."""
    names = {url.rsplit("/", 1)[1]: service for service, url in db_urls.items()}
    try:
        conn = psycopg2.connect(next(iter(db_urls.values())), connect_timeout=10)
    except (psycopg2.Error, StopIteration):
        return None
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT datname, xact_commit FROM pg_stat_database WHERE datname = ANY(%s)", (list(names),))
            return {names[name]: commits for name, commits in cur.fetchall()}
    except psycopg2.Error:
        return None
    finally:
        conn.close()


def measure(db_urls, mail_folder, accepted_log, posted, levels, tracked, commits_before, commits_after,
            sampler_transactions):
    """The stages of every accepted application, by level and over all; `levels` is [(label, accepted/s,
    first index, end index into accepted_log)]; `tracked` is `Tracker.finish()`."""
    times = {tracking: {"answered": answered, "posted": posted.get(tracking)} for tracking, answered in accepted_log}
    read = _read_databases(db_urls, times)
    for tracking, mtime in _sink_times(mail_folder).items():
        if tracking in times:
            times[tracking]["in_sink"] = mtime
    complete = [t for t in times.values() if all(t.get(k) is not None for k in
                                                   ("posted", "stored", "answered", "opened", "queued", "in_sink",
                                                    "sent"))]
    complete_ids = {id(t) for t in complete}
    result = {"applications": len(times), "complete": len(complete), "databases": read,
              "stages": _stages(complete), "milestones": _milestones(complete),
              "by_level": [], **tracked}
    for label, rate, first, end in levels:
        chosen = [times[tracking] for tracking, _ in accepted_log[first:end]]
        chosen = [t for t in chosen if id(t) in complete_ids]
        stages = _stages(chosen)
        result["by_level"].append({"level": label, "accepted_per_s": rate, "applications": end - first,
                                   "complete": len(chosen), "stages": stages})
    if complete:
        first_post = min(t["posted"] for t in complete)
        last_sink = max(t["in_sink"] for t in complete)
        span = last_sink - first_post
        result["through_per_s"] = round(len(complete) / span, 1) if span > 0 else None
        result["through_seconds"] = round(span, 2)
    result["cpu_ms_per_application"] = _per_application(tracked, len(times))
    if commits_before and commits_after and times:
        delta = {name: commits_after.get(name, 0) - commits_before.get(name, 0) for name in commits_after}
        if "intake" in delta:
            delta["intake"] -= sampler_transactions  # the level sampler's own queries, one transaction each
        result["transactions"] = {"by_database": delta, "per_application": round(sum(delta.values()) / len(times), 1),
                                  "sampler_subtracted": sampler_transactions}
    return result


def _read_databases(db_urls, times):
    """Fills `times` with stored/received (intake), opened (routing), queued/sent (notify)."""
    queries = {
        "intake": ("SELECT tracking_number, extract(epoch FROM created_at), extract(epoch FROM received_at) "
                   "FROM applications", ("stored", "received")),
        "routing": ("SELECT tracking_number, extract(epoch FROM opened_at) FROM cases", ("opened",)),
        "notify": ("SELECT tracking_number, extract(epoch FROM created_at), extract(epoch FROM sent_at) "
                   "FROM notifications WHERE kind = 'receipt' AND channel = 'email'", ("queued", "sent")),
    }
    counts = {}
    for service, (sql, keys) in queries.items():
        conn = psycopg2.connect(db_urls[service], connect_timeout=10)
        try:
            with conn.cursor() as cur:
                cur.execute(sql)
                rows = cur.fetchall()
        finally:
            conn.close()
        counts[service] = len(rows)
        for tracking, *values in rows:
            if tracking in times:
                for key, value in zip(keys, values):
                    times[tracking][key] = None if value is None else float(value)
    return counts


def _sink_times(folder):
    """{tracking number: the first receipt's mtime} of the receipts in the sink's folder."""
    found = {}
    for entry in os.scandir(folder):
        if entry.name.endswith(".eml"):
            is_receipt, key, mtime = mail_delivery._read(entry.path)  # noqa: SLF001 (the same reading)
            if is_receipt:
                found[key] = min(mtime, found.get(key, mtime))
    return found


def _stages(chosen):
    out = {}
    for key, label, start, end in STAGES + WHOLE:
        values = [t[end] - t[start] for t in chosen]
        out[key] = {"label": label, **_summary(values)}
    whole = out["post_to_sink"]["mean_ms"]
    for key in CRITICAL:
        out[key]["share"] = round(out[key]["mean_ms"] / whole, 3) if whole else None
    return out


def _milestones(chosen):
    return {key: {"label": label, **_summary([t[key] - t["answered"] for t in chosen])} for key, label in MILESTONES}


def _summary(values):
    if not values:
        return {"p50_ms": None, "p99_ms": None, "mean_ms": None, "min_ms": None, "max_ms": None}
    return {"p50_ms": ms(percentile(values, 0.50)), "p99_ms": ms(percentile(values, 0.99)),
            "mean_ms": ms(sum(values) / len(values)), "min_ms": ms(min(values)), "max_ms": ms(max(values))}


def _per_application(tracked, count):
    """CPU milliseconds per accepted application, by process, over the whole way (warm-up to last receipt)."""
    cores, seconds = tracked.get("cores_busy") or {}, tracked.get("seconds") or 0
    if not count or not seconds:
        return {}
    return {name: round(value * seconds * 1000 / count, 2) for name, value in
            sorted(cores.items(), key=lambda kv: -kv[1])}


def ratios(e2e, raw_postgres, raw_rabbitmq):
    """The end-to-end figures beside this run's raw PostgreSQL commits and RabbitMQ messages (DESIGN.md §8)."""
    if not e2e or "error" in e2e:
        return {}
    best = (raw_postgres or {}).get("best_commits_per_s")
    single = ((raw_postgres or {}).get("sequential") or {}).get("commits_per_s")
    rabbit = ((raw_rabbitmq or {}).get("per_message_confirm") or {}).get("messages_per_s")
    whole = (e2e.get("stages") or {}).get("post_to_sink") or {}
    rate = e2e.get("through_per_s")
    out = {}
    if rate and best:
        out["e2e_rate_vs_postgres"] = round(rate / best, 4)
    if rate and rabbit:
        out["e2e_rate_vs_rabbitmq"] = round(rate / rabbit, 4)
    if whole.get("p50_ms") and single:
        out["e2e_p50_in_commits"] = round(whole["p50_ms"] / (1000 / single), 1)
    if whole.get("p50_ms") and rabbit:
        out["e2e_p50_in_confirmed_messages"] = round(whole["p50_ms"] / (1000 / rabbit), 1)
    per_app = (e2e.get("transactions") or {}).get("per_application")
    if per_app and rate and best:
        out["e2e_transactions_vs_postgres"] = round(per_app * rate / best, 3)
    first = (e2e.get("by_level") or [{}])[1:2]  # the 1-client level: no queue anywhere yet
    if first and first[0]["stages"]["post_to_stored"]["p50_ms"] and first[0]["stages"]["stored_to_queued"]["p50_ms"]:
        unloaded = first[0]["stages"]
        path = unloaded["post_to_stored"]["p50_ms"] + unloaded["stored_to_queued"]["p50_ms"]
        if single:
            out["e2e_to_queued_1_client_p50_in_commits"] = round(path / (1000 / single), 1)
    return out


RATIO_EXPLANATIONS = {
    "e2e_rate_vs_postgres": "applications through to the SMTP sink per second (first POST to last receipt) ÷ raw "
                            "single-row commits/s (best of 1 and 4 connections)",
    "e2e_rate_vs_rabbitmq": "the same rate ÷ raw durable publish-and-consume msgs/s with a confirm per message",
    "e2e_p50_in_commits": "POST → receipt in the sink, p50 ÷ one raw single-row commit's time (1 connection)",
    "e2e_p50_in_confirmed_messages": "POST → receipt in the sink, p50 ÷ one raw confirmed message's time "
                                     "(1 ÷ msgs/s with a confirm per message)",
    "e2e_transactions_vs_postgres": "transactions the platform's databases committed per application (all of "
                                    "them, read-only and idle polling included) × the end-to-end rate ÷ raw "
                                    "commits/s: the share of the commit capacity the platform used",
    "e2e_to_queued_1_client_p50_in_commits": "at 1 client, POST → receipt queued by notify (p50 of the two "
                                             "stages) ÷ one raw commit's time: the unloaded path in commits",
}
