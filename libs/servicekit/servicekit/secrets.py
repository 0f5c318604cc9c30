"""The platform's secrets, and the rule that a production process never runs on a development one.

A deployment declares itself a development one with `PLATFORM_ENV=development` (`make run`, the tests,
the benchmarks and the chaos runs do); anything else, and no value at all, is production. Outside
development every process refuses to start while one of its secrets is missing or equal to a value this
repository has published (a development default or an example's placeholder): anyone can read those,
so a token or a link signed with one proves nothing. The error names the settings, never their values.

    secrets.check_service(config, "gateway")        # at start-up (`servicekit.db.Database.setup`)
    secrets.secret(config, "JWT_SECRET")           # the value; the development default only in development

The development defaults are written here once; services' `config.yml` leave a secret empty when unset.
"""
import logging
import os

log = logging.getLogger(__name__)

DEVELOPMENT = "development"
SETTING = "PLATFORM_ENV"

DEVELOPMENT_DEFAULTS = {
    # signs staff access tokens (gateway)
    "JWT_SECRET": "gelistirme-jwt-anahtari-uretimde-degistirin",
    # API clients' key secrets derive from it (gateway, `gateway-admin`)
    "API_KEY_MASTER": "gelistirme-ana-anahtar-uretimde-degistirin",
    # applicants' lookup codes derive from it (intake)
    "LOOKUP_CODE_SECRET": "gelistirme-icin-gizli-anahtar",
    # webhook subscriptions' signing secrets derive from it (notify)
    "WEBHOOK_MASTER_KEY": "gelistirme-webhook-anahtari",
    # invitations' reply links are signed with it (contacts)
    "INVITATION_KEY": "gelistirme-davet-anahtari",
}

SERVICE_SECRETS = {
    "gateway": ("JWT_SECRET", "API_KEY_MASTER"),
    "intake": ("LOOKUP_CODE_SECRET",),
    "routing": (),
    "notify": ("WEBHOOK_MASTER_KEY",),
    "contacts": ("INVITATION_KEY",),
    "press": (),
}
"""Every secret of every process; the deployment examples must list each (tests/deploy)."""

# Values once shipped as defaults or placeholders in the deployment examples: as public as the above.
_PUBLISHED_PLACEHOLDERS = frozenset({
    "change-me-long-random", "development-only-secret", "development-only-invitation-key",
    "development-only-jwt-secret", "development-only-api-key-master",
})
PUBLISHED = frozenset(DEVELOPMENT_DEFAULTS.values()) | _PUBLISHED_PLACEHOLDERS


class InsecureSecrets(RuntimeError):
    """A production process was given no secret, or a published one, for the settings named."""

    def __init__(self, problems):
        self.problems = dict(problems)  # setting -> "not set" | "a published development value"
        listed = "; ".join(f"{name}: {reason}" for name, reason in self.problems.items())
        super().__init__(
            f"refusing to start: {listed}. Set each to a long random value of its own (a secret store), "
            f"or declare a development deployment with {SETTING}={DEVELOPMENT}.")


def is_development(config):
    """True when `config` (a nameko config or `os.environ`) declares a development deployment."""
    return str((config or {}).get(SETTING) or "").strip().lower() == DEVELOPMENT


def problems(config, names):
    """`{name: reason}` for each of `names` that a production deployment may not run with."""
    found = {}
    for name in names:
        value = _given(config, name)
        if value is None:
            found[name] = "not set"
        elif value.strip() in PUBLISHED:
            found[name] = "a published development value"
    return found


def _given(config, name):
    """The value set for `name`, as given; None when unset or blank."""
    value = (config or {}).get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return str(value)


def check(config, names):
    """Raise `InsecureSecrets` naming every one of `names` missing or published, unless in development."""
    if is_development(config):
        return
    found = problems(config, names)
    if found:
        raise InsecureSecrets(found)


def check_service(config, service_name):
    """The start-up check of one process: every secret `SERVICE_SECRETS` gives it (logged, then raised)."""
    try:
        check(config, SERVICE_SECRETS.get(service_name, ()))
    except InsecureSecrets as exc:
        log.critical("%s", exc)  # the settings' names and what is wrong, never a value
        raise


def secret(config, name):
    """The value of secret `name`; in development, its default when unset; else `InsecureSecrets`."""
    check(config, (name,))
    value = _given(config, name)
    return DEVELOPMENT_DEFAULTS[name] if value is None else value


def environment_secret(name):
    """`secret()` for a command outside a service (`gateway-admin`, `make run`): read from the environment."""
    return secret(os.environ, name)
