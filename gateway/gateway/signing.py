"""Signed requests from other systems (API clients): HMAC-SHA256 over the request, with a replay window.

A client sends five headers with every request:

    X-Client-Id   who is calling, e.g. "cimer"
    X-Key-Id      which of its keys signed, e.g. "k_3fQ..."
    X-Timestamp   integer Unix seconds when the request was made
    X-Nonce       16-64 characters of [A-Za-z0-9_-], never reused
    X-Signature   lowercase hex HMAC-SHA256(secret, canonical_request(...))

The canonical request is the method, the path with its query string exactly as sent, the timestamp,
the nonce and the SHA-256 of the body, one per line. "Exactly as sent" means the request target's
bytes, percent-encoding and all, never decoded: a client that sends `/x/%C3%A7evre?q=a%2Fb` signs
that text (and `/x/çevre?q=a/b` is another request); bytes outside ASCII sent raw are read as UTF-8. The signature thus covers the whole request;
the timestamp bounds how long a captured request stays usable and the nonce stops it being replayed
inside that window.

Secrets are derived, not stored: each key's secret is `derive_secret(master_key, key_id)`. The
database keeps only `hash_secret(secret)` (so a database leak reveals no usable key), while the
gateway can still recompute the secret from the master key, kept in the environment or a secret
store, to verify HMAC signatures, which need the secret itself rather than a hash of it.
"""
import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

HEADERS = ("X-Client-Id", "X-Key-Id", "X-Timestamp", "X-Nonce", "X-Signature")

_TIMESTAMP = re.compile(r"[0-9]{1,15}")
_NONCE = re.compile(r"[A-Za-z0-9_-]{16,64}")
_SIGNATURE = re.compile(r"[0-9a-f]{64}")


class SignatureError(Exception):
    """A signed request was refused; `reason` is the Turkish message the client reads, `code` a stable name."""

    code = "signature_error"
    reason = "İstek imzası doğrulanamadı."

    def __init__(self, reason=None):
        if reason is not None:
            self.reason = reason
        super().__init__(self.reason)


class MissingHeaders(SignatureError):
    code = "missing_headers"

    def __init__(self, names):
        self.names = tuple(names)
        super().__init__(f"Eksik imza başlıkları: {', '.join(self.names)}.")


class MalformedHeader(SignatureError):
    code = "malformed_header"


class StaleTimestamp(SignatureError):
    code = "stale_timestamp"


class BadSignature(SignatureError):
    code = "bad_signature"
    reason = "İmza doğrulanamadı."


class ReplayedNonce(SignatureError):
    code = "replayed_nonce"
    reason = "Bu X-Nonce değeri daha önce kullanıldı; tekrarlanan istek reddedildi."


class UnknownKey(SignatureError):
    """Unknown, inactive and expired keys look the same to the client, so key ids cannot be probed."""

    code = "unknown_key"
    reason = "API anahtarı tanınmıyor veya geçerli değil."


@dataclass(frozen=True)
class VerifiedClient:
    client_id: str
    key_id: str


def canonical_request(method, path, timestamp, nonce, body):
    """The bytes that are signed: method, path with query, timestamp, nonce and body hash, one per line."""
    return "\n".join([
        method.upper(),
        path,
        str(timestamp),
        nonce,
        hashlib.sha256(body or b"").hexdigest(),
    ]).encode("utf-8")


def sign(secret, method, path, timestamp, nonce, body):
    """Lowercase hex HMAC-SHA256 of the canonical request under `secret`; what a client puts in X-Signature."""
    message = canonical_request(method, path, timestamp, nonce, body)
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signed_headers(secret, client_id, key_id, method, path, body, *, timestamp, nonce=None):
    """All five signing headers for a request, as a client would send them; a fresh nonce unless given."""
    timestamp = str(int(timestamp))
    nonce = nonce or secrets.token_urlsafe(24)
    return {
        "X-Client-Id": client_id,
        "X-Key-Id": key_id,
        "X-Timestamp": timestamp,
        "X-Nonce": nonce,
        "X-Signature": sign(secret, method, path, timestamp, nonce, body),
    }


def derive_secret(master_key, key_id):
    """The secret of key `key_id`: urlsafe base64 (unpadded) of HMAC-SHA256(master_key, "api-client-key:" + key_id)."""
    if not master_key:
        raise ValueError("a master key is required to derive API client secrets")
    digest = hmac.new(master_key.encode("utf-8"), f"api-client-key:{key_id}".encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def hash_secret(secret):
    """SHA-256 hex of a secret: the only form of it the database keeps."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_key_id():
    """A fresh, unguessable key id such as "k_3fQx...", 22 characters."""
    return "k_" + secrets.token_urlsafe(15)


def verify(headers, method, path, body, *, lookup_key, nonce_seen, now, window_seconds=300):
    """Check a signed request and return the `VerifiedClient`, or raise a `SignatureError` subclass.

    `path` must be the path with the query string exactly as the client sent it, not percent-decoded
    ("" query → no "?").
    `lookup_key(client_id, key_id)` returns None for an unknown key, else a mapping or object with
    `secret`, `active` and optionally `not_after` (Unix seconds or None). A key with `active` false is
    refused at once; a rotated-out key stays active with `not_after` set and works until then.
    `nonce_seen(client_id, nonce, timestamp)` records the nonce and says whether it was already there;
    it is called only once the signature checks out, so forged requests cannot burn a client's nonces.
    Requests older than `window_seconds` are refused as stale, so the nonce store may forget a nonce
    once its timestamp is `window_seconds` in the past.
    """
    values = _normalise(headers)
    missing = [name for name in HEADERS if not values.get(name.lower())]
    if missing:
        raise MissingHeaders(missing)
    client_id, key_id, timestamp, nonce, signature = (values[name.lower()] for name in HEADERS)

    if not _TIMESTAMP.fullmatch(timestamp):
        raise MalformedHeader("X-Timestamp tam sayı olarak Unix saniyesi olmalıdır.")
    if not _NONCE.fullmatch(nonce):
        raise MalformedHeader("X-Nonce 16-64 karakter olmalı ve yalnızca harf, rakam, '_' ve '-' içermelidir.")
    if abs(now - int(timestamp)) > window_seconds:
        raise StaleTimestamp(
            f"X-Timestamp kabul edilen aralığın dışında (±{window_seconds} saniye); saatinizi kontrol edin.")

    key = lookup_key(client_id, key_id)
    if key is None or not _field(key, "active", False):
        raise UnknownKey()
    not_after = _field(key, "not_after")
    if not_after is not None and now >= not_after:
        raise UnknownKey()

    expected = sign(_field(key, "secret"), method, path, timestamp, nonce, body)
    # the format check keeps compare_digest on ASCII strings; a wrong shape is just a wrong signature
    if not _SIGNATURE.fullmatch(signature) or not hmac.compare_digest(expected, signature):
        raise BadSignature()

    if nonce_seen(client_id, nonce, int(timestamp)):
        raise ReplayedNonce()
    return VerifiedClient(client_id, key_id)


def _normalise(headers):
    # werkzeug headers are case-insensitive, plain dicts are not
    return {str(name).lower(): value for name, value in headers.items()}


def _field(record, name, default=None):
    if isinstance(record, Mapping):
        return record.get(name, default)
    return getattr(record, name, default)
