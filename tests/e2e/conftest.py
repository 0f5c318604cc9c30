"""End-to-end: the whole system started as processes (`deploy/local/system.py`) on a fresh vhost and
fresh databases, driven only through the gateway and the inbound exchange."""
import socket

import pytest
import requests

from deploy.local.isolation import fresh_database, fresh_vhost
from deploy.local.system import LocalSystem

API_KEYS = "e2e-admin:admin:admin,e2e-pr:halkla-iliskiler:pr_officer,e2e-cimer:cimer:system,e2e-portal:portal:system"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def system(tmp_path_factory):
    with fresh_vhost("e2e") as amqp_uri, fresh_database("intake", prefix="e2e") as intake_db:
        log_dir = tmp_path_factory.mktemp("logs")
        env = {"AMQP_URI": amqp_uri, "INTAKE_DB_URL": intake_db, "INTAKE_OPS_PORT": str(free_port()),
               "GATEWAY_API_KEYS": API_KEYS, "LOOKUP_CODE_SECRET": "e2e-secret", "OUTBOX_SWEEP_SECONDS": "0.5",
               "LOG_LEVEL": "INFO"}
        local = LocalSystem(env, gateway_port=free_port(), log_dir=log_dir)
        local.amqp_uri = amqp_uri
        local.intake_db = intake_db
        local.log_dir = log_dir
        with local:
            yield local


class Api:
    """The gateway as a client sees it."""

    def __init__(self, base_url, key):
        self.base_url = base_url
        self.session = requests.Session()
        if key:
            self.session.headers["X-API-Key"] = key

    def post(self, path, json=None, **kwargs):
        return self.session.post(self.base_url + path, json=json, timeout=30, **kwargs)

    def get(self, path, **kwargs):
        return self.session.get(self.base_url + path, timeout=30, **kwargs)


@pytest.fixture
def cimer(system):
    return Api(system.url, "e2e-cimer")


@pytest.fixture
def pr_desk(system):
    return Api(system.url, "e2e-pr")


@pytest.fixture
def anonymous(system):
    return Api(system.url, None)
