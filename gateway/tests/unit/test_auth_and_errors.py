"""Who may call, and how errors look, without a broker."""
import pytest

from gateway import auth
from gateway.errors import (Forbidden, IdempotencyConflict, InvalidSubmission, MalformedRequest, Unauthenticated,
                            UpstreamUnavailable, problem_for)

KEYS = auth.parse_api_keys("k-admin:admin:admin, k-cimer:cimer:system")


def test_a_known_key_is_the_client_and_role_it_was_given():
    assert auth.authenticate({"X-API-Key": "k-cimer"}, KEYS) == auth.Principal("cimer", "system")


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": ""}, {"X-API-Key": "k-cimer "}, {"X-API-Key": "guess"}])
def test_a_missing_or_wrong_key_is_unauthenticated(headers):
    with pytest.raises(Unauthenticated):
        auth.authenticate(headers, KEYS)


def test_misconfigured_keys_fail_at_once():
    with pytest.raises(ValueError):
        auth.parse_api_keys("k:client:superuser")
    with pytest.raises(ValueError):
        auth.parse_api_keys("k-without-role")


def test_a_system_client_sees_only_its_own_applications_and_staff_see_all():
    cimer = auth.Principal("cimer", "system")
    assert auth.may_see(cimer, {"submitted_by": "cimer"})
    with pytest.raises(Forbidden):
        auth.may_see(cimer, {"submitted_by": "portal"})
    assert auth.may_see(auth.Principal("desk", "pr_officer"), {"submitted_by": "portal"})


@pytest.mark.parametrize("exc,status", [
    (MalformedRequest("x"), 400), (Unauthenticated(), 401), (Forbidden(), 403), (IdempotencyConflict(), 409),
    (InvalidSubmission({"body": ["Bu alan zorunludur."]}), 422), (UpstreamUnavailable(), 503),
    (KeyError("secret internal detail"), 500),
])
def test_every_error_maps_to_one_problem(exc, status):
    code, body = problem_for(exc, "corr-1")
    assert code == status == body["status"]
    assert body["type"].startswith("https://") and body["title"] and body["correlation_id"] == "corr-1"
    assert "secret internal detail" not in str(body)


def test_a_service_that_lost_its_database_is_a_503_to_try_again():
    from nameko.exceptions import RemoteError

    assert problem_for(RemoteError("OperationalError", "server closed the connection"))[0] == 503
    assert problem_for(RemoteError("KeyError", "x"))[0] == 500


def test_field_errors_travel_to_the_client():
    _, body = problem_for(InvalidSubmission({"body": ["Bu alan zorunludur."]}))
    assert body["errors"] == {"body": ["Bu alan zorunludur."]}
