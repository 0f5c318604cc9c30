"""Signed requests from API clients: what verifies, what is refused and why, without a broker."""
from types import SimpleNamespace

import pytest

from gateway import signing
from gateway.signing import (BadSignature, MalformedHeader, MissingHeaders, ReplayedNonce, SignatureError,
                             StaleTimestamp, UnknownKey, VerifiedClient)

MASTER = "test-master-key"
NOW = 1_700_000_000
BODY = b'{"subject": "Sokak lambasi yanmiyor"}'
PATH = "/api/v1/applications?source=cimer"


class Keys:
    """A key table as the database would hold it, secrets recomputed from the master key."""

    def __init__(self):
        self.rows = {}

    def add(self, client_id, key_id, active=True, not_after=None):
        self.rows[client_id, key_id] = {"secret": signing.derive_secret(MASTER, key_id),
                                        "active": active, "not_after": not_after}

    def __call__(self, client_id, key_id):
        return self.rows.get((client_id, key_id))


class Nonces:
    def __init__(self):
        self.seen = set()

    def __call__(self, client_id, nonce, timestamp):
        if (client_id, nonce) in self.seen:
            return True
        self.seen.add((client_id, nonce))
        return False


@pytest.fixture
def keys():
    table = Keys()
    table.add("cimer", "k_current")
    return table


@pytest.fixture
def nonces():
    return Nonces()


def headers_for(key_id="k_current", method="POST", path=PATH, body=BODY, timestamp=NOW,
                nonce="nonce-0123456789abcdef", client_id="cimer"):
    return signing.signed_headers(signing.derive_secret(MASTER, key_id), client_id, key_id, method, path, body,
                                  timestamp=timestamp, nonce=nonce)


def check(headers, keys, nonces, method="POST", path=PATH, body=BODY, now=NOW):
    return signing.verify(headers, method, path, body, lookup_key=keys, nonce_seen=nonces, now=now)


def test_a_well_signed_request_is_the_client_and_key_that_signed_it(keys, nonces):
    assert check(headers_for(), keys, nonces) == VerifiedClient("cimer", "k_current")
    assert nonces.seen == {("cimer", "nonce-0123456789abcdef")}


def test_header_names_are_matched_regardless_of_case(keys, nonces):
    lowered = {name.lower(): value for name, value in headers_for().items()}
    assert check(lowered, keys, nonces) == VerifiedClient("cimer", "k_current")


def test_the_canonical_request_is_method_path_timestamp_nonce_and_body_hash():
    assert signing.canonical_request("post", "/a?b=1", 12, "n" * 16, b"") == (
        b"POST\n/a?b=1\n12\n" + b"n" * 16 + b"\n"
        b"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")


@pytest.mark.parametrize("method,path,body", [
    ("POST", PATH, BODY + b" "),
    ("POST", "/api/v1/applications?source=portal", BODY),
    ("POST", "/api/v1/applications", BODY),
    ("PUT", PATH, BODY),
])
def test_a_request_changed_after_signing_has_a_bad_signature(keys, nonces, method, path, body):
    with pytest.raises(BadSignature):
        check(headers_for(), keys, nonces, method=method, path=path, body=body)


@pytest.mark.parametrize("header,value", [("X-Timestamp", str(NOW + 1)), ("X-Nonce", "nonce-0123456789abcdeX")])
def test_a_changed_timestamp_or_nonce_has_a_bad_signature(keys, nonces, header, value):
    headers = headers_for()
    headers[header] = value
    with pytest.raises(BadSignature):
        check(headers, keys, nonces)


@pytest.mark.parametrize("signature", ["0" * 64, "ABC", "é" * 64])
def test_a_wrong_or_misshapen_signature_is_a_bad_signature(keys, nonces, signature):
    headers = headers_for()
    headers["X-Signature"] = signature
    with pytest.raises(BadSignature):
        check(headers, keys, nonces)


def test_an_uppercase_signature_is_refused_because_the_format_is_lowercase_hex(keys, nonces):
    headers = headers_for()
    headers["X-Signature"] = headers["X-Signature"].upper()
    with pytest.raises(BadSignature):
        check(headers, keys, nonces)


def test_a_bad_signature_does_not_burn_the_nonce(keys, nonces):
    with pytest.raises(BadSignature):
        check(headers_for(), keys, nonces, body=b"forged")
    assert nonces.seen == set()
    assert check(headers_for(), keys, nonces) == VerifiedClient("cimer", "k_current")


@pytest.mark.parametrize("offset", [-301, 301])
def test_a_timestamp_outside_the_window_is_stale(keys, nonces, offset):
    with pytest.raises(StaleTimestamp) as refused:
        check(headers_for(timestamp=NOW + offset), keys, nonces)
    assert "300" in refused.value.reason
    assert nonces.seen == set()


@pytest.mark.parametrize("offset", [-300, 300])
def test_a_timestamp_at_the_edge_of_the_window_is_accepted(keys, nonces, offset):
    assert check(headers_for(timestamp=NOW + offset), keys, nonces)


def test_the_same_nonce_twice_is_a_replay(keys, nonces):
    check(headers_for(), keys, nonces)
    with pytest.raises(ReplayedNonce):
        check(headers_for(), keys, nonces)


def test_the_same_nonce_from_another_client_is_not_a_replay(keys, nonces):
    keys.add("portal", "k_portal")
    check(headers_for(), keys, nonces)
    assert check(headers_for(client_id="portal", key_id="k_portal"), keys, nonces) == VerifiedClient(
        "portal", "k_portal")


@pytest.mark.parametrize("client_id,key_id", [("cimer", "k_unknown"), ("portal", "k_current")])
def test_an_unknown_key_is_refused(keys, nonces, client_id, key_id):
    with pytest.raises(UnknownKey):
        check(headers_for(client_id=client_id, key_id=key_id), keys, nonces)


def test_an_inactive_key_is_refused_even_inside_an_overlap(keys, nonces):
    keys.add("cimer", "k_revoked", active=False, not_after=NOW + 3600)
    with pytest.raises(UnknownKey):
        check(headers_for(key_id="k_revoked"), keys, nonces)


def test_a_rotated_key_works_until_its_not_after_and_not_after(keys, nonces):
    keys.add("cimer", "k_old", not_after=NOW + 60)
    assert check(headers_for(key_id="k_old", nonce="n" * 16), keys, nonces, now=NOW + 59) == VerifiedClient(
        "cimer", "k_old")
    with pytest.raises(UnknownKey):
        check(headers_for(key_id="k_old", nonce="m" * 16), keys, nonces, now=NOW + 60)


def test_a_key_record_may_be_an_object_rather_than_a_mapping(nonces):
    record = SimpleNamespace(secret=signing.derive_secret(MASTER, "k_current"), active=True)
    assert signing.verify(headers_for(), "POST", PATH, BODY, lookup_key=lambda c, k: record, nonce_seen=nonces,
                          now=NOW) == VerifiedClient("cimer", "k_current")


def test_missing_headers_are_named_in_the_error(keys, nonces):
    headers = headers_for()
    del headers["X-Nonce"]
    headers["X-Signature"] = ""
    with pytest.raises(MissingHeaders) as refused:
        check(headers, keys, nonces)
    assert refused.value.names == ("X-Nonce", "X-Signature")
    assert "X-Nonce" in refused.value.reason and "X-Signature" in refused.value.reason


@pytest.mark.parametrize("header,value", [
    ("X-Timestamp", "1700000000.5"), ("X-Timestamp", "-1"), ("X-Timestamp", "yesterday"),
    ("X-Nonce", "short"), ("X-Nonce", "n" * 65), ("X-Nonce", "has spaces in the nonce"),
])
def test_a_malformed_timestamp_or_nonce_is_refused_as_such(keys, nonces, header, value):
    headers = headers_for()
    headers[header] = value
    with pytest.raises(MalformedHeader) as refused:
        check(headers, keys, nonces)
    assert header in refused.value.reason


def test_every_refusal_is_a_signature_error_with_a_reason_and_a_code():
    for error in (MissingHeaders(["X-Nonce"]), MalformedHeader("x"), StaleTimestamp("x"), BadSignature(),
                  ReplayedNonce(), UnknownKey()):
        assert isinstance(error, SignatureError)
        assert error.reason and error.code


def test_a_derived_secret_is_deterministic_and_differs_per_key_and_master():
    secret = signing.derive_secret(MASTER, "k_a")
    assert secret == signing.derive_secret(MASTER, "k_a")
    assert secret != signing.derive_secret(MASTER, "k_b")
    assert secret != signing.derive_secret("another-master", "k_a")
    assert "=" not in secret and len(secret) == 43


def test_a_derived_secret_needs_a_master_key():
    with pytest.raises(ValueError):
        signing.derive_secret("", "k_a")


def test_the_stored_hash_does_not_reveal_the_secret():
    secret = signing.derive_secret(MASTER, "k_a")
    stored = signing.hash_secret(secret)
    assert stored == signing.hash_secret(secret) and len(stored) == 64
    assert secret not in stored
    assert stored != signing.derive_secret(MASTER, "k_a")
    table = Keys()
    table.add("cimer", "k_a")
    # whoever holds only the stored hash cannot sign with it
    headers = signing.signed_headers(stored, "cimer", "k_a", "POST", PATH, BODY, timestamp=NOW)
    with pytest.raises(BadSignature):
        check(headers, table, Nonces())


def test_new_key_ids_are_prefixed_random_and_urlsafe():
    ids = {signing.new_key_id() for _ in range(100)}
    assert len(ids) == 100
    for key_id in ids:
        assert key_id.startswith("k_") and len(key_id) == 22
        assert key_id[2:].replace("-", "").replace("_", "").isalnum()
