"""Who is calling and what they may do: every route goes through `Guard.require`.

    principal = self.guard.require(self.db, request, "application.read")

Staff present a short-lived JWT (`Authorization: Bearer ...`); other systems sign each request with
HMAC-SHA256 (`signing.py`); a wall screen shows its key (`Authorization: Screen ...`, `screens.py`) and
reads the press board only. Every caller is rate-limited per address and per user or client; the
permission table is `roles.PERMISSIONS`; denials, writes and reads of personal data go to the audit log.
"""
import time
import urllib.parse
from dataclasses import dataclass, field

from nameko.extensions import DependencyProvider

from servicekit import secrets
from servicekit.settings import of as settings_of

from . import audit, ratelimit, roles, screens, signing, storage, tokens
from .errors import Forbidden, SignatureRejected, TokenRejected, TooManyRequests, Unauthenticated
from .http import body_bytes

NONCE_WINDOW_SECONDS = 300


@dataclass(frozen=True)
class Principal:
    kind: str  # "staff", "client", "screen" (a wall screen: `screens`) or "anonymous"
    id: str
    role: str
    directorate: str = None
    scopes: frozenset = field(default_factory=frozenset)
    name: str = ""

    def may(self, action):
        if self.kind == "screen":
            return action in screens.ACTIONS
        if self.kind == "staff":
            return self.role in roles.PERMISSIONS.get(action, ())
        if self.kind == "client":
            if action == "inbound.event":  # which event types, is checked against the event itself
                return any(scope.startswith("events:") for scope in self.scopes)
            return roles.CLIENT_SCOPES.get(action) in self.scopes
        return False


ANONYMOUS = Principal("anonymous", "-", "anonymous")


@dataclass(frozen=True)
class Settings:
    token: tokens.TokenSettings
    master_key: str


class Guard(DependencyProvider):
    """Per process: the settings and the rate limiter; per worker: `require`, `identify`, `audit`."""

    def setup(self):
        config = settings_of(self.container)
        # every secret named at once, whether this or the database's start-up check runs first
        secrets.check_service(config, self.container.service_name)
        self.settings = Settings(
            token=tokens.TokenSettings(secret=secrets.secret(config, "JWT_SECRET"),
                                       access_seconds=config.access_token_seconds,
                                       refresh_seconds=config.refresh_token_seconds),
            master_key=secrets.secret(config, "API_KEY_MASTER"))
        self.limiter = ratelimit.RateLimiter(ratelimit.parse_limits(config.rate_limits))

    def get_dependency(self, worker_ctx):
        return GuardAccess(self.settings, self.limiter, worker_ctx)


class GuardAccess:
    def __init__(self, settings, limiter, worker_ctx):
        self.settings = settings
        self.limiter = limiter
        self.worker_ctx = worker_ctx

    @property
    def token_settings(self):
        return self.settings.token

    @property
    def master_key(self):
        return self.settings.master_key

    def throttle(self, request, principal=None):
        keys = [("address", request.remote_addr or "-")]
        if principal is not None and principal.kind == "staff":
            keys.append(("user", principal.id))
        elif principal is not None and principal.kind in ("client", "screen"):
            keys.append(("client", principal.id))
        wait = self.limiter.check(*keys)
        if wait is not None:
            raise TooManyRequests(wait)

    def identify(self, store, request):
        """The caller, from a bearer token or a request signature; `ANONYMOUS` when neither is sent."""
        self.throttle(request)
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            principal = _staff_from_token(self.settings.token, header[len("Bearer "):].strip())
        elif header.startswith("Screen "):
            principal = _screen(store, header[len("Screen "):].strip())
        elif "X-Signature" in request.headers or "X-Client-Id" in request.headers:
            principal = _client_from_signature(store, self.settings.master_key, request)
        else:
            return ANONYMOUS
        self.throttle(request, principal)
        return principal

    def require(self, store, request, action):
        """The caller, if they may do `action`; else 401 (unknown caller) or 403 (audited)."""
        principal = self.identify(store, request)
        if principal is ANONYMOUS:
            raise Unauthenticated("Giriş yapın (Bearer) ya da isteği imzalayın (X-Signature).")
        if not principal.may(action):
            self.audit(store, request, principal, action, outcome="denied")
            raise Forbidden()
        return principal

    def audit(self, store, request, principal, action, object_type=None, object_id=None, personal_data=False,
              outcome="allowed"):
        audit.record(store, principal, action, object_type=object_type, object_id=object_id,
                     personal_data=personal_data, outcome=outcome, address=request.remote_addr,
                     correlation_id=self.worker_ctx.data.get("correlation_id"))


def _staff_from_token(settings, token):
    try:
        claims = tokens.read_access_token(settings, token)
    except tokens.InvalidToken:
        raise TokenRejected() from None
    if claims.get("role") not in roles.STAFF_ROLES:
        raise TokenRejected()
    return Principal("staff", claims["sub"], claims["role"], claims.get("directorate"), name=claims.get("name", ""))


def _screen(store, key):
    found = screens.find(store, key)
    if found is None:
        raise TokenRejected()
    return Principal("screen", str(found["id"]), screens.ROLE, name=found["name"])


def _path_as_sent(request):
    """The path and query string exactly as the client sent them, percent-encoding and all (werkzeug's
    `request.path` is decoded: `%2F` and `/` would sign alike, and an encoded path would never verify)."""
    environ = request.environ
    raw = environ.get("RAW_PATH_INFO")  # eventlet.wsgi: the path before it is percent-decoded
    if raw is None:
        raw = (environ.get("REQUEST_URI") or environ.get("RAW_URI") or
               urllib.parse.quote(request.path, safe="/:@!$&'()*+,;=~")).split("?", 1)[0]
    query = environ.get("QUERY_STRING", "")
    # the request line reaches WSGI as latin-1 text: back to its bytes, read as the UTF-8 the client signed
    sent = raw + ("?" + query if query else "")
    return sent.encode("latin-1", "replace").decode("utf-8", "replace")


def _client_from_signature(store, master_key, request):
    body = body_bytes(request)
    found = {}

    def lookup_key(client_id, key_id):
        with store.transaction() as tx:
            row = storage.client_key(tx.cursor, client_id, key_id)
        if row is None:
            return None
        secret = signing.derive_secret(master_key, key_id)
        if signing.hash_secret(secret) != row["secret_hash"]:  # the master key changed: the key is void
            return None
        found["scopes"] = frozenset(row["scopes"])
        return {"secret": secret, "active": row["active"],
                "not_after": float(row["not_after"]) if row["not_after"] is not None else None}

    def nonce_seen(client_id, nonce, _timestamp):
        with store.transaction() as tx:
            return not storage.remember_nonce(tx.cursor, client_id, nonce)

    try:
        verified = signing.verify(request.headers, request.method, _path_as_sent(request), body,
                                  lookup_key=lookup_key, nonce_seen=nonce_seen, now=time.time(),
                                  window_seconds=NONCE_WINDOW_SECONDS)
    except signing.SignatureError as exc:
        raise SignatureRejected(exc.reason) from None
    return Principal("client", verified.client_id, roles.SYSTEM_ROLE, scopes=found["scopes"],
                     name=verified.client_id)
