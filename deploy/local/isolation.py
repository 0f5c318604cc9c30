"""A fresh RabbitMQ vhost and fresh databases, so a test or benchmark run starts from nothing and
leaves nothing behind (DESIGN.md §11). Vhosts are made with `rabbitmqctl` on this machine, or with
the management API when `RABBIT_MANAGEMENT_URL` is set.

The URLs handed out carry credentials of their own, never a published one (`servicekit.secrets`
refuses those outside development): the vhost is reached by a broker user made for this process with a
random password, and the database by a login role made for it with a random password, whose sessions act
as the service's role (`ALTER ROLE ... SET role`), so what it creates belongs to the service's role."""
import atexit
import os
import secrets
import shutil
import subprocess
import threading
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


def _use_management():
    return bool(os.environ.get("RABBIT_MANAGEMENT_URL")) or not shutil.which("rabbitmqctl")


_broker_user = {}
_broker_user_lock = threading.Lock()


def broker_user():
    """`(user, password)` of this process's own broker user, made on first use and deleted at exit."""
    with _broker_user_lock:
        if not _broker_user:
            # hex: rabbitmqctl reads a password starting with "-" as an option
            user, password = f"isolated-{uuid.uuid4().hex[:10]}", secrets.token_hex(24)
            if _use_management():
                _management("PUT", f"/api/users/{quote(user, safe='')}", json={"password": password, "tags": ""})
            else:
                _rabbitmqctl("add_user", user, password)
            _broker_user.update(user=user, password=password)
            atexit.register(_delete_broker_user, user)
        return _broker_user["user"], _broker_user["password"]


def _delete_broker_user(user):
    try:
        if _use_management():
            _management("DELETE", f"/api/users/{quote(user, safe='')}")
        else:
            _rabbitmqctl("delete_user", user)
    except Exception:  # noqa: BLE001 - the broker may be gone at exit; a leftover user reaches no vhost
        pass


def _grant(vhost, user):
    if _use_management():
        _management("PUT", f"/api/permissions/{quote(vhost, safe='')}/{quote(user, safe='')}",
                    json={"configure": ".*", "write": ".*", "read": ".*"})
    else:
        _rabbitmqctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*")


def create_vhost(name):
    if _use_management():
        _management("PUT", f"/api/vhosts/{quote(name, safe='')}")
    else:
        _rabbitmqctl("add_vhost", name)
    _grant(name, AMQP_USER)
    _grant(name, broker_user()[0])


def delete_vhost(name):
    if _use_management():
        _management("DELETE", f"/api/vhosts/{quote(name, safe='')}")
    else:
        _rabbitmqctl("delete_vhost", name)


@contextmanager
def fresh_vhost(prefix="test"):
    """Yields the AMQP URI of a new vhost (as this process's own broker user), deleted afterwards."""
    name = f"{prefix}-{uuid.uuid4().hex[:10]}"
    create_vhost(name)
    user, password = broker_user()
    try:
        yield f"amqp://{quote(user, safe='')}:{quote(password, safe='')}@{AMQP_HOST}:{AMQP_PORT}/{quote(name, safe='')}"
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
    """Yields the URL of a new database owned by the service's role (created if missing), dropped after.
    The URL logs in as a role of its own with a random password, acting as the service's role."""
    name = f"{service}_{prefix}_{uuid.uuid4().hex[:10]}"
    login, password = f"{name}_login", secrets.token_urlsafe(24)  # [A-Za-z0-9_-]: nothing to escape
    _admin(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{service}') THEN "
           f"CREATE ROLE {service} LOGIN PASSWORD '{service}'; END IF; END $$")
    _admin(f"CREATE DATABASE {name} OWNER {service}")
    _admin(f"CREATE ROLE {login} LOGIN PASSWORD '{password}' IN ROLE {service}")
    _admin(f"ALTER ROLE {login} SET role = '{service}'")
    try:
        yield f"postgresql://{login}:{password}@127.0.0.1:5432/{name}"
    finally:
        _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        _admin(f"DROP ROLE IF EXISTS {login}")
