"""Interface tests: the routing service in a real container with its real PostgreSQL database and a
real RabbitMQ vhost; intake is played by publishing its events (DESIGN.md §7)."""
import psycopg2
import psycopg2.extras
import pytest

from routing.service import RoutingService


@pytest.fixture
def routing_db(fresh_db):
    return fresh_db("routing")


@pytest.fixture
def routing(routing_db, amqp_uri, container_factory):
    """The running routing service (started after, and stopped before, its database and vhost)."""
    container = container_factory(RoutingService, {"AMQP_URI": amqp_uri, "DB_URL": routing_db, "OPS_PORT": 0,
                                                   "OUTBOX_SWEEP_SECONDS": 0.2, "max_workers": 10})
    container.start()
    return container


@pytest.fixture
def query(routing_db):
    def run(sql, *params):
        conn = psycopg2.connect(routing_db)
        try:
            with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                cur.execute(sql, params)
                rows = cur.fetchall() if cur.description else []
            conn.commit()
            return rows
        finally:
            conn.close()
    return run
