"""Stopping and starting this machine's RabbitMQ and PostgreSQL, and making sure both answer again.

RabbitMQ restarts either as an application inside its running Erlang VM (`rabbitmqctl stop_app` /
`start_app`) or as a whole node (`rabbitmqctl stop`, then `rabbitmq-server -detached` as
`deploy/local/bootstrap.sh` starts it). PostgreSQL stops with `pg_ctlcluster … stop -m fast` (every
connection is cut) and starts again. Other people's work on the machine is disturbed for those
seconds; `ensure_up` brings both back whatever happened.
"""
import os
import subprocess
import time

import psycopg2
from kombu import Connection

from deploy.local.isolation import AMQP_HOST, AMQP_PASSWORD, AMQP_PORT, AMQP_USER, PG_ADMIN_DSN

BROKER_URI = f"amqp://{AMQP_USER}:{AMQP_PASSWORD}@{AMQP_HOST}:{AMQP_PORT}/"
RABBIT_PID_FILE = "/var/lib/rabbitmq/mnesia/rabbit@localhost.pid"


def _run(*argv, timeout=120):
    subprocess.run(argv, check=True, timeout=timeout, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, start_new_session=True)


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} after {timeout:.0f} s")
        time.sleep(0.2)


# -- RabbitMQ --------------------------------------------------------------------------------------
def rabbitmq_answers():
    try:
        with Connection(BROKER_URI, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1)
        return True
    except Exception:
        return False


def _rabbit_node_running():
    try:
        _run("rabbitmqctl", "-q", "ping", timeout=30)
        return True
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return False


def stop_rabbitmq(mode):
    if mode == "node":
        pid_file = [RABBIT_PID_FILE] if os.path.exists(RABBIT_PID_FILE) else []
        _run("rabbitmqctl", "-q", "stop", *pid_file)  # with the pid file: returns once the VM has exited
        _wait(lambda: not _rabbit_node_running(), 60, "the RabbitMQ node did not stop")
    else:
        _run("rabbitmqctl", "-q", "stop_app")
    _wait(lambda: not rabbitmq_answers(), 30, "RabbitMQ still answers")


def start_rabbitmq(timeout=120):
    """Start the node when it is not running, else its application; returns once AMQP answers."""
    if _rabbit_node_running():
        _run("rabbitmqctl", "-q", "start_app", timeout=timeout)
    else:
        _run("rabbitmq-server", "-detached")
        _wait(_rabbit_node_running, timeout, "the RabbitMQ node did not start")
    _run("rabbitmqctl", "-q", "await_startup", "--timeout", str(int(timeout)), timeout=timeout + 10)
    _wait(rabbitmq_answers, timeout, "RabbitMQ does not answer")


# -- PostgreSQL ------------------------------------------------------------------------------------
def _cluster():
    return sorted(os.listdir("/etc/postgresql"))[-1], "main"


def postgres_answers():
    try:
        conn = psycopg2.connect(PG_ADMIN_DSN, connect_timeout=2)
    except psycopg2.Error:
        return False
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1")
        return True
    except psycopg2.Error:
        return False
    finally:
        conn.close()


def stop_postgres():
    _run("pg_ctlcluster", "--skip-systemctl-redirect", *_cluster(), "stop", "-m", "fast")
    _wait(lambda: not postgres_answers(), 30, "PostgreSQL still answers")


def start_postgres(timeout=120):
    _run("pg_ctlcluster", "--skip-systemctl-redirect", *_cluster(), "start", timeout=timeout)
    _wait(postgres_answers, timeout, "PostgreSQL does not answer")


# -- both ------------------------------------------------------------------------------------------
def ensure_up(timeout=120):
    """Bring RabbitMQ and PostgreSQL back if either is down, and wait until both answer; raises if not."""
    problems = []
    if not rabbitmq_answers():
        try:
            start_rabbitmq(timeout=timeout)
        except (RuntimeError, subprocess.SubprocessError) as exc:
            problems.append(f"RabbitMQ: {exc}")
    if not postgres_answers():
        try:
            start_postgres(timeout=timeout)
        except (RuntimeError, subprocess.SubprocessError) as exc:
            problems.append(f"PostgreSQL: {exc}")
    if problems:
        raise RuntimeError("; ".join(problems))
