"""The gateway in a real container over real HTTP, with intake replaced (DESIGN.md §7)."""
import socket

import eventlet
import pytest
import requests
from nameko.testing.services import replace_dependencies

from gateway.service import GatewayService


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def gateway(amqp_uri, container_factory):
    port = free_port()
    config = {"AMQP_URI": amqp_uri, "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}", "RPC_TIMEOUT_SECONDS": 0.5,
              "GATEWAY_API_KEYS": "k:cimer:system"}
    container = container_factory(GatewayService, config)
    intake = replace_dependencies(container, "intake_rpc")
    container.start()
    return f"http://127.0.0.1:{port}", intake


def test_an_unanswering_intake_is_a_503_with_retry_after_not_a_hang(gateway):
    url, intake = gateway
    intake.submit_application.side_effect = lambda *args: eventlet.sleep(5)
    response = requests.post(url + "/api/v1/applications", json={"channel": "cimer"},
                             headers={"X-API-Key": "k"}, timeout=10)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.headers["Content-Type"] == "application/problem+json"


def test_the_submitting_client_and_idempotency_key_reach_intake(gateway):
    url, intake = gateway
    intake.submit_application.return_value = {"application": {"id": "a1", "tracking_number": "GZM-2026-000001"},
                                              "created": True}
    response = requests.post(url + "/api/v1/applications", json={"channel": "cimer"},
                             headers={"X-API-Key": "k", "Idempotency-Key": "abc"}, timeout=10)
    assert response.status_code == 201
    intake.submit_application.assert_called_once_with({"channel": "cimer"}, "cimer", "abc")


def test_an_unexpected_failure_is_a_generic_500_without_internals(gateway):
    url, intake = gateway
    intake.submit_application.side_effect = RuntimeError("password=hunter2 at db.internal")
    response = requests.post(url + "/api/v1/applications", json={"channel": "cimer"},
                             headers={"X-API-Key": "k"}, timeout=10)
    assert response.status_code == 500
    assert "hunter2" not in response.text and "RuntimeError" not in response.text
    assert response.json()["title"] == "Beklenmeyen bir hata oluştu"
