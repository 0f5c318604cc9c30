"""Tracking numbers (`GZM-2026-000123`) and the applicant's secret lookup code.

The lookup code is derived from the application id with a server-side secret (HMAC), so nothing
that opens the door to an application is stored, and a retried submission gets the same code back.
"""
import hashlib
import hmac

# no 0/O, 1/I/L: a code read over the phone must survive
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def format_tracking_number(prefix, year, sequence):
    return f"{prefix}-{year}-{sequence:06d}"


def lookup_code(secret, application_id):
    digest = hmac.new(secret.encode(), str(application_id).encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big")
    chars = []
    for _ in range(8):
        number, index = divmod(number, len(_CODE_ALPHABET))
        chars.append(_CODE_ALPHABET[index])
    return f"{''.join(chars[:4])}-{''.join(chars[4:])}"


def lookup_code_matches(secret, application_id, offered):
    expected = lookup_code(secret, application_id).replace("-", "")
    given = "".join(ch for ch in (offered or "").upper() if ch.isalnum())
    # as bytes: compare_digest refuses str with letters beyond ASCII, which a user may well type
    return hmac.compare_digest(expected.encode(), given.encode())
