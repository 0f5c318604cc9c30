"""Interface tests: the intake service in a real container, with its real PostgreSQL database and a
real RabbitMQ vhost; no other service runs (DESIGN.md §7)."""
import psycopg2
import psycopg2.extras
import pytest

from intake.service import IntakeService


@pytest.fixture
def intake_db(fresh_db):
    return fresh_db("intake")


@pytest.fixture
def intake(intake_db, amqp_uri, container_factory):
    """The running intake service. (Fixture order matters: the container stops before its
    database and vhost are dropped.)"""
    config = {"AMQP_URI": amqp_uri, "DB_URL": intake_db, "OPS_PORT": 0, "OUTBOX_SWEEP_SECONDS": 0.2,
              "TRACKING_PREFIX": "GZM", "MUNICIPALITY_NAME": "Gaziemir Belediyesi",
              "LOOKUP_CODE_SECRET": "test-secret", "max_workers": 10, "MAX_MESSAGE_BYTES": 1024 * 1024}
    container = container_factory(IntakeService, config)
    container.start()
    return container


@pytest.fixture
def query(intake_db):
    """`query(sql, *params)` -> rows as dicts, straight from intake's database."""
    def run(sql, *params):
        conn = psycopg2.connect(intake_db)
        try:
            with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                cur.execute(sql, params)
                rows = cur.fetchall()
            conn.commit()
            return rows
        finally:
            conn.close()
    return run
