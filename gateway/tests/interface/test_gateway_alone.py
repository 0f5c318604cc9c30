"""The gateway's own behaviour, with intake replaced."""
import eventlet

SUBMISSION = {"channel": "cimer", "type": "sikayet", "category": "cop", "subject": "Çöp",
              "body": "Sokağımızda çöp alınmadı.", "applicant": {"full_name": "Ayşe Yılmaz"}}


def test_an_unanswering_intake_is_a_503_with_retry_after_not_a_hang(gateway):
    gateway.intake.receive_application.side_effect = lambda *args: eventlet.sleep(5)
    response = gateway.signed().post(gateway.url + "/api/v1/applications", json=SUBMISSION, timeout=10)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.headers["Content-Type"] == "application/problem+json"


def test_the_submitting_client_and_idempotency_key_reach_intake(gateway):
    gateway.intake.receive_application.return_value = {
        "application": {"id": "a1", "tracking_number": "GZM-2026-000001"}, "created": True}
    response = gateway.signed().post(gateway.url + "/api/v1/applications", json=SUBMISSION,
                                     headers={"Idempotency-Key": "abc"}, timeout=10)
    assert response.status_code == 201
    (body, caller, key), _ = gateway.intake.receive_application.call_args
    assert (body["channel"], body["applicant"]["full_name"], key) == ("cimer", "Ayşe Yılmaz", "abc")
    assert (caller["id"], caller["kind"]) == ("cimer", "client")


def test_an_unexpected_failure_is_a_generic_500_without_internals(gateway):
    gateway.intake.receive_application.side_effect = RuntimeError("password=hunter2 at db.internal")
    response = gateway.signed().post(gateway.url + "/api/v1/applications", json=SUBMISSION, timeout=10)
    assert response.status_code == 500
    assert "hunter2" not in response.text and "RuntimeError" not in response.text
    assert response.json()["title"] == "Beklenmeyen bir hata oluştu"
