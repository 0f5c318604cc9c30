"""Every benchmark, in order, in one run: raw PostgreSQL, raw RabbitMQ, the system (with its end-to-end
stages), then routing's legal clock, contacts' search, routing's deadline watcher, then press's clippings
archive and feed reader."""
from dataclasses import asdict
from datetime import datetime, timezone

from deploy.local.isolation import AMQP_HOST, AMQP_PASSWORD, AMQP_PORT, AMQP_USER, fresh_database, fresh_vhost
from deploy.local.system import SystemDidNotStart

from . import (contacts_search, end_to_end, legal_clock, machine, press_archive, raw_postgres, raw_rabbitmq, ratios,
               system_load, watcher)
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
    # contacts' bank (about 130 MB with its indexes at 100,000 records) before the watcher's bigger load
    _contacts(settings, results)
    _say(f"routing's deadline watcher: {settings.watcher_cases:,} open cases, two sweeps ...")
    with fresh_database("routing", prefix="bench") as db_url, fresh_vhost(prefix="bench") as amqp_uri:
        results["watcher"] = watcher.measure(db_url, amqp_uri, settings.watcher_cases, settings.watcher_seconds)
    # press last of all: loading its archive writes more still (the clippings with their text search
    # vectors and GIN index, and their WAL)
    _press(settings, results)
    results["ratios"] = ratios.compute(results)
    e2e = (results.get("system") or {}).get("end_to_end")
    if e2e and "error" not in e2e:
        e2e["ratios"] = end_to_end.ratios(e2e, results.get("raw_postgres"), results.get("raw_rabbitmq"))
    results["finished_at"] = _now()
    return results


def run_contacts_only(settings):
    """`--contacts-only`: this machine's raw PostgreSQL commits (the contacts figures' ratios need them),
    then contacts' search over its bank; nothing else."""
    results = {"started_at": _now(), "settings": asdict(settings), "contacts_only": True}
    _say("raw PostgreSQL: single-row INSERT + COMMIT ...")
    with fresh_database("intake", prefix="bench") as db_url:
        results["raw_postgres"] = raw_postgres.measure(db_url, settings.pg_commits, settings.pg_threads,
                                                       settings.pg_seconds)
        results["machine"] = machine.describe(db_url, f"amqp://{AMQP_USER}:{AMQP_PASSWORD}@{AMQP_HOST}:"
                                                      f"{AMQP_PORT}/")  # its version only
    _contacts(settings, results)
    results["ratios"] = ratios.compute(results)
    results["finished_at"] = _now()
    return results


def _contacts(settings, results):
    """Contacts' search over a bank of `contacts_records` records, on a fresh database, with the ratios
    to the raw PostgreSQL figures measured earlier in the same run."""
    _say(f"contacts' search: {settings.contacts_records:,} records, {settings.contacts_searches} searches ...")
    with fresh_database("contacts", prefix="bench") as db_url:
        results["contacts"] = contacts_search.measure(db_url, settings.contacts_records, settings.contacts_searches,
                                                      settings.contacts_seconds)
    results["contacts"]["ratios"] = contacts_search.ratios(results["contacts"], results.get("raw_postgres"))


def run_press_only(settings):
    """`--press-only`: this machine's raw PostgreSQL commits (the press figures' ratios need them), then
    press's clippings archive and feed reader; nothing else."""
    results = {"started_at": _now(), "settings": asdict(settings), "press_only": True}
    _say("raw PostgreSQL: single-row INSERT + COMMIT ...")
    with fresh_database("intake", prefix="bench") as db_url:
        results["raw_postgres"] = raw_postgres.measure(db_url, settings.pg_commits, settings.pg_threads,
                                                       settings.pg_seconds)
        results["machine"] = machine.describe(db_url, f"amqp://{AMQP_USER}:{AMQP_PASSWORD}@{AMQP_HOST}:"
                                                      f"{AMQP_PORT}/")  # its version only
    _press(settings, results)
    results["ratios"] = ratios.compute(results)
    results["finished_at"] = _now()
    return results


def _press(settings, results):
    """Press's archive search over many clippings and its feed reader, on a fresh database, with the
    ratios to the raw PostgreSQL figures measured earlier in the same run."""
    _say(f"press's archive: {settings.press_clippings:,} clippings, {settings.press_searches} searches; "
         f"{settings.press_feeds} feeds of {settings.press_feed_items} items ...")
    with fresh_database("press", prefix="bench") as db_url:
        results["press"] = press_archive.measure(db_url, settings.press_clippings, settings.press_searches,
                                                 settings.press_feeds, settings.press_feed_items,
                                                 settings.press_refetch_rounds, settings.press_seconds)
    results["press"]["ratios"] = press_archive.ratios(results["press"], results.get("raw_postgres"))


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _say(text):
    print(f"[bench] {text}", flush=True)
