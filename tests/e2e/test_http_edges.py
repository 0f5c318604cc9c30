"""Bad input at the gateway: always a 4xx in problem+json with the reason, never a 500."""
import json
import time

import pytest
import requests

from gateway import signing

pytestmark = pytest.mark.e2e

VALID = {"channel": "halk_masasi", "type": "istek", "category": "park", "subject": "Bank",
         "body": "Parka bank konulmasını istiyoruz.", "applicant": {"full_name": "Ali Kaya"}}


def assert_problem(response, status):
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"]
    assert "Traceback" not in response.text
    return body


@pytest.mark.parametrize("headers,data,status", [
    ({"Content-Type": "application/json"}, b"{not json", 400),
    ({"Content-Type": "application/json"}, b"[1, 2]", 400),
    ({"Content-Type": "application/json"}, "\u00ff".encode("latin-1"), 400),
    ({"Content-Type": "text/plain"}, b"merhaba", 415),
])
def test_unreadable_bodies_are_refused(cimer, headers, data, status):
    assert_problem(cimer.post("/api/v1/applications", data=data, headers=headers), status)


def test_unknown_fields_and_wrong_types_are_named(cimer):
    body = assert_problem(cimer.post("/api/v1/applications", dict(VALID, priority="high", subject=42)), 422)
    assert body["errors"] == {"priority": ["Bilinmeyen alan."], "subject": ["Metin olmalı."]}


def test_an_oversized_body_is_refused_before_it_is_read(cimer):
    huge = b'{"body": "' + b"a" * (41 * 1024 * 1024) + b'"}'
    assert_problem(cimer.post("/api/v1/applications", data=huge, headers={"Content-Type": "application/json"}), 413)


def test_no_credentials_a_forged_token_or_a_wrong_signature_is_refused(anonymous, system):
    assert_problem(anonymous.post("/api/v1/applications", VALID), 401)
    assert_problem(requests.post(system.url + "/api/v1/applications", json=VALID,
                                 headers={"Authorization": "Bearer not.a.token"}, timeout=10), 401)
    key_id, _secret = system.keys["cimer"]
    forged = signing.signed_headers("guessed-secret", "cimer", key_id, "POST", "/api/v1/applications",
                                    json.dumps(VALID).encode(), timestamp=int(time.time()))
    body = assert_problem(requests.post(system.url + "/api/v1/applications", data=json.dumps(VALID),
                                        headers={**forged, "Content-Type": "application/json"}, timeout=10), 401)
    assert body["detail"]


def test_unknown_routes_and_methods_answer_in_problem_json(cimer):
    assert_problem(cimer.get("/api/v1/nothing-here"), 404)
    assert_problem(cimer.get("/api/v1/applications/00000000-0000-0000-0000-000000000000"), 404)


def test_a_refusal_that_leaves_the_body_unread_says_it_closes_the_connection(system):
    """The connection of a body left unread is closed after the answer; a client told so opens a new one for its
    next request instead of sending it into a closed connection."""
    with requests.Session() as session:
        refused = session.post(system.url + "/api/v1/cases/00000000-0000-0000-0000-000000000000/explode",
                               json={"reason": "x" * 1000}, timeout=10)
        assert_problem(refused, 404)
        assert refused.headers["Connection"] == "close"
        assert session.get(system.url + "/health/live", timeout=10).status_code == 200
        assert "close" not in session.get(system.url + "/health/live", timeout=10).headers.get("Connection", "")


@pytest.mark.parametrize("method,path,allowed", [
    ("DELETE", "/api/v1/applications", "POST"),
    ("PUT", "/api/v1/applications/00000000-0000-0000-0000-000000000000", "GET, HEAD"),
    ("PATCH", "/api/v1/auth/sign-in", "POST"),
    ("TRACE", "/health", "GET, HEAD"),
    ("GET", "/api/v1/ops/dead-letters/intake/replay", "POST"),  # not a dead letter called "replay"
])
def test_a_method_the_path_does_not_have_is_a_405_naming_those_it_has(system, method, path, allowed):
    answer = requests.request(method, system.url + path, timeout=10)
    assert_problem(answer, 405)
    assert answer.headers["Allow"] == allowed


def test_openapi_document_describes_the_api_and_the_docs_page_renders(anonymous):
    spec = anonymous.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/applications", "/api/v1/applications/{application_id}",
            "/api/v1/applications/{application_id}/receipt.pdf", "/api/v1/applications/status-lookup"} <= set(spec["paths"])
    submission = spec["components"]["schemas"]["ApplicationSubmission"]
    assert {"channel", "type", "category", "body", "applicant"} <= set(submission["required"])
    assert {"BearerAuth", "Signature"} <= set(spec["components"]["securitySchemes"])
    assert "422" in spec["paths"]["/api/v1/applications"]["post"]["responses"]
    page = anonymous.get("/api/docs")
    assert page.status_code == 200 and "swagger-ui-bundle.js" in page.text
    assert anonymous.get("/api/docs/swagger-ui-bundle.js").status_code == 200
    assert_problem(anonymous.get("/api/docs/..%2Fsecret"), 404)


def test_health_and_metrics_are_served(anonymous, cimer, system):
    cimer.post("/api/v1/applications", VALID)
    assert anonymous.get("/health").json()["status"] == "ok"
    assert anonymous.get("/metrics").status_code == 404  # not on the public port: on the ops port
    metrics = requests.get(f"http://127.0.0.1:{system.env['GATEWAY_OPS_PORT']}/metrics", timeout=10).text
    assert 'http_requests_total{method="POST",route="/api/v1/applications",status="201"}' in metrics
    intake_port = system.env["INTAKE_OPS_PORT"]
    intake_metrics = requests.get(f"http://127.0.0.1:{intake_port}/metrics", timeout=10).text
    assert 'messages_published_total{event_type="application_received",outcome="ok",service="intake"}' in intake_metrics
    assert requests.get(f"http://127.0.0.1:{intake_port}/health/ready", timeout=10).status_code == 200
