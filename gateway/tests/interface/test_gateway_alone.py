"""The gateway's own behaviour, with intake replaced."""
import eventlet


def test_an_unanswering_intake_is_a_503_with_retry_after_not_a_hang(gateway):
    gateway.intake.submit_application.side_effect = lambda *args: eventlet.sleep(5)
    response = gateway.signed().post(gateway.url + "/api/v1/applications", json={"channel": "cimer"}, timeout=10)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.headers["Content-Type"] == "application/problem+json"


def test_the_submitting_client_and_idempotency_key_reach_intake(gateway):
    gateway.intake.submit_application.return_value = {
        "application": {"id": "a1", "tracking_number": "GZM-2026-000001"}, "created": True}
    response = gateway.signed().post(gateway.url + "/api/v1/applications", json={"channel": "cimer"},
                                     headers={"Idempotency-Key": "abc"}, timeout=10)
    assert response.status_code == 201
    gateway.intake.submit_application.assert_called_once_with({"channel": "cimer"}, "cimer", "abc")


def test_an_unexpected_failure_is_a_generic_500_without_internals(gateway):
    gateway.intake.submit_application.side_effect = RuntimeError("password=hunter2 at db.internal")
    response = gateway.signed().post(gateway.url + "/api/v1/applications", json={"channel": "cimer"}, timeout=10)
    assert response.status_code == 500
    assert "hunter2" not in response.text and "RuntimeError" not in response.text
    assert response.json()["title"] == "Beklenmeyen bir hata oluştu"
