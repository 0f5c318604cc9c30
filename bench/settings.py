"""How much work each benchmark does, and how long it may take at most: every loop is bounded."""
from dataclasses import dataclass, replace
from pathlib import Path

LOG_DIR = Path(".run/bench")
RESULTS_FILE = LOG_DIR / "results.json"


@dataclass(frozen=True)
class Settings:
    # raw PostgreSQL: commits per run (split across the connections), and a time cap per run
    pg_commits: int = 20000
    pg_threads: int = 4
    pg_seconds: float = 5.0
    # raw RabbitMQ: messages per run, a time cap per run, the batch of the batched-confirm run
    rabbit_messages: int = 10000
    rabbit_seconds: float = 10.0
    rabbit_batch: int = 100
    queue_type: str = "quorum"  # what the system's event queues are (EVENT_QUEUE_TYPE)
    # the system: requests per concurrency level, a time cap per level
    requests: int = 300
    concurrencies: tuple = (1, 4, 16)
    warmup_requests: int = 10
    level_seconds: float = 180.0
    request_timeout: float = 35.0  # longer than the gateway's RPC timeout (30 s), so it answers first
    start_seconds: float = 90.0
    drain_seconds: float = 60.0
    # notify's receipt e-mails: how long after the load to wait for the last one in the SMTP sink
    mail_seconds: float = 120.0
    # the legal clock: due dates computed per rule (bilgi_edinme, dilekce), a time cap per rule
    clock_computations: int = 20000
    clock_seconds: float = 20.0
    # the deadline watcher: open cases loaded, a time cap for its whole child process (migrations, load,
    # two sweeps, the outbox drain between them)
    watcher_cases: int = 1_000_000
    watcher_seconds: float = 240.0
    # press's archive and feed reader (issue 7): clippings bulk-loaded, archive searches timed, local feeds
    # and the new items in each, rounds of re-reading them unchanged (304), and a time cap for its whole
    # child process (migrations, load, searches, feeds)
    press_clippings: int = 1_000_000
    press_searches: int = 300
    press_feeds: int = 20
    press_feed_items: int = 100
    press_refetch_rounds: int = 10
    press_seconds: float = 1500.0
    # contacts' search (issue 6): records bulk-loaded (people and organisations with their phones, e-mails,
    # addresses and roles), searches timed, and a time cap for its whole child process
    contacts_records: int = 100_000
    contacts_searches: int = 400
    contacts_seconds: float = 600.0

    @classmethod
    def choose(cls, quick=False, requests=None):
        settings = cls.quick() if quick else cls()
        if requests is not None:
            if requests < 1:
                raise SystemExit("--requests must be at least 1")
            settings = replace(settings, requests=requests)
        return settings

    @classmethod
    def quick(cls):
        return cls(pg_commits=3000, pg_seconds=2.0, rabbit_messages=2000, rabbit_seconds=3.0,
                   requests=60, warmup_requests=5, level_seconds=60.0, mail_seconds=60.0, clock_computations=5000,
                   clock_seconds=5.0, watcher_cases=100_000, watcher_seconds=60.0,
                   press_clippings=100_000, press_searches=150, press_feeds=10, press_feed_items=50,
                   press_refetch_rounds=5, press_seconds=400.0,
                   contacts_records=20_000, contacts_searches=200, contacts_seconds=240.0)
