"""A production process never runs on a missing or published secret; a development one may (servicekit.secrets)."""
import logging

import pytest

from servicekit import secrets
from servicekit.secrets import DEVELOPMENT_DEFAULTS, InsecureSecrets

PRODUCTION = {"PLATFORM_ENV": "production"}
DEVELOPMENT = {"PLATFORM_ENV": "development"}


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
    config = {"JWT_SECRET": DEVELOPMENT_DEFAULTS["JWT_SECRET"]}  # and no API_KEY_MASTER
    with pytest.raises(InsecureSecrets) as raised:
        secrets.check_service(config, "gateway")
    assert raised.value.problems == {"JWT_SECRET": "a published development value", "API_KEY_MASTER": "not set"}


def test_real_secrets_pass_and_are_given_as_set():
    config = {"JWT_SECRET": "Zx9-long-random", "API_KEY_MASTER": "Qw7-long-random"}
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
    config = {"LOOKUP_CODE_SECRET": DEVELOPMENT_DEFAULTS["LOOKUP_CODE_SECRET"]}
    with caplog.at_level(logging.CRITICAL, logger="servicekit.secrets"), pytest.raises(InsecureSecrets):
        secrets.check_service(config, "intake")
    assert "LOOKUP_CODE_SECRET" in caplog.text
    assert DEVELOPMENT_DEFAULTS["LOOKUP_CODE_SECRET"] not in caplog.text


def test_a_command_reads_the_environment(monkeypatch):
    monkeypatch.delenv("PLATFORM_ENV", raising=False)
    monkeypatch.delenv("API_KEY_MASTER", raising=False)
    with pytest.raises(InsecureSecrets):
        secrets.environment_secret("API_KEY_MASTER")
    monkeypatch.setenv("PLATFORM_ENV", "development")
    assert secrets.environment_secret("API_KEY_MASTER") == DEVELOPMENT_DEFAULTS["API_KEY_MASTER"]
