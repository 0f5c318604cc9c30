"""Shared fixtures: every test run gets a fresh RabbitMQ vhost and fresh databases (DESIGN.md §11).

The process is monkey-patched by eventlet before anything else imports a socket, as `nameko run`
does for a service, and psycopg2 is made green, so interface tests run services as production does.
"""
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # eventlet's notice that it is in bugfix mode
    import eventlet

eventlet.monkey_patch()

import pytest  # noqa: E402

from deploy.local.isolation import fresh_database, fresh_vhost  # noqa: E402
from servicekit.green import make_green  # noqa: E402

make_green()


@pytest.fixture
def amqp_uri():
    """A vhost of its own for each test: no queue or message of another test is seen."""
    with fresh_vhost() as uri:
        yield uri


@pytest.fixture
def rabbit_config(amqp_uri):
    """nameko's config key for the broker; replaces the plugin's fixture, which needs the management API."""
    return {"AMQP_URI": amqp_uri}


@pytest.fixture
def fresh_db():
    """`fresh_db("intake")` -> URL of a new, empty database owned by the intake role."""
    stack = []

    def make(service):
        manager = fresh_database(service)
        stack.append(manager)
        return manager.__enter__()

    yield make
    for manager in reversed(stack):
        manager.__exit__(None, None, None)
