"""A fresh RabbitMQ vhost and fresh databases, so a test or benchmark run starts from nothing and
leaves nothing behind (DESIGN.md §11). Vhosts are made with `rabbitmqctl` on this machine, or with
the management API when `RABBIT_MANAGEMENT_URL` is set."""
import os
import shutil
import subprocess
import uuid
from contextlib import contextmanager
from urllib.parse import quote

import psycopg2
import requests

PG_ADMIN_DSN = os.environ.get("PG_ADMIN_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
AMQP_HOST = os.environ.get("AMQP_HOST", "127.0.0.1")
AMQP_PORT = os.environ.get("AMQP_PORT", "5672")
AMQP_USER = os.environ.get("AMQP_USER", "guest")
AMQP_PASSWORD = os.environ.get("AMQP_PASSWORD", "guest")


def _rabbitmqctl(*args):
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, stdout=subprocess.DEVNULL, timeout=60)


def _management(method, path, **kwargs):
    url = os.environ["RABBIT_MANAGEMENT_URL"].rstrip("/") + path
    response = requests.request(method, url, auth=(AMQP_USER, AMQP_PASSWORD), timeout=30, **kwargs)
    response.raise_for_status()


def create_vhost(name):
    if os.environ.get("RABBIT_MANAGEMENT_URL") or not shutil.which("rabbitmqctl"):
        _management("PUT", f"/api/vhosts/{quote(name, safe='')}")
        _management("PUT", f"/api/permissions/{quote(name, safe='')}/{AMQP_USER}",
                    json={"configure": ".*", "write": ".*", "read": ".*"})
    else:
        _rabbitmqctl("add_vhost", name)
        _rabbitmqctl("set_permissions", "-p", name, AMQP_USER, ".*", ".*", ".*")


def delete_vhost(name):
    if os.environ.get("RABBIT_MANAGEMENT_URL") or not shutil.which("rabbitmqctl"):
        _management("DELETE", f"/api/vhosts/{quote(name, safe='')}")
    else:
        _rabbitmqctl("delete_vhost", name)


@contextmanager
def fresh_vhost(prefix="test"):
    """Yields the AMQP URI of a new vhost, deleted afterwards."""
    name = f"{prefix}-{uuid.uuid4().hex[:10]}"
    create_vhost(name)
    try:
        yield f"amqp://{AMQP_USER}:{AMQP_PASSWORD}@{AMQP_HOST}:{AMQP_PORT}/{quote(name, safe='')}"
    finally:
        delete_vhost(name)


def _admin(sql):
    conn = psycopg2.connect(PG_ADMIN_DSN)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


@contextmanager
def fresh_database(service, prefix="t"):
    """Yields the URL of a new database owned by the service's role (created if missing), dropped after."""
    name = f"{service}_{prefix}_{uuid.uuid4().hex[:10]}"
    _admin(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{service}') THEN "
           f"CREATE ROLE {service} LOGIN PASSWORD '{service}'; END IF; END $$")
    _admin(f"CREATE DATABASE {name} OWNER {service}")
    try:
        yield f"postgresql://{service}:{service}@127.0.0.1:5432/{name}"
    finally:
        _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
