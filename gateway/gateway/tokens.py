"""Access tokens (JWT, HS256 only, issuer/audience/expiry checked) and opaque refresh tokens.

An access token lives minutes and cannot be revoked; a refresh token lives hours, is stored only
as a hash, is replaced at every use (rotation), and a reused one revokes its whole family: a stolen
refresh token then works at most once.
"""
import hashlib
import secrets
import uuid
from dataclasses import dataclass

import jwt

ALGORITHM = "HS256"
ISSUER = "gzm-pr-gateway"
AUDIENCE = "gzm-pr-api"


class InvalidToken(Exception):
    """The token is missing, expired, tampered with or not ours."""


@dataclass(frozen=True)
class TokenSettings:
    secret: str
    access_seconds: int = 900
    refresh_seconds: int = 8 * 3600


def issue_access_token(settings, user, now):
    claims = {
        "iss": ISSUER, "aud": AUDIENCE, "sub": str(user["id"]), "iat": int(now), "nbf": int(now),
        "exp": int(now) + settings.access_seconds, "jti": uuid.uuid4().hex,
        "role": user["role"], "directorate": user.get("directorate"), "name": user["username"],
    }
    return jwt.encode(claims, settings.secret, algorithm=ALGORITHM)


def read_access_token(settings, token):
    """The claims of a valid token, or `InvalidToken`. Only HS256 is accepted (no `none`, no RS/HS mix-up);
    expiry is checked against the clock, so tests make expired tokens by issuing them in the past."""
    try:
        return jwt.decode(token, settings.secret, algorithms=[ALGORITHM], audience=AUDIENCE, issuer=ISSUER,
                          options={"require": ["exp", "iat", "sub", "iss", "aud"]})
    except jwt.PyJWTError as exc:
        raise InvalidToken(type(exc).__name__) from None


def new_refresh_token():
    return secrets.token_urlsafe(32)


def hash_refresh_token(token):
    return hashlib.sha256(token.encode()).hexdigest()
