"""The system: applications over HTTP through the gateway to intake, at several concurrencies.

Each accepted application is one RPC from the gateway to intake (over RabbitMQ), one PostgreSQL
transaction that takes the year's tracking number and writes the application, applicant and
outbox rows, and one event published with a confirm and then marked sent. Each one also makes notify
send a receipt by e-mail to the run's SMTP sink (`mail_delivery`), measured after the levels; and then
the end-to-end stages of every application, each process's CPU per application and its memory
(`end_to_end`).
"""
import os
import uuid

from . import end_to_end, http_load, mail_delivery, outbox_drain
from .pg_activity import Sampler
from .cpu import Meter
from .launch import DELIVER_SECONDS, EMAIL_PER_MINUTE, running_platform


def measure(settings, log_dir):
    """Start the platform, warm it up, run every concurrency level, check the outbox drained, then
    wait for the receipt e-mails of every accepted application."""
    run_id = uuid.uuid4().hex[:8]
    numbers = http_load.Numbers()
    accepted_log = []  # (tracking number, wall time of its 201) of every accepted application
    posted = {}  # tracking number -> wall time its POST was sent
    bounds = []  # (level, first index, end index into accepted_log)
    with running_platform(log_dir, settings.start_seconds) as platform:
        classify = process_groups(platform, os.getpid())
        tracker = end_to_end.Tracker(classify, _memory_pids(platform))
        commits_before = end_to_end.transactions(platform.db_urls)
        tracker.start()

        def level(concurrency, count):
            first = len(accepted_log)
            meter, sampler = Meter(classify), Sampler(platform.db_url, max_seconds=settings.level_seconds + 60)
            meter.start()
            sampler.start()
            result = http_load.run_level(platform.url, platform.auth, run_id, numbers, concurrency, count,
                                         settings.level_seconds, settings.request_timeout, accepted_log, posted)
            result["database"] = sampler.stop()
            result["cores_busy"] = meter.stop(result["seconds"])
            bounds.append((result, first, len(accepted_log)))
            return result

        warmup = level(1, settings.warmup_requests)
        levels = [level(concurrency, settings.requests) for concurrency in settings.concurrencies]
        tracker.load_ended()
        drain = outbox_drain.wait_until_drained(platform.db_url, settings.drain_seconds)
        queues = outbox_drain.subscriber_queue_depths(platform.amqp_uri)
        mail = mail_delivery.measure(platform.mail_folder, platform.notify_db_url, accepted_log,
                                     settings.mail_seconds, classify)
        mail.update(deliver_seconds=DELIVER_SECONDS, email_per_minute=EMAIL_PER_MINUTE,
                    email_per_pass=max(1, int(EMAIL_PER_MINUTE * DELIVER_SECONDS / 60)))  # notify's sender.per_pass
        e2e = _end_to_end(platform, tracker, accepted_log, posted, bounds, commits_before)
    accepted = warmup["accepted"] + sum(result["accepted"] for result in levels)
    best = max(levels, key=lambda result: result["accepted_per_s"])
    return {"run_id": run_id, "warmup": warmup, "levels": levels, "accepted_total": accepted,
            "best_accepted_per_s": best["accepted_per_s"], "best_concurrency": best["concurrency"],
            "outbox": drain, "subscriber_queues": queues, "mail": mail, "end_to_end": e2e}


def _memory_pids(platform):
    """The processes whose memory the end-to-end part reads: the platform's, the SMTP sink, this client
    and the RabbitMQ node (all of it: other people's vhosts too)."""
    pids = dict(platform.pids)
    pids["SMTP sink"] = platform.sink.process.pid
    pids["bench client"] = os.getpid()
    rabbit = end_to_end.rabbitmq_pid()
    if rabbit:
        pids["RabbitMQ (whole node)"] = rabbit
    return pids


def _end_to_end(platform, tracker, accepted_log, posted, bounds, commits_before):
    """The end-to-end stages (issue 8), read after the receipts are in; a failure to read them is
    reported, never raised: the figures above stand without them."""
    try:
        tracked = tracker.finish()
        commits_after = end_to_end.transactions(platform.db_urls)
        levels = [("warm-up" if n == 0 else f"{result['concurrency']} client(s)", result["accepted_per_s"], first, end)
                  for n, (result, first, end) in enumerate(bounds)]
        sampled = sum((result.get("database") or {}).get("samples") or 0 for result, _, _ in bounds)
        return end_to_end.measure(platform.db_urls, platform.mail_folder, accepted_log, posted, levels, tracked,
                                  commits_before, commits_after, sampled)
    except Exception as exc:  # a diagnosis, never worth losing the rest of the run for
        return {"error": f"{type(exc).__name__}: {exc}"[:300]}


def process_groups(platform, client_pid):
    """Names the processes whose CPU each level reports: the platform's own, this client, the SMTP
    sink, and the servers' (PostgreSQL's background processes and the backends of the platform's
    databases; the RabbitMQ node, not `rabbitmqctl`). Other people's work on the machine shows as
    "other"."""
    own = {pid: name for name, pid in platform.pids.items()}
    own[client_pid] = "bench client"
    own[platform.sink.process.pid] = "SMTP sink"

    def classify(pid, comm, cmdline):
        if pid in own:
            return own[pid]
        if comm == "postgres" and ("(" not in cmdline or any(name in cmdline for name in platform.databases)):
            return "PostgreSQL"  # a client backend shows "user db host(port) state"; others no "("
        if comm == "beam.smp" and "rabbit boot" in cmdline:
            return "RabbitMQ"
        return None

    return classify
