"""API clients (other systems): their scopes and keys, created and rotated by operations.

A key's secret is shown once, when it is made. The database keeps only its hash; the gateway
recomputes the secret from the master key to check signatures (`signing.derive_secret`).
"""
from contracts import inbound

from . import signing, storage
from .errors import ValidationFailed
from .roles import CLIENT_SCOPES

KNOWN_SCOPES = tuple(CLIENT_SCOPES.values()) + tuple(f"events:{event}" for event in inbound.EVENT_TYPES)


def _check_scopes(scopes):
    unknown = sorted(set(scopes) - set(KNOWN_SCOPES))
    if unknown:
        raise ValidationFailed(errors={"scopes": [f"Bilinmeyen yetki: {', '.join(unknown)}. "
                                                  f"Geçerli: {', '.join(KNOWN_SCOPES)}."]})


def create_client(store, master_key, client_id, name, scopes):
    """A new client with its first key; returns `(key_id, secret)`."""
    _check_scopes(scopes)
    with store.transaction() as tx:
        storage.insert_client(tx.cursor, client_id, name, sorted(set(scopes)))
        return _new_key(tx.cursor, master_key, client_id)


def rotate_key(store, master_key, client_id, overlap_seconds):
    """A new key; the client's other keys keep working for `overlap_seconds`, then stop."""
    with store.transaction() as tx:
        if storage.client(tx.cursor, client_id) is None:
            raise ValidationFailed(errors={"client_id": ["Böyle bir istemci yok."]})
        key_id, secret = _new_key(tx.cursor, master_key, client_id)
        storage.retire_client_keys(tx.cursor, client_id, overlap_seconds, keep_key_id=key_id)
    return key_id, secret


def set_active(store, client_id, active):
    with store.transaction() as tx:
        return storage.set_client_active(tx.cursor, client_id, active) is not None


def _new_key(cur, master_key, client_id):
    key_id = signing.new_key_id()
    secret = signing.derive_secret(master_key, key_id)
    storage.insert_client_key(cur, key_id, client_id, signing.hash_secret(secret))
    return key_id, secret
