"""The platform's secrets, and the rule that a production process never runs on a development one.

A deployment declares itself a development one with `PLATFORM_ENV=development` (`make run`, the tests,
the benchmarks and the chaos runs do); anything else, and no value at all, is production. Outside
development every process refuses to start while one of its secrets is missing or equal to a value this
repository has published (a development default or an example's placeholder): anyone can read those,
so a token or a link signed with one proves nothing. The error names the settings, never their values.

    secrets.check_service(settings, "gateway")      # at start-up (`servicekit.db.Database.setup`)
    secrets.secret(settings, "JWT_SECRET")         # the value; the development default only in development

`settings` is the process's settings object (`servicekit.settings`: its `config.yml`, read by config key); a
plain mapping does too. The development defaults are written here once; services' `config.yml` leave a
secret empty when unset.

The database and broker credentials are checked too, inside their URLs (`CONNECTIONS`): outside development
a `DB_URL` without a password or with a published one (the role's own name, as `deploy/local/bootstrap.sh`
makes them, or a placeholder such as `change-me`) and an `AMQP_URI` of RabbitMQ's `guest` user
or with a published password are refused, named by setting only.
"""
import logging
from urllib.parse import unquote, urlsplit

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

CONNECTIONS = ("DB_URL", "AMQP_URI")
"""Settings whose URL carries a credential: every process has both, checked beside its secrets."""

# Passwords this repository, the images' documentation or the examples have published (compared without
# case); a password equal to its own user name is published too (each role's is, in development).
PUBLISHED_PASSWORDS = frozenset({
    "change-me", "changeme", "change-me-long-random", "postgres", "guest", "admin", "password", "secret",
    *SERVICE_SECRETS,
})
# RabbitMQ's own user, which its packages and images create with the password `guest`
PUBLISHED_BROKER_USERS = frozenset({"guest"})


class InsecureSecrets(RuntimeError):
    """A production process was given no secret, or a published one, for the settings named."""

    def __init__(self, problems):
        self.problems = dict(problems)  # setting -> what is wrong ("not set", "a published password", ...)
        listed = "; ".join(f"{name}: {reason}" for name, reason in self.problems.items())
        super().__init__(
            f"refusing to start: {listed}. Set each secret, and each database or broker password, to a long "
            f"random value of its own (a secret store), "
            f"or declare a development deployment with {SETTING}={DEVELOPMENT}.")


def is_development(config):
    """True when `config` (a process's settings, or a mapping of them) declares a development deployment."""
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


def connection_problems(config, names=CONNECTIONS):
    """`{name: reason}` for each of `names` (`DB_URL`, `AMQP_URI`) whose URL a production deployment may
    not use: unset, no password, a published password, or (broker) RabbitMQ's default user. The reason
    never repeats the URL, the user or the password."""
    found = {}
    for name in names:
        value = _given(config, name)
        if value is None:
            found[name] = "not set"
            continue
        parts = urlsplit(value.strip())
        if not parts.scheme or not parts.netloc:
            found[name] = "not a URL with a user and password"
            continue
        user = unquote(parts.username or "")
        password = unquote(parts.password or "")
        if name == "AMQP_URI" and (not user or user.lower() in PUBLISHED_BROKER_USERS):
            found[name] = "the broker's default user"  # no user is kombu's `guest`
        elif not password.strip():
            found[name] = "no password"
        elif password.strip().lower() in PUBLISHED_PASSWORDS or password.lower() == user.lower() \
                or password.strip() in PUBLISHED:
            found[name] = "a published password"
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
    """The start-up check of one process: every secret `SERVICE_SECRETS` gives it and its database and
    broker credentials (`CONNECTIONS`), all named at once (logged, then raised)."""
    try:
        if not is_development(config):
            found = {**problems(config, SERVICE_SECRETS.get(service_name, ())), **connection_problems(config)}
            if found:
                raise InsecureSecrets(found)
    except InsecureSecrets as exc:
        log.critical("%s", exc)  # the settings' names and what is wrong, never a value
        raise


def secret(config, name):
    """The value of secret `name`; in development, its default when unset; else `InsecureSecrets`."""
    check(config, (name,))
    value = _given(config, name)
    return DEVELOPMENT_DEFAULTS[name] if value is None else value
