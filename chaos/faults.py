"""The faults, played one at a time while the load runs. Each returns its timings: how long the part
was down (`down_s`) and how long until every process answered ready again (`ready_s`), both from the
moment it was injected, and which processes had died on their own and were started again (as a
supervisor would) while the system recovered.

- `kill <process>`: SIGKILL to intake, routing, notify or the gateway (its whole process group), a
  pause, and the process started again;
- `mail server 451`: the SMTP sink answers 451 to every message for a while (notify must retry);
- `routing db denied`: routing's role may not connect to its database, and its connections are cut,
  for a while (routing's handlers fail with a transient error and must be retried);
- `postgres restart`: the PostgreSQL server stopped (fast: every connection cut) and started again;
- `rabbitmq restart`: the broker stopped and started again (`Settings.broker_restart`).
"""
import time
from urllib.parse import urlsplit

import psycopg2

from deploy.local.isolation import PG_ADMIN_DSN
from deploy.local.system import SystemDidNotStart

from . import infra

PROCESSES = ("intake", "routing", "notify", "gateway")


class Fault:
    name = "fault"

    def play(self, platform, settings):
        started = time.monotonic()
        self.inject(platform, settings)
        down = time.monotonic() - started
        restarted = recover(platform.system, settings.recover_seconds)
        return {"down_s": round(down, 2), "ready_s": round(time.monotonic() - started, 2),
                "died_and_restarted": restarted}

    def inject(self, platform, settings):
        """Cause the fault, hold it, and remove it; returns once the cause is gone."""
        raise NotImplementedError


class KillProcess(Fault):
    def __init__(self, process):
        self.process = process
        self.name = f"kill -9 {process}"

    def inject(self, platform, settings):
        platform.system.kill(self.process)  # SIGKILL, and waits until it is gone
        time.sleep(settings.down_seconds)
        platform.system.start_process(self.process)


class MailServerRefuses(Fault):
    name = "mail server 451"

    def inject(self, platform, settings):
        platform.sink.refuse(True)
        try:
            time.sleep(settings.transient_seconds)
        finally:
            platform.sink.refuse(False)


class RoutingDatabaseDenied(Fault):
    name = "routing db denied"

    def inject(self, platform, settings):
        database = urlsplit(platform.db_urls["routing"]).path.lstrip("/")
        _admin(f'REVOKE CONNECT ON DATABASE "{database}" FROM PUBLIC, routing')
        try:
            _admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                   "AND pid <> pg_backend_pid()", (database,))
            time.sleep(settings.transient_seconds)
        finally:
            _admin(f'GRANT CONNECT ON DATABASE "{database}" TO PUBLIC, routing')


class PostgresRestart(Fault):
    name = "postgres restart"

    def inject(self, platform, settings):
        infra.stop_postgres()
        try:
            time.sleep(settings.down_seconds)
        finally:
            infra.start_postgres()


class RabbitmqRestart(Fault):
    name = "rabbitmq restart"

    def inject(self, platform, settings):
        infra.stop_rabbitmq(settings.broker_restart)
        try:
            time.sleep(settings.down_seconds)
        finally:
            infra.start_rabbitmq()


def cycle(only=()):
    """Every fault once (or those whose name holds one of the words in `only`), in the order played."""
    every = [*(KillProcess(process) for process in PROCESSES), MailServerRefuses(), RoutingDatabaseDenied(),
             PostgresRestart(), RabbitmqRestart()]
    return [fault for fault in every if not only or any(word in fault.name for word in only)]


def recover(system, timeout):
    """Wait until every process is ready; start again any that exited (returns their names)."""
    restarted = []
    deadline = time.monotonic() + timeout
    while True:
        for name, proc in list(system.procs.items()):
            if proc.poll() is not None:
                restarted.append(name)
                system.start_process(name)
        try:
            system.wait_ready(timeout=max(1.0, min(5.0, deadline - time.monotonic())))
            return restarted
        except SystemDidNotStart:
            if time.monotonic() > deadline:
                raise


def _admin(sql, args=None):
    conn = psycopg2.connect(PG_ADMIN_DSN, connect_timeout=10)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql, args)
    finally:
        conn.close()
