"""psycopg2 must yield to other green threads while it waits on PostgreSQL (DESIGN.md §4).

`nameko run` monkey-patches the standard library, but psycopg2 talks to libpq in C: without a wait
callback one slow query stalls every worker in the process. `make_green()` installs psycogreen's
callback; `assert_green()` is what a service calls before it touches the database.
"""
import psycopg2.extensions
from eventlet import patcher


class NotGreenError(RuntimeError):
    """The process would block on PostgreSQL: refuse to start rather than stall in production."""


def make_green():
    from psycogreen.eventlet import patch_psycopg

    patch_psycopg()


def is_green():
    return patcher.is_monkey_patched("socket") and psycopg2.extensions.get_wait_callback() is not None


def assert_green():
    if not patcher.is_monkey_patched("socket"):
        raise NotGreenError("eventlet has not monkey-patched this process; start it with `nameko run`")
    if psycopg2.extensions.get_wait_callback() is None:
        make_green()
    if psycopg2.extensions.get_wait_callback() is None:  # pragma: no cover - psycogreen failed
        raise NotGreenError("psycopg2 has no green wait callback")
