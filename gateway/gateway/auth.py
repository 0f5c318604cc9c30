"""Who is calling: API keys from configuration, each bound to a client id and a role.

This is the first cut (issue 2); staff accounts, tokens and signed requests come with the gateway
security work. Keys are compared as SHA-256 digests in constant time and never logged.

`GATEWAY_API_KEYS="key:client_id:role,key2:client2:role2"`
"""
import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache

from .errors import Forbidden, Unauthenticated

ROLES = ("admin", "pr_officer", "system")

# action -> roles that may do it
PERMISSIONS = {
    "submit_application": {"admin", "pr_officer", "system"},
    "read_application": {"admin", "pr_officer", "system"},
}
# roles that see every application; others only the ones they submitted
SEE_ALL = {"admin", "pr_officer"}


@dataclass(frozen=True)
class Principal:
    client_id: str
    role: str


def _digest(key):
    return hashlib.sha256(key.encode()).digest()


@lru_cache(maxsize=4)
def parse_api_keys(text):
    """`{sha256(key): Principal}` from the configuration string; a malformed entry is an error."""
    keys = {}
    for entry in filter(None, (part.strip() for part in (text or "").split(","))):
        try:
            key, client_id, role = entry.split(":")
        except ValueError:
            raise ValueError("GATEWAY_API_KEYS entries must be key:client_id:role") from None
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} in GATEWAY_API_KEYS")
        keys[_digest(key)] = Principal(client_id, role)
    return keys


def authenticate(headers, keys):
    offered = headers.get("X-API-Key") or ""
    if not offered:
        raise Unauthenticated("X-API-Key başlığı gerekli.")
    digest = _digest(offered)
    for known, principal in keys.items():
        if hmac.compare_digest(known, digest):
            return principal
    raise Unauthenticated("API anahtarı geçersiz.")


def require(principal, action):
    if principal.role not in PERMISSIONS[action]:
        raise Forbidden()


def may_see(principal, application):
    """Object-level check: a system client sees only what it submitted."""
    if principal.role in SEE_ALL or application.get("submitted_by") == principal.client_id:
        return True
    raise Forbidden()
