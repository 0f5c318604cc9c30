"""Slow or stalled clients cost the gateway one connection each, never its workers: a request that
announces a body and sends five bytes of it, or never finishes its headers, leaves `/health/live`
and sign-in answering, and is answered 408 (or closed) once its deadline passes."""
import socket
import time

import pytest
import requests

from deploy.local.clients import provision
from gateway.service import GatewayService
from tests.support.net import free_port

PASSWORD = "Gaziemir-2026!"
MAX_WORKERS = 10
SLOW_CLIENTS = 60  # many more than the workers


@pytest.fixture
def start_gateway(fresh_db, amqp_uri, container_factory):
    def start(**extra):
        db_url = fresh_db("gateway")
        provision(db_url, "slow-master-key", users=[("pr", "pr_officer", None, PASSWORD)], api_clients=[])
        port = free_port()
        config = {"AMQP_URI": amqp_uri, "DB_URL": db_url, "OPS_PORT": 0, "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
                  "RPC_TIMEOUT_SECONDS": 0.5, "JWT_SECRET": "slow-jwt-secret", "API_KEY_MASTER": "slow-master-key",
                  "RATE_LIMITS": "user=1000/60,client=1000/60,address=1000/60", "max_workers": MAX_WORKERS,
                  **extra}
        container_factory(GatewayService, config).start()
        return port
    return start


def slow_body(port):
    """A sign-in that announces 1000 bytes of body and sends five."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(b"POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 1000\r\n\r\n{\"use")
    return sock


def slow_headers(port):
    """A request whose headers never end."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: gateway\r\nX-Slow: ")
    return sock


def read_until_closed(sock):
    received = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return received
        received += chunk


def test_many_slow_bodies_leave_the_gateway_answering(start_gateway):
    port = start_gateway(HTTP_BODY_SECONDS=60, HTTP_HEADER_SECONDS=60)
    url = f"http://127.0.0.1:{port}"
    stalled = [slow_body(port) for _ in range(SLOW_CLIENTS)] + [slow_headers(port) for _ in range(10)]
    try:
        time.sleep(1)  # every stalled request has reached the gateway and waits for the rest of its body
        assert requests.get(url + "/health/live", timeout=5).status_code == 200
        signed_in = requests.post(url + "/api/v1/auth/sign-in", json={"username": "pr", "password": PASSWORD},
                                  timeout=5)
        assert signed_in.status_code == 200
        for sock in stalled[:5]:  # still held open, not answered: the body is simply late
            sock.settimeout(0.2)
            with pytest.raises(socket.timeout):
                sock.recv(1)
    finally:
        for sock in stalled:
            sock.close()


def test_a_late_body_is_answered_408_and_the_connection_closed(start_gateway):
    port = start_gateway(HTTP_BODY_SECONDS=1, HTTP_HEADER_SECONDS=1)
    sock = slow_body(port)
    try:
        answer = read_until_closed(sock)
    finally:
        sock.close()
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"application/problem+json" in answer and b"request-timeout" in answer


def test_headers_that_never_end_are_answered_408_and_closed(start_gateway):
    port = start_gateway(HTTP_BODY_SECONDS=1, HTTP_HEADER_SECONDS=1)
    sock = slow_headers(port)
    try:
        answer = read_until_closed(sock)
    finally:
        sock.close()
    assert answer.startswith(b"HTTP/1.1 408 ") and b"request-timeout" in answer


def test_an_idle_connection_is_closed_after_the_header_deadline(start_gateway):
    port = start_gateway(HTTP_BODY_SECONDS=1, HTTP_HEADER_SECONDS=1)
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        assert read_until_closed(sock) == b""
    finally:
        sock.close()


def test_connections_beyond_the_cap_wait_for_a_free_one(start_gateway):
    port = start_gateway(HTTP_BODY_SECONDS=60, HTTP_HEADER_SECONDS=60, HTTP_MAX_CONNECTIONS=3)
    url = f"http://127.0.0.1:{port}/health/live"
    held = [slow_headers(port) for _ in range(3)]
    time.sleep(0.5)
    with pytest.raises(requests.exceptions.ReadTimeout):  # a fourth waits in the listen queue
        requests.get(url, timeout=1)
    for sock in held:
        sock.close()
    assert requests.get(url, timeout=5).status_code == 200
