"""Hostile requests at the gateway, over real HTTP: answers are 4xx problems, never a 500."""
import pytest
import requests


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
