"""Hostile requests at the gateway, over real HTTP: answers are 4xx problems, never a 500."""
import base64
import hashlib
import logging
import socket

import pytest
import requests

from deploy.local.clients import provision
from gateway.service import GatewayService
from servicekit.logs import JsonFormatter
from tests.support.net import free_port


@pytest.mark.parametrize("depth", [65, 8000])
def test_a_deeply_nested_json_body_is_a_400(gateway, depth):
    body = '{"username": "pr", "password": ' + "[" * depth + "]" * depth + "}"
    response = requests.post(gateway.url + "/api/v1/auth/sign-in", data=body,
                             headers={"Content-Type": "application/json"}, timeout=10)
    assert response.status_code == 400, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "İstek okunamadı"


def test_a_nested_body_within_the_limit_is_read(gateway):
    body = '{"username": "pr", "password": ' + "[" * 60 + "]" * 60 + "}"
    response = requests.post(gateway.url + "/api/v1/auth/sign-in", data=body,
                             headers={"Content-Type": "application/json"}, timeout=10)
    assert response.status_code == 422  # read, then refused by the schema: a password is text


def access_log(caplog):
    return "\n".join(JsonFormatter(service="gateway").format(record) for record in caplog.records)


def test_the_access_log_names_the_path_but_not_the_query_string(gateway, caplog):
    caplog.set_level(logging.INFO, logger="nameko.web.server")
    invitation = "3b5d7f9a-1c3e-4a5b-8d7f-9a1c3e5b7d9f"
    requests.get(f"{gateway.url}/api/v1/invitations/{invitation}/reply",
                 params={"token": "5c0f3d9e2a7b41c68e0d9f2b7a3c5e1d", "q": "Ayşe Yılmaz, Atatürk Cad. 12"}, timeout=10)
    requests.get(gateway.url + "/api/v1/contacts?email=ayse%40example.org&name=Ali+Kaya", timeout=10)
    logged = access_log(caplog)
    assert f"/api/v1/invitations/{invitation}/reply" in logged and "/api/v1/contacts" in logged
    for secret in ("5c0f3d9e2a7b41c68e0d9f2b7a3c5e1d", "token=", "Ay%C5%9Fe", "Ayşe", "example.org", "Kaya"):
        assert secret not in logged


def test_a_malformed_request_line_is_not_logged_with_its_query_string(gateway, caplog, capfd):
    caplog.set_level(logging.INFO)
    port = int(gateway.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET /api/v1/contacts?email=ayse%40example.org&name=Ali+Kaya one two\r\n\r\n")
        answer = sock.recv(4096)
    assert b" 400 " in answer
    logged = "\n".join([access_log(caplog), *(record.getMessage() for record in caplog.records), *capfd.readouterr()])
    assert "malformed HTTP request refused (400)" in logged
    assert "ayse" not in logged and "Kaya" not in logged


def test_json_answers_are_not_cached_or_sniffed(gateway):
    signed_in = gateway.sign_in()
    refused = gateway.sign_in(password="Yanlis-Parola-1")
    me = requests.get(gateway.url + "/api/v1/auth/me", headers=gateway.bearer(), timeout=10)
    unknown = requests.get(gateway.url + "/api/v1/nothing-here", timeout=10)
    for response in (signed_in, refused, me, unknown):
        assert response.headers["Cache-Control"] == "no-store", response.url
        assert response.headers["X-Content-Type-Options"] == "nosniff", response.url


def test_the_docs_page_runs_only_its_own_scripts_and_cannot_be_framed(gateway):
    page = requests.get(gateway.url + "/api/docs", timeout=10)
    assert page.status_code == 200
    policy = dict(part.strip().split(" ", 1) for part in page.headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in policy["script-src"] and "*" not in policy["script-src"]
    assert page.headers["X-Frame-Options"] == "DENY" and page.headers["X-Content-Type-Options"] == "nosniff"
    # the page's one inline script is the one the policy allows by its hash
    script = page.text.split("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy["script-src"]


def test_metrics_are_served_on_the_ops_port_not_the_public_one(fresh_db, amqp_uri, container_factory):
    db_url = fresh_db("gateway")
    provision(db_url, "ops-master-key", users=[("pr", "pr_officer", None, "Gaziemir-2026!")], api_clients=[])
    port, ops_port = free_port(), free_port()
    container_factory(GatewayService, {
        "AMQP_URI": amqp_uri, "DB_URL": db_url, "OPS_PORT": ops_port, "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
        "JWT_SECRET": "ops-jwt-secret-" + "x" * 32, "API_KEY_MASTER": "ops-master-key"}).start()
    assert requests.get(f"http://127.0.0.1:{port}/health/live", timeout=10).status_code == 200
    public = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=10)
    assert public.status_code == 404
    ops = requests.get(f"http://127.0.0.1:{ops_port}/metrics", timeout=10)
    assert ops.status_code == 200
    assert 'http_requests_total{method="GET",route="/health/live",status="200"}' in ops.text
    assert requests.get(f"http://127.0.0.1:{ops_port}/health/ready", timeout=10).status_code == 200
