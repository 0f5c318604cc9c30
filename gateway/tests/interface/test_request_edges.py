"""Hostile requests at the gateway, over real HTTP: answers are 4xx problems, never a 500."""
import logging
import socket

import pytest
import requests

from servicekit.logs import JsonFormatter


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
