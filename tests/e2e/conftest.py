"""End-to-end: the whole system started as processes (`deploy/local/system.py`) on a fresh vhost and
fresh databases, driven only through the gateway and the inbound exchange."""
import socket

import pytest
import requests

from deploy.local.clients import SignedAuth, bearer_session, provision
from deploy.local.isolation import fresh_database, fresh_vhost
from deploy.local.system import LocalSystem
from tests.support.peers import SmtpSink

MASTER_KEY = "e2e-master-key"
PASSWORD = "e2e-Parola-2026"
STAFF = (  # username, role, directorate
    ("admin", "admin", None), ("pr", "pr_officer", None), ("press", "press_officer", None),
    ("fen", "directorate_staff", "fen-isleri"), ("fen-mudur", "directorate_head", "fen-isleri"),
    ("makam", "mayor_office", None), ("ops", "ops", None), ("denetci", "auditor", None),
)
CLIENTS = (
    ("cimer", ("applications:submit", "applications:read")),
    ("portal", ("applications:submit", "applications:read", "events:application_submitted", "webhooks:manage")),
    ("bare", ()),
    ("sehir-uygulamasi", ("open311:submit",)),
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def system(tmp_path_factory):
    with fresh_vhost("e2e") as amqp_uri, fresh_database("intake", prefix="e2e") as intake_db, \
            fresh_database("routing", prefix="e2e") as routing_db, fresh_database("gateway", prefix="e2e") as gateway_db, \
            fresh_database("notify", prefix="e2e") as notify_db, \
            fresh_database("contacts", prefix="e2e") as contacts_db, fresh_database("press", prefix="e2e") as press_db, \
            SmtpSink(tmp_path_factory.mktemp("mail")) as smtp_sink:
        keys = provision(gateway_db, MASTER_KEY, users=[(*user, PASSWORD) for user in STAFF], api_clients=CLIENTS)
        log_dir = tmp_path_factory.mktemp("logs")
        # a development deployment: the outbound allow-list below counts only there, and the secrets not
        # named here are servicekit's development defaults
        env = {"PLATFORM_ENV": "development",
               "AMQP_URI": amqp_uri, "INTAKE_DB_URL": intake_db, "GATEWAY_DB_URL": gateway_db,
               "ROUTING_DB_URL": routing_db, "INTAKE_OPS_PORT": str(free_port()),
               "ROUTING_OPS_PORT": str(free_port()), "WATCH_SECONDS": "1",
               "NOTIFY_DB_URL": notify_db, "NOTIFY_OPS_PORT": str(free_port()), "SMTP_HOST": "127.0.0.1",
               "CONTACTS_DB_URL": contacts_db, "CONTACTS_OPS_PORT": str(free_port()),
               "PRESS_DB_URL": press_db, "PRESS_OPS_PORT": str(free_port()), "GATEWAY_OPS_PORT": str(free_port()),
               "SMTP_PORT": str(smtp_sink.port), "DELIVERY_BACKOFF_SECONDS": "0.5",
               "WEBHOOK_ALLOW_HTTP": "true", "API_KEY_MASTER": MASTER_KEY, "JWT_SECRET": "e2e-jwt-secret",
               # the test's webhook receivers and news feeds are on this machine (servicekit.outbound)
               "OUTBOUND_ALLOW": "127.0.0.1",
               "LOOKUP_CODE_SECRET": "e2e-secret", "OUTBOX_SWEEP_SECONDS": "0.5", "LOG_LEVEL": "INFO",
               "RATE_LIMITS": "user=10000/60,client=10000/60,address=10000/60",
               "MAX_MESSAGE_BYTES": str(2 * 1024 * 1024),
               # press's jobs: due feeds and releases past their embargo are looked for every second
               "FETCH_SECONDS": "1", "PUBLISH_SECONDS": "1"}
        gateway_port = free_port()  # invitations' reply links and the releases feed point at this gateway
        env["PUBLIC_BASE_URL"] = f"http://127.0.0.1:{gateway_port}"
        env["PUBLIC_API_URL"] = f"{env['PUBLIC_BASE_URL']}/api/v1"
        local = LocalSystem(env, gateway_port=gateway_port, log_dir=log_dir)
        local.amqp_uri, local.intake_db, local.gateway_db, local.keys = amqp_uri, intake_db, gateway_db, keys
        local.routing_db, local.notify_db, local.smtp_sink = routing_db, notify_db, smtp_sink
        local.contacts_db, local.press_db = contacts_db, press_db
        with local:
            yield local


class Api:
    """The gateway as one caller sees it."""

    def __init__(self, base_url, session=None, auth=None):
        self.base_url = base_url
        self.session = session or requests.Session()
        self.session.auth = auth

    def post(self, path, json=None, **kwargs):
        return self.session.post(self.base_url + path, json=json, timeout=30, **kwargs)

    def get(self, path, **kwargs):
        return self.session.get(self.base_url + path, timeout=30, **kwargs)

    def request(self, method, path, **kwargs):
        return self.session.request(method, self.base_url + path, timeout=30, **kwargs)


def signed(system, client_id):
    key_id, secret = system.keys[client_id]
    return Api(system.url, auth=SignedAuth(client_id, key_id, secret))


def staff(system, username):
    return Api(system.url, session=bearer_session(system.url, username, PASSWORD))


@pytest.fixture
def cimer(system):
    return signed(system, "cimer")


@pytest.fixture
def portal(system):
    return signed(system, "portal")


@pytest.fixture
def pr_desk(system):
    return staff(system, "pr")


@pytest.fixture
def anonymous(system):
    return Api(system.url)
