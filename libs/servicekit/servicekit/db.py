"""PostgreSQL for a nameko service: a green connection pool and transactions that carry events.

    class IntakeService:
        db = Database(migrations=Path(__file__).parent.parent / "migrations")

        @rpc
        def submit(self, data):
            with self.db.transaction() as tx:
                tx.cursor.execute("INSERT ...")
                tx.emit(intake.APPLICATION_RECEIVED, payload)   # same transaction: the outbox

After the transaction commits, the events it emitted are published at once; rows a crash left
behind are published by the relay's periodic sweep (`servicekit.outbox`).
"""
import functools
import importlib
import logging
import time
from contextlib import contextmanager

import eventlet
import psycopg2
import psycopg2.extras
from eventlet.semaphore import Semaphore
from nameko.extensions import DependencyProvider

from contracts.envelope import make_envelope

from . import green, outbox, secrets, settings
from .logs import correlation_id as current_correlation_id
from .migrations import apply_migrations
from .ops import OpsServer

log = logging.getLogger(__name__)
psycopg2.extras.register_uuid()

TRANSIENT_DB_ERRORS = (psycopg2.OperationalError, psycopg2.InterfaceError)


class Pool:
    """At most `size` connections; a caller waits (green) for a free one instead of failing.

    psycopg2's own pools raise when exhausted, which under load turns a short wait into an error.
    A connection that sat idle for a while is checked before it is handed out, so one that
    PostgreSQL dropped (a restart, say) is replaced instead of failing the caller's work.
    """

    CHECK_AFTER_IDLE_SECONDS = 5.0

    def __init__(self, dsn, size=10):
        self.dsn = dsn
        self._slots = Semaphore(size)
        self._idle = []  # (connection, monotonic time it was returned)

    @contextmanager
    def connection(self):
        with self._slots:
            conn = self._checkout()
            try:
                yield conn
            finally:
                if not conn.closed:  # a lost connection is dropped; the next caller opens a fresh one
                    if conn.status != psycopg2.extensions.STATUS_READY:
                        conn.rollback()
                    self._idle.append((conn, time.monotonic()))

    def _checkout(self):
        while self._idle:
            conn, since = self._idle.pop()
            if time.monotonic() - since < self.CHECK_AFTER_IDLE_SECONDS or _alive(conn):
                return conn
            conn.close()
        return psycopg2.connect(self.dsn)

    def ping(self):
        with self.connection() as conn, conn.cursor() as cur:
            cur.execute("SELECT 1")
            conn.rollback()

    def close(self):
        while self._idle:
            self._idle.pop()[0].close()


def _alive(conn):
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1")
        conn.rollback()
        return True
    except TRANSIENT_DB_ERRORS:
        return False


class Transaction:
    """An open transaction: `cursor` for SQL, `emit()` to publish an event when it commits."""

    def __init__(self, cursor, service_name):
        self.cursor = cursor
        self.service_name = service_name
        self.emitted = []

    def emit(self, event_type, payload, correlation_id=None):
        """Write an event to the outbox in this transaction; returns its envelope.

        `payload` is dumped through the event's schema in `contracts.<service>`, so nothing
        leaves a service that its contract does not describe.
        """
        contract = importlib.import_module(f"contracts.{self.service_name}")
        body = _payload_schema(contract, event_type).dump(payload)
        envelope = make_envelope(event_type, body, correlation_id or current_correlation_id.get() or "-")
        row_id = outbox.add(self.cursor, contract.EXCHANGE, event_type, envelope)
        self.emitted.append(row_id)
        return envelope


@functools.lru_cache(maxsize=None)
def _payload_schema(contract, event_type):
    return contract.PAYLOAD_SCHEMAS[event_type]()


class Store:
    """What a worker gets from `Database`: transactions over the service's pool."""

    def __init__(self, pool, relay, service_name):
        self.pool = pool
        self.relay = relay
        self.service_name = service_name

    @contextmanager
    def transaction(self):
        with self.pool.connection() as conn:
            tx = Transaction(conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor), self.service_name)
            try:
                yield tx
                conn.commit()
            except BaseException:
                if not conn.closed:
                    conn.rollback()
                raise
            finally:
                if not conn.closed:
                    tx.cursor.close()
        if tx.emitted:
            self.relay.publish(tx.emitted)


class Database(DependencyProvider):
    """The service's own PostgreSQL database (config `DB_URL`).

    Refuses to start while a secret of the service is missing or a development one outside a
    development deployment (`servicekit.secrets`), or unless psycopg2 is green; applies migrations
    at start (unless `DB_MIGRATE_ON_START` is false), then `on_start(store, config)` (seed data);
    runs the outbox sweep; reports readiness.
    """

    ops = OpsServer()

    def __init__(self, migrations, on_start=None):
        self.migrations = migrations
        self.on_start = on_start
        self.pool = None
        self.relay = None
        self._sweeper = None

    def setup(self):
        config = settings.of(self.container)
        secrets.check_service(config, self.container.service_name)  # before anything is touched or served
        green.assert_green()
        url = config.db_url
        if config.db_migrate_on_start:
            _with_retries(lambda: apply_migrations(url, self.migrations), "migrations")
        self.pool = Pool(url, config.db_pool_size)
        self.relay = outbox.Relay(self.container.service_name, self.pool, config)
        self.ops.add_probe("database", self.pool.ping)
        self.ops.add_probe("broker", self.relay.ping)

    def start(self):
        if self.on_start is not None:
            self.on_start(Store(self.pool, self.relay, self.container.service_name), settings.of(self.container))
        self._sweeper = self.container.spawn_managed_thread(self.relay.sweep_forever, identifier="outbox-sweep")

    def stop(self):
        if self._sweeper is not None:
            self._sweeper.kill()
        self.pool.close()

    def kill(self):
        self.stop()

    def get_dependency(self, worker_ctx):
        return Store(self.pool, self.relay, self.container.service_name)


def _with_retries(action, what, attempts=30, delay=1.0):
    """Start-up waits for PostgreSQL for a while (it may still be starting) instead of dying."""
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except TRANSIENT_DB_ERRORS as exc:
            if attempt == attempts:
                raise
            log.warning("%s: database not reachable (%s), retrying", what, type(exc).__name__)
            eventlet.sleep(delay)
    return None
