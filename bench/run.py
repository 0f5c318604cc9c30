"""Every benchmark, in order, in one run: raw PostgreSQL, raw RabbitMQ, the system, then routing's legal
clock and deadline watcher."""
from dataclasses import asdict
from datetime import datetime, timezone

from deploy.local.isolation import fresh_database, fresh_vhost
from deploy.local.system import SystemDidNotStart

from . import legal_clock, machine, raw_postgres, raw_rabbitmq, ratios, system_load, watcher
from .launch import log_tails
from .settings import LOG_DIR


def run_all(settings):
    """Run the benchmarks that `settings` sizes; returns every result as one dict (the JSON file).

    The raw runs each get a fresh database or vhost, dropped afterwards. A system that does not
    start is reported (with the tails of its logs), not raised, so the raw figures still print.
    """
    results = {"started_at": _now(), "settings": asdict(settings)}
    _say("raw PostgreSQL: single-row INSERT + COMMIT ...")
    with fresh_database("intake", prefix="bench") as db_url:
        results["raw_postgres"] = raw_postgres.measure(db_url, settings.pg_commits, settings.pg_threads,
                                                       settings.pg_seconds)
        with fresh_vhost(prefix="bench") as amqp_uri:
            results["machine"] = machine.describe(db_url, amqp_uri)
            _say("raw RabbitMQ: durable publish-and-consume ...")
            results["raw_rabbitmq"] = raw_rabbitmq.measure(amqp_uri, settings.rabbit_messages,
                                                           settings.rabbit_seconds, settings.queue_type,
                                                           settings.rabbit_batch)
    _say(f"the system: {settings.requests} applications at each of {len(settings.concurrencies)} concurrencies ...")
    try:
        results["system"] = system_load.measure(settings, LOG_DIR)
    except SystemDidNotStart as exc:
        results["system"] = {"error": str(exc), "logs": log_tails(LOG_DIR)}
    # last: the watcher's bulk load writes a few hundred MB, whose checkpoints would disturb the others
    _say(f"routing's legal clock: {settings.clock_computations} due dates per rule ...")
    results["legal_clock"] = legal_clock.measure(settings.clock_computations, settings.clock_seconds)
    _say(f"routing's deadline watcher: {settings.watcher_cases:,} open cases, two sweeps ...")
    with fresh_database("routing", prefix="bench") as db_url, fresh_vhost(prefix="bench") as amqp_uri:
        results["watcher"] = watcher.measure(db_url, amqp_uri, settings.watcher_cases, settings.watcher_seconds)
    results["ratios"] = ratios.compute(results)
    results["finished_at"] = _now()
    return results


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _say(text):
    print(f"[bench] {text}", flush=True)
