"""Tokens, passwords, the permission table and the error table, without a broker or database."""
import time

import jwt
import psycopg2
import pytest
from nameko import exceptions as nameko_exceptions
from nameko.exceptions import RemoteError

from contracts import errors as contract_errors
from contracts.errors import IdempotencyConflict
from contracts.errors import InvalidInput as InvalidSubmission
from gateway import passwords, tokens
from gateway.errors import Forbidden, MalformedRequest, TooManyRequests, Unauthenticated, UpstreamUnavailable, problem_for
from gateway.security import Principal

SETTINGS = tokens.TokenSettings(secret="s" * 32, access_seconds=900)
USER = {"id": "u-1", "role": "pr_officer", "directorate": None, "username": "ayse"}


def test_a_fresh_access_token_carries_the_role_and_directorate():
    claims = tokens.read_access_token(SETTINGS, tokens.issue_access_token(SETTINGS, USER, time.time()))
    assert (claims["sub"], claims["role"], claims["directorate"]) == ("u-1", "pr_officer", None)


def test_an_expired_token_is_refused():
    old = tokens.issue_access_token(SETTINGS, USER, time.time() - 901)
    with pytest.raises(tokens.InvalidToken):
        tokens.read_access_token(SETTINGS, old)


@pytest.mark.parametrize("forge", [
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),                       # tampered signature
    lambda t: jwt.encode({**jwt.decode(t, options={"verify_signature": False}), "role": "admin"}, "other-key",
                         algorithm="HS256"),                                           # signed with another key
    lambda t: jwt.encode({**jwt.decode(t, options={"verify_signature": False})}, None, algorithm="none"),
    lambda t: jwt.encode({**jwt.decode(t, options={"verify_signature": False}), "aud": "someone-else"},
                         "s" * 32, algorithm="HS256"),                                 # wrong audience
    lambda t: jwt.encode({**jwt.decode(t, options={"verify_signature": False}), "iss": "someone-else"},
                         "s" * 32, algorithm="HS256"),                                 # wrong issuer
    lambda t: jwt.encode({**jwt.decode(t, options={"verify_signature": False}), "role": "admin"}, "s" * 32,
                         algorithm="HS512"),                                           # another algorithm
])
def test_a_tampered_or_foreign_token_is_refused(forge):
    with pytest.raises(tokens.InvalidToken):
        tokens.read_access_token(SETTINGS, forge(tokens.issue_access_token(SETTINGS, USER, time.time())))


def test_refresh_tokens_are_stored_as_hashes():
    token = tokens.new_refresh_token()
    assert token not in tokens.hash_refresh_token(token) and len(token) >= 40


def test_passwords_are_argon2id_hashes_and_verify():
    stored = passwords.hash_password("Gaziemir-2026!")
    assert stored.startswith("$argon2id$")
    assert passwords.verify_password(stored, "Gaziemir-2026!")
    assert not passwords.verify_password(stored, "gaziemir-2026!")
    assert not passwords.verify_password("not-a-hash", "x")


def test_weak_passwords_are_refused_with_reasons():
    assert passwords.policy_errors("kisa1") and passwords.policy_errors("sadeceharfler")
    assert passwords.policy_errors("ayse.yilmaz-2026", "ayse.yilmaz")
    assert passwords.policy_errors("Gaziemir-2026!") == []


def test_staff_may_what_their_role_may_and_clients_what_their_scopes_say():
    desk = Principal("staff", "u-1", "pr_officer")
    assert desk.may("application.submit") and not desk.may("audit.read")
    assert Principal("staff", "u-2", "auditor").may("audit.read")
    client = Principal("client", "cimer", "system", scopes=frozenset({"applications:submit"}))
    assert client.may("application.submit") and not client.may("application.read")
    assert not client.may("inbound.event")
    assert Principal("client", "p", "system", scopes=frozenset({"events:application_submitted"})).may("inbound.event")
    assert not Principal("staff", "u-3", "admin").may("inbound.event")


@pytest.mark.parametrize("exc,status", [
    (MalformedRequest("x"), 400), (Unauthenticated(), 401), (Forbidden(), 403), (IdempotencyConflict(), 409),
    (InvalidSubmission({"body": ["Bu alan zorunludur."]}), 422), (TooManyRequests(3), 429),
    (UpstreamUnavailable(), 503), (KeyError("secret internal detail"), 500),
])
def test_every_error_maps_to_one_problem(exc, status):
    code, body = problem_for(exc, "corr-1")
    assert code == status == body["status"]
    assert body["type"].startswith("https://") and body["title"] and body["correlation_id"] == "corr-1"
    assert "secret internal detail" not in str(body)


def test_a_service_that_lost_its_database_is_a_503_to_try_again():
    assert problem_for(RemoteError("OperationalError", "server closed the connection"))[0] == 503
    assert problem_for(RemoteError("KeyError", "x"))[0] == 500


def test_the_gateways_own_database_out_of_reach_is_a_503_too():
    status, body = problem_for(psycopg2.OperationalError("could not connect to server"))
    assert status == 503 and "could not connect" not in str(body)
    assert problem_for(psycopg2.InterfaceError("connection already closed"))[0] == 503


@pytest.mark.parametrize("cls", contract_errors.SERVICE_ERRORS[1:], ids=lambda cls: cls.__name__)
def test_every_service_error_answers_with_the_status_its_contract_gives(cls):
    sent = cls({"field": ["Bu alan zorunludur."]}) if issubclass(cls, InvalidSubmission) else cls("Türkçe bir cümle.")
    # as it crosses the broker: a service raises it, the gateway gets the same class back
    arrived = nameko_exceptions.deserialize(nameko_exceptions.serialize(sent))
    assert type(arrived) is cls
    status, body = problem_for(arrived)
    assert status == body["status"] == cls.status and status in (403, 404, 409, 422, 503)
    assert body["type"].endswith("/" + cls.slug) and body["title"] == cls.title
    if issubclass(cls, InvalidSubmission):
        assert body["errors"] == {"field": ["Bu alan zorunludur."]}
    elif cls is not contract_errors.CaseInvalidTransition:
        assert body["detail"] == "Türkçe bir cümle."
    assert "detail" not in problem_for(cls())[1]  # nothing to tell: no detail (an identifier is not echoed)


def test_the_gateway_declares_no_service_error_of_its_own():
    gateway_modules = {path for path, cls in nameko_exceptions.registry.items()
                       if cls.__module__.startswith("gateway")}
    service_paths = {path for path in nameko_exceptions.registry
                     if path.split(".")[0] in {"intake", "routing", "notify", "contacts", "press"}}
    assert not gateway_modules and not service_paths


def test_field_errors_travel_to_the_client():
    _, body = problem_for(InvalidSubmission({"body": ["Bu alan zorunludur."]}))
    assert body["errors"] == {"body": ["Bu alan zorunludur."]}
