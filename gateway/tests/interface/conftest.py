"""Interface tests: the gateway in a real container over real HTTP, with its real database and a real
RabbitMQ vhost; intake is replaced (DESIGN.md §7)."""
import pytest
import requests
from nameko.testing.services import replace_dependencies

from deploy.local.clients import SignedAuth, provision
from gateway.service import GatewayService
from tests.support.net import free_port

MASTER_KEY = "interface-master-key"
PASSWORD = "Gaziemir-2026!"


class Gateway:
    master_key = MASTER_KEY

    def __init__(self, url, intake, db_url, keys, container):
        self.url, self.intake, self.db_url, self.keys, self.container = url, intake, db_url, keys, container

    def signed(self, client_id="cimer"):
        key_id, secret = self.keys[client_id]
        session = requests.Session()
        session.auth = SignedAuth(client_id, key_id, secret)
        return session

    def sign_in(self, username="pr", password=PASSWORD):
        return requests.post(self.url + "/api/v1/auth/sign-in", json={"username": username, "password": password},
                             timeout=10)

    def bearer(self, username="pr", password=PASSWORD):
        response = self.sign_in(username, password)
        response.raise_for_status()
        return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def gateway_db(fresh_db):
    return fresh_db("gateway")


@pytest.fixture
def gateway(gateway_db, amqp_uri, container_factory):
    keys = provision(gateway_db, MASTER_KEY,
                     users=[("pr", "pr_officer", None, PASSWORD), ("denetci", "auditor", None, PASSWORD)],
                     api_clients=[("cimer", ("applications:submit", "applications:read")),
                                  ("portal", ("events:application_submitted",))])
    port = free_port()
    config = {"AMQP_URI": amqp_uri, "DB_URL": gateway_db, "OPS_PORT": 0, "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
              "RPC_TIMEOUT_SECONDS": 0.5, "JWT_SECRET": "interface-jwt-secret", "API_KEY_MASTER": MASTER_KEY,
              "RATE_LIMITS": "user=1000/60,client=1000/60,address=1000/60"}
    container = container_factory(GatewayService, config)
    intake = replace_dependencies(container, "intake_rpc")
    container.start()
    return Gateway(f"http://127.0.0.1:{port}", intake, gateway_db, keys, container)
