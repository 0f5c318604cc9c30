"""From the security issue: a process started as production (no `PLATFORM_ENV=development`) with a secret
unset fell back to a development default anyone can read here, so lookup codes, webhook signatures,
invitation links and API client keys were forgeable. Each process now refuses to start while one of its
secrets is missing or a development value, and names the setting, never a value (servicekit.secrets).
The gateway's JWT secret, with the forged admin token, is in gateway/tests/interface.

The database and broker credentials are published too where they are the development ones (each role's
password its own name, RabbitMQ's guest): the test's own (deploy/local/isolation: a login role and a broker
user with random passwords) let a process reach the secret it is tested on; given the development ones,
which do reach this machine's servers, it refuses and names DB_URL or AMQP_URI."""
from urllib.parse import urlsplit

import pytest

from deploy.local.isolation import AMQP_HOST, AMQP_PORT
from servicekit.secrets import CONNECTIONS, DEVELOPMENT_DEFAULTS, PUBLISHED, SERVICE_SECRETS
from tests.support.net import free_port
from tests.support.start_up import started_as_production

CASES = [(service, secret, given) for service, names in sorted(SERVICE_SECRETS.items()) for secret in names
         for given in ("unset", "development-default")]
WHAT_IT_PROTECTS = {
    "LOOKUP_CODE_SECRET": "anyone could compute an applicant's lookup code and read their application's status",
    "WEBHOOK_MASTER_KEY": "anyone could sign webhook deliveries as the municipality",
    "INVITATION_KEY": "anyone could answer any invitation for its invitee",
    "API_KEY_MASTER": "anyone could compute every API client's key and sign requests as that system",
    "JWT_SECRET": "anyone could sign an admin's access token",
}


@pytest.mark.parametrize("service,secret,given", CASES, ids=[f"{s}-{n}-{g}" for s, n, g in CASES])
def test_a_production_process_refuses_a_missing_or_development_secret_and_names_it(
        fresh_db, amqp_uri, service, secret, given):
    port = free_port()  # where it answers once started: the gateway's API, a service's ops port
    env = {"AMQP_URI": amqp_uri, "DB_URL": fresh_db(service), "OPS_PORT": str(port)}
    if service == "gateway":
        env.update(GATEWAY_ADDRESS=f"127.0.0.1:{port}", OPS_PORT=str(free_port()))
    env.update({other: f"{other.lower()}-of-this-deployment-only" for other in SERVICE_SECRETS[service]
                if other != secret})
    if given == "development-default":
        env[secret] = DEVELOPMENT_DEFAULTS[secret]
    with started_as_production(service, env, f"http://127.0.0.1:{port}/health/live") as start:
        assert start.refused, f"{service} started on a published {secret}: {WHAT_IT_PROTECTS[secret]}"
    assert start.returncode != 0
    assert secret in start.output, start.output[-2000:]
    assert not [value for value in PUBLISHED if value in start.output], "a secret's value reached the output"
    for other in SERVICE_SECRETS[service]:
        if other != secret:
            assert other not in start.output, f"{other} was set: only what is wrong is named"
    for connection in CONNECTIONS:  # the test's own credentials: refused for the secret alone
        assert f"{connection}: " not in start.output, start.output[-2000:]


def development_credentials(service, db_url, amqp_uri):
    """The same database and vhost, reached as `make run` reaches them: the role with its own name as its
    password (deploy/local/bootstrap.sh) and RabbitMQ's guest (which deploy/local/isolation grants)."""
    database, vhost = urlsplit(db_url).path, urlsplit(amqp_uri).path
    return {"DB_URL": f"postgresql://{service}:{service}@127.0.0.1:5432{database}",
            "AMQP_URI": f"amqp://guest:guest@{AMQP_HOST}:{AMQP_PORT}{vhost}"}


CONNECTION_CASES = [(service, connection) for service in sorted(SERVICE_SECRETS) for connection in CONNECTIONS]


@pytest.mark.parametrize("service,connection", CONNECTION_CASES, ids=[f"{s}-{c}" for s, c in CONNECTION_CASES])
def test_a_production_process_refuses_the_development_database_or_broker_credentials_and_names_them(
        fresh_db, amqp_uri, service, connection):
    port = free_port()
    env = {"AMQP_URI": amqp_uri, "DB_URL": fresh_db(service), "OPS_PORT": str(port)}
    if service == "gateway":
        env.update(GATEWAY_ADDRESS=f"127.0.0.1:{port}", OPS_PORT=str(free_port()))
    env.update({secret: f"{secret.lower()}-of-this-deployment-only" for secret in SERVICE_SECRETS[service]})
    published = development_credentials(service, env["DB_URL"], env["AMQP_URI"])[connection]
    env[connection] = published
    with started_as_production(service, env, f"http://127.0.0.1:{port}/health/live") as start:
        assert start.refused, f"{service} started on the development {connection}: anyone could log in with it"
    assert start.returncode != 0
    assert f"{connection}: " in start.output, start.output[-2000:]
    assert published not in start.output and f"{service}:{service}@" not in start.output \
        and "guest:guest" not in start.output, "a credential reached the output"
    for other in (*CONNECTIONS, *SERVICE_SECRETS[service]):
        if other != connection:
            assert f"{other}: " not in start.output, f"{other} was its own: only what is wrong is named"
