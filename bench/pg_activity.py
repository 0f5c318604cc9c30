"""What intake's database connections were doing during a level, sampled from `pg_stat_activity`.

Many connections waiting on a lock while one sits "idle in transaction" means the work is queued
behind one row lock (intake's per-year tracking-number counter), not short of CPU or disk.
"""
import threading
import time

import psycopg2

QUERY = ("SELECT state, wait_event_type FROM pg_stat_activity "
         "WHERE datname = current_database() AND pid <> pg_backend_pid()")


class Sampler(threading.Thread):
    """Samples every `interval` seconds until `stop()` (or `max_seconds`, whichever comes first)."""

    def __init__(self, db_url, interval=0.02, max_seconds=600):
        super().__init__(daemon=True)
        self.db_url, self.interval, self.max_seconds = db_url, interval, max_seconds
        self._stopped = threading.Event()
        self.samples = 0
        self.in_transaction = 0  # connection-samples inside a transaction (running or waiting)
        self.waiting_on_lock = 0  # connection-samples waiting for a heavyweight lock
        self.error = None

    def run(self):
        deadline = time.monotonic() + self.max_seconds
        try:
            conn = psycopg2.connect(self.db_url, connect_timeout=10)
            conn.autocommit = True
            try:
                with conn.cursor() as cur:
                    while not self._stopped.is_set() and time.monotonic() < deadline:
                        cur.execute(QUERY)
                        self._count(cur.fetchall())
                        self._stopped.wait(self.interval)
            finally:
                conn.close()
        except Exception as exc:  # the figures are a diagnosis, never worth failing the run for
            self.error = f"{type(exc).__name__}: {exc}"

    def _count(self, rows):
        self.samples += 1
        for state, wait_event_type in rows:
            if state and state != "idle":
                self.in_transaction += 1
            if wait_event_type == "Lock":
                self.waiting_on_lock += 1

    def stop(self):
        """Stop sampling; returns mean connections in a transaction and mean waiting on a lock."""
        self._stopped.set()
        self.join(timeout=10)
        if not self.samples:
            return {"db_in_transaction": None, "db_waiting_on_lock": None, "samples": 0, "error": self.error}
        return {"db_in_transaction": round(self.in_transaction / self.samples, 2),
                "db_waiting_on_lock": round(self.waiting_on_lock / self.samples, 2),
                "samples": self.samples}
