"""The attack of the security issue: an access token signed with the development JWT secret, which anyone
can read in this repository, claiming `admin`. A production gateway never accepts it: with a real secret
the signature does not verify, and without one (or with the development one) the gateway does not start."""
import time

import jwt
import pytest
import requests

from gateway import tokens
from servicekit.secrets import DEVELOPMENT_DEFAULTS
from tests.support.net import free_port
from tests.support.start_up import started_as_production

DEVELOPMENT_JWT_SECRET = DEVELOPMENT_DEFAULTS["JWT_SECRET"]
# the default docker-compose.yml once gave the gateway when JWT_SECRET was unset
OLD_COMPOSE_JWT_SECRET = "development-only-jwt-secret"


def forged_admin_token(secret):
    now = int(time.time())
    return jwt.encode({"iss": tokens.ISSUER, "aud": tokens.AUDIENCE, "sub": "1", "iat": now, "nbf": now,
                       "exp": now + 600, "jti": "forged", "role": "admin", "directorate": None, "name": "admin"},
                      secret, algorithm=tokens.ALGORITHM)


def read_audit_log(base_url, token):
    """The audit log: admins and auditors only (roles.PERMISSIONS["audit.read"])."""
    return requests.get(base_url + "/api/v1/audit", headers={"Authorization": f"Bearer {token}"}, timeout=10)


@pytest.mark.parametrize("secret", [DEVELOPMENT_JWT_SECRET, OLD_COMPOSE_JWT_SECRET],
                         ids=["development-default", "old-compose-default"])
def test_an_admin_token_signed_with_a_development_secret_is_refused(gateway, secret):
    assert read_audit_log(gateway.url, forged_admin_token(secret)).status_code == 401
    # the same claims under the gateway's own secret do open the audit log: the signature alone refused it
    assert read_audit_log(gateway.url, forged_admin_token("interface-jwt-secret")).status_code == 200


@pytest.mark.parametrize("jwt_secret", [None, "", DEVELOPMENT_JWT_SECRET, OLD_COMPOSE_JWT_SECRET],
                         ids=["unset", "empty", "development-default", "old-compose-default"])
def test_a_production_gateway_without_its_own_jwt_secret_refuses_to_start_and_says_which(
        gateway_db, amqp_uri, jwt_secret):
    port = free_port()
    env = {"AMQP_URI": amqp_uri, "DB_URL": gateway_db, "GATEWAY_ADDRESS": f"127.0.0.1:{port}",
           "OPS_PORT": str(free_port()), "API_KEY_MASTER": "a-production-master-key-of-its-own"}
    if jwt_secret is not None:
        env["JWT_SECRET"] = jwt_secret
    url = f"http://127.0.0.1:{port}"
    with started_as_production("gateway", env, url + "/health/live") as start:
        if not start.refused:
            answer = read_audit_log(url, forged_admin_token(jwt_secret or DEVELOPMENT_JWT_SECRET))
            pytest.fail(f"the gateway started without a JWT secret of its own; an admin token forged with the "
                        f"published secret asked for the audit log and got {answer.status_code}")
    assert start.returncode != 0
    assert "JWT_SECRET" in start.output
    assert "API_KEY_MASTER" not in start.output  # it was set: only what is wrong is named
    assert DEVELOPMENT_JWT_SECRET not in start.output and OLD_COMPOSE_JWT_SECRET not in start.output


def test_a_production_gateway_names_every_missing_secret_at_once(gateway_db, amqp_uri):
    port = free_port()
    env = {"AMQP_URI": amqp_uri, "DB_URL": gateway_db, "GATEWAY_ADDRESS": f"127.0.0.1:{port}",
           "OPS_PORT": str(free_port())}
    with started_as_production("gateway", env, f"http://127.0.0.1:{port}/health/live") as start:
        assert start.refused, "the gateway started with neither JWT_SECRET nor API_KEY_MASTER"
    assert "JWT_SECRET: not set" in start.output and "API_KEY_MASTER: not set" in start.output
