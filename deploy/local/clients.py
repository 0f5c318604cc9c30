"""Local tooling for the gateway's callers: provision staff and API clients in a gateway database,
and sign requests as another system would. Used by `make run` (development accounts), the
end-to-end tests and the benchmarks; other systems' developers can read `SignedAuth` as an example.
"""
import time

import requests

from gateway import accounts, clients, signing
from servicekit.db import Pool, Store
from servicekit.migrations import apply_migrations

from .processes import ROOT

GATEWAY_MIGRATIONS = ROOT / "gateway" / "migrations"


def gateway_store(db_url):
    apply_migrations(db_url, GATEWAY_MIGRATIONS)
    return Store(Pool(db_url, 2), relay=None, service_name="gateway")


def provision(db_url, master_key, users=(), api_clients=()):
    """Create `users` (username, role, directorate, password) and `api_clients` (client_id, scopes);
    returns `{client_id: (key_id, secret)}`."""
    store = gateway_store(db_url)
    for username, role, directorate, password in users:
        accounts.create_user(store, username, username, password, role, directorate)
    keys = {client_id: clients.create_client(store, master_key, client_id, client_id, list(scopes))
            for client_id, scopes in api_clients}
    store.pool.close()
    return keys


class SignedAuth(requests.auth.AuthBase):
    """`requests` auth that signs each request with HMAC-SHA256 (X-Client-Id, X-Key-Id, X-Timestamp,
    X-Nonce, X-Signature) over method, path, timestamp, nonce and the raw body. The path is the one
    requests puts on the wire (`path_url`: percent-encoded, query string included), which is what the
    gateway verifies."""

    def __init__(self, client_id, key_id, secret):
        self.client_id, self.key_id, self.secret = client_id, key_id, secret

    def __call__(self, request):
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        request.headers.update(signing.signed_headers(self.secret, self.client_id, self.key_id, request.method,
                                                      request.path_url, body, timestamp=int(time.time())))
        return request


def bearer_session(base_url, username, password):
    """A `requests.Session` signed in as a staff member."""
    session = requests.Session()
    response = session.post(base_url + "/api/v1/auth/sign-in", json={"username": username, "password": password},
                            timeout=30)
    response.raise_for_status()
    session.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
    return session
