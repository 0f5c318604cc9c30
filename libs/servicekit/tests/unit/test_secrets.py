"""A production process never runs on a missing or published secret; a development one may (servicekit.secrets)."""
import logging

import pytest

from servicekit import secrets
from servicekit.secrets import DEVELOPMENT_DEFAULTS, InsecureSecrets

PRODUCTION = {"PLATFORM_ENV": "production"}
DEVELOPMENT = {"PLATFORM_ENV": "development"}
# database and broker credentials of a deployment's own, so a test of the secrets meets only the secrets
OWN_CONNECTIONS = {"DB_URL": "postgresql://svc_role:Tq8-long-random@db.example:5432/svc",
                   "AMQP_URI": "amqp://svc_user:Hs3-long-random@broker.example:5672/"}


def test_a_missing_secret_is_refused_and_named():
    with pytest.raises(InsecureSecrets) as raised:
        secrets.check({**PRODUCTION, "API_KEY_MASTER": "a-real-one"}, ("JWT_SECRET", "API_KEY_MASTER"))
    assert raised.value.problems == {"JWT_SECRET": "not set"}
    assert "JWT_SECRET" in str(raised.value) and "API_KEY_MASTER" not in str(raised.value)


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_a_blank_secret_is_missing(blank):
    with pytest.raises(InsecureSecrets) as raised:
        secrets.check({**PRODUCTION, "INVITATION_KEY": blank}, ("INVITATION_KEY",))
    assert raised.value.problems == {"INVITATION_KEY": "not set"}


@pytest.mark.parametrize("name", sorted(DEVELOPMENT_DEFAULTS))
def test_a_development_default_is_refused_and_named_without_its_value(name):
    default = DEVELOPMENT_DEFAULTS[name]
    with pytest.raises(InsecureSecrets) as raised:
        secrets.check({**PRODUCTION, name: default}, (name,))
    assert raised.value.problems == {name: "a published development value"}
    assert name in str(raised.value)
    assert default not in str(raised.value)


@pytest.mark.parametrize("placeholder", ["change-me-long-random", "development-only-jwt-secret",
                                         " gelistirme-davet-anahtari\n"])
def test_a_placeholder_the_examples_once_shipped_is_refused(placeholder):
    with pytest.raises(InsecureSecrets):
        secrets.check({**PRODUCTION, "JWT_SECRET": placeholder}, ("JWT_SECRET",))


def test_every_problem_is_named_at_once():
    config = {**OWN_CONNECTIONS, "JWT_SECRET": DEVELOPMENT_DEFAULTS["JWT_SECRET"]}  # and no API_KEY_MASTER
    with pytest.raises(InsecureSecrets) as raised:
        secrets.check_service(config, "gateway")
    assert raised.value.problems == {"JWT_SECRET": "a published development value", "API_KEY_MASTER": "not set"}


def test_real_secrets_pass_and_are_given_as_set():
    config = {**OWN_CONNECTIONS, "JWT_SECRET": "Zx9-long-random", "API_KEY_MASTER": "Qw7-long-random"}
    secrets.check_service(config, "gateway")
    assert secrets.secret(config, "JWT_SECRET") == "Zx9-long-random"


def test_without_a_declaration_it_is_production():
    for config in ({}, {"PLATFORM_ENV": ""}, {"PLATFORM_ENV": "production"}, {"PLATFORM_ENV": "staging"},
                   {"PLATFORM_ENV": "dev"}, None):
        assert not secrets.is_development(config)
        with pytest.raises(InsecureSecrets):
            secrets.secret(config, "LOOKUP_CODE_SECRET")


def test_a_development_deployment_may_use_the_defaults():
    assert secrets.is_development(DEVELOPMENT) and secrets.is_development({"PLATFORM_ENV": " Development "})
    secrets.check_service(DEVELOPMENT, "gateway")
    for name, default in DEVELOPMENT_DEFAULTS.items():
        assert secrets.secret(DEVELOPMENT, name) == default
    assert secrets.secret({**DEVELOPMENT, "WEBHOOK_MASTER_KEY": "its-own"}, "WEBHOOK_MASTER_KEY") == "its-own"


def test_every_secret_of_every_process_has_a_development_default():
    named = {name for names in secrets.SERVICE_SECRETS.values() for name in names}
    assert named == set(DEVELOPMENT_DEFAULTS)
    assert set(secrets.SERVICE_SECRETS) == {"gateway", "intake", "routing", "notify", "contacts", "press"}


def test_the_start_up_refusal_is_logged_by_name_only(caplog):
    config = {**OWN_CONNECTIONS, "LOOKUP_CODE_SECRET": DEVELOPMENT_DEFAULTS["LOOKUP_CODE_SECRET"]}
    with caplog.at_level(logging.CRITICAL, logger="servicekit.secrets"), pytest.raises(InsecureSecrets):
        secrets.check_service(config, "intake")
    assert "LOOKUP_CODE_SECRET" in caplog.text
    assert DEVELOPMENT_DEFAULTS["LOOKUP_CODE_SECRET"] not in caplog.text


def test_a_command_checks_the_settings_it_reads_from_config_and_environment(monkeypatch):
    from gateway.settings import GatewaySettings  # what `gateway-admin` reads

    monkeypatch.delenv("PLATFORM_ENV", raising=False)
    monkeypatch.delenv("API_KEY_MASTER", raising=False)
    with pytest.raises(InsecureSecrets):
        secrets.secret(GatewaySettings.from_environment(), "API_KEY_MASTER")
    monkeypatch.setenv("PLATFORM_ENV", "development")
    assert secrets.secret(GatewaySettings.from_environment(), "API_KEY_MASTER") == DEVELOPMENT_DEFAULTS["API_KEY_MASTER"]
    monkeypatch.setenv("API_KEY_MASTER", "its-own-master-key")
    assert secrets.secret(GatewaySettings.from_environment(), "API_KEY_MASTER") == "its-own-master-key"


# Database and broker credentials, inside DB_URL and AMQP_URI (servicekit.secrets.connection_problems)

REAL_DB = "postgresql://intake:Tq8-long-random@db.example:5432/intake"
REAL_AMQP = "amqp://intake:Hs3-long-random@broker.example:5672/"
REAL_SECRETS = {"LOOKUP_CODE_SECRET": "Lk5-long-random"}


def intake_config(**settings):
    return {**PRODUCTION, **REAL_SECRETS, "DB_URL": REAL_DB, "AMQP_URI": REAL_AMQP, **settings}


def test_real_database_and_broker_credentials_pass():
    secrets.check_service(intake_config(), "intake")
    secrets.check_service(intake_config(DB_URL="postgresql://intake:p%40ss%3Aw0rd-long@db:5432/intake"), "intake")


@pytest.mark.parametrize("url,reason", [
    ("postgresql://intake@db.example:5432/intake", "no password"),
    ("postgresql://intake:@db.example:5432/intake", "no password"),
    ("postgresql://db.example:5432/intake", "no password"),
    ("postgresql://intake:intake@postgres:5432/intake", "a published password"),     # the role's own name
    ("postgresql://intake:INTAKE@postgres:5432/intake", "a published password"),
    ("postgresql://notify:routing@postgres:5432/notify", "a published password"),    # another role's name
    ("postgresql://intake:change-me@postgres.pr-platform.svc:5432/intake", "a published password"),
    ("postgresql://postgres:postgres@postgres:5432/intake", "a published password"),
    ("postgresql://intake:%63hange-me@db:5432/intake", "a published password"),       # percent-encoded
    ("host=db user=intake password=Tq8-long-random dbname=intake", "not a URL with a user and password"),
    ("", "not set"),
])
def test_a_database_url_without_a_password_of_its_own_is_refused_by_name_only(url, reason):
    with pytest.raises(InsecureSecrets) as raised:
        secrets.check_service(intake_config(DB_URL=url), "intake")
    assert raised.value.problems == {"DB_URL": reason}
    assert "DB_URL" in str(raised.value)
    if url:
        assert url not in str(raised.value) and "db.example" not in str(raised.value)
        assert "change-me" not in str(raised.value) and "postgres:" not in str(raised.value)


@pytest.mark.parametrize("url,reason", [
    ("amqp://guest:guest@rabbitmq:5672/", "the broker's default user"),
    ("amqp://guest:Hs3-long-random@rabbitmq:5672/", "the broker's default user"),
    ("amqp://rabbitmq:5672/", "the broker's default user"),                          # kombu takes guest
    ("amqp://intake@rabbitmq:5672/", "no password"),
    ("amqp://intake:change-me@rabbitmq.pr-platform.svc:5672/", "a published password"),
    ("amqp://intake:intake@rabbitmq:5672/", "a published password"),
    ("amqp://platform:guest@rabbitmq:5672/", "a published password"),
    ("amqp://platform:gelistirme-davet-anahtari@rabbitmq:5672/", "a published password"),
])
def test_a_broker_uri_with_the_default_user_or_a_published_password_is_refused_by_name_only(url, reason):
    with pytest.raises(InsecureSecrets) as raised:
        secrets.check_service(intake_config(AMQP_URI=url), "intake")
    assert raised.value.problems == {"AMQP_URI": reason}
    assert "AMQP_URI" in str(raised.value) and url not in str(raised.value)
    assert "Hs3-long-random" not in str(raised.value) and "change-me@" not in str(raised.value)


def test_credentials_and_secrets_are_named_together_and_logged_by_name_only(caplog):
    config = {**PRODUCTION, "DB_URL": "postgresql://gateway:gateway@127.0.0.1:5432/gateway",
              "AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/", "JWT_SECRET": "Zx9-long-random"}
    with caplog.at_level(logging.CRITICAL, logger="servicekit.secrets"), pytest.raises(InsecureSecrets) as raised:
        secrets.check_service(config, "gateway")
    assert raised.value.problems == {"API_KEY_MASTER": "not set", "DB_URL": "a published password",
                                     "AMQP_URI": "the broker's default user"}
    for name in ("DB_URL", "AMQP_URI", "API_KEY_MASTER"):
        assert name in caplog.text
    assert "guest" not in caplog.text and "gateway:gateway" not in caplog.text


def test_the_kubernetes_examples_placeholders_are_refused():
    # deploy/k8s/secrets.example.yaml's form: a user of the service's own with the password change-me
    found = secrets.connection_problems({"DB_URL": "postgresql://press:change-me@postgres.pr-platform.svc:5432/press",
                                         "AMQP_URI": "amqp://press:change-me@rabbitmq.pr-platform.svc:5672/"})
    assert found == {"DB_URL": "a published password", "AMQP_URI": "a published password"}


def test_a_development_deployment_still_accepts_the_local_credentials():
    config = {**DEVELOPMENT, "DB_URL": "postgresql://intake:intake@127.0.0.1:5432/intake",
              "AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/"}
    secrets.check_service(config, "intake")
    secrets.check_service({**DEVELOPMENT, "DB_URL": "postgresql://intake@127.0.0.1/intake"}, "intake")
