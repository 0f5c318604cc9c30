"""Staff sign-in, token refresh, sign-out and password change: the service layer over `storage`.

Repeated failed sign-ins lock the user name for a while (`LOCK_AFTER` failures, `LOCK_SECONDS`), and
the answer to a locked name says when to try again. Failures are counted by the name as typed, whether
or not an account has it, and every attempt checks one password hash: a wrong user name, a wrong
password and a locked name (known or not) answer alike and cost the same time, so none tells which
accounts exist.
"""
import time
import uuid

from . import passwords, storage, tokens
from .roles import DIRECTORATE_ROLES, STAFF_ROLES
from .errors import AccountLocked, SignInFailed, TokenRejected, ValidationFailed

LOCK_AFTER = 5
LOCK_SECONDS = 15 * 60
FORGET_FAILURES_SECONDS = 24 * 3600  # a name's failures, once it is quiet and unlocked this long
_DUMMY_HASH = passwords.hash_password("dummy-password-for-timing")


def sign_in(store, settings, username, password):
    """Tokens for a valid user name and password; `SignInFailed` or `AccountLocked` otherwise."""
    with store.transaction() as tx:
        user = storage.user_by_username(tx.cursor, username)
        usable = user is not None and user["active"]
        # one hash checked on every path, the dummy's when there is no usable account
        matches = passwords.verify_password(user["password_hash"] if usable else _DUMMY_HASH, password) and usable
        outcome = _outcome(tx.cursor, username, matches)
        if outcome == "ok":
            new_hash = passwords.hash_password(password) if passwords.needs_rehash(user["password_hash"]) else None
            storage.record_sign_in(tx.cursor, user, new_hash)
            return _issue(tx.cursor, settings, user, family_id=uuid.uuid4()), user
    # the failure count was committed above; only now tell the caller
    if isinstance(outcome, AccountLocked):
        raise outcome
    raise SignInFailed()


def _outcome(cur, username, matches):
    locked_for = storage.sign_in_locked_seconds(cur, username)
    if locked_for is not None:
        return AccountLocked(retry_after=locked_for)
    if matches:
        return "ok"
    failed = storage.record_failed_sign_in(cur, username, LOCK_AFTER, LOCK_SECONDS)
    if failed["locked_until"] and failed["failed_sign_ins"] >= LOCK_AFTER:
        return AccountLocked(retry_after=LOCK_SECONDS)
    return "failed"


def forget_old_failures(store):
    with store.transaction() as tx:
        storage.forget_old_sign_in_failures(tx.cursor, FORGET_FAILURES_SECONDS)


def refresh(store, settings, refresh_token):
    """New tokens for a valid refresh token, which is used up. A used-up token presented again
    revokes every token of its sign-in (someone else had it)."""
    with store.transaction() as tx:
        row = storage.refresh_token_by_hash(tx.cursor, tokens.hash_refresh_token(refresh_token or ""))
        if row is None:
            verdict = "unknown"
        elif row["revoked_at"] is not None:
            storage.revoke_family(tx.cursor, row["family_id"])
            verdict = "reused"
        elif row["expired"]:
            verdict = "expired"
        else:
            user = storage.user_by_id(tx.cursor, row["user_id"])
            if not user["active"]:
                verdict = "inactive"
            else:
                storage.revoke_refresh_token(tx.cursor, row["id"])
                return _issue(tx.cursor, settings, user, family_id=row["family_id"]), user
    raise TokenRejected(verdict)


def sign_out(store, refresh_token):
    """Ends the sign-in the refresh token belongs to; unknown tokens are ignored (nothing to end)."""
    with store.transaction() as tx:
        row = storage.refresh_token_by_hash(tx.cursor, tokens.hash_refresh_token(refresh_token or ""))
        if row is not None:
            storage.revoke_family(tx.cursor, row["family_id"])


def change_password(store, user_id, current, new):
    """Checks the current password and the policy; ends every sign-in of the user."""
    with store.transaction() as tx:
        user = storage.user_by_id(tx.cursor, user_id)
        if user is None or not passwords.verify_password(user["password_hash"], current):
            raise ValidationFailed(errors={"current_password": ["Mevcut parola yanlış."]})
        problems = passwords.policy_errors(new, user["username"])
        if problems:
            raise ValidationFailed(errors={"new_password": problems})
        storage.set_password(tx.cursor, user_id, passwords.hash_password(new))
        storage.revoke_all_for_user(tx.cursor, user_id)


def create_user(store, username, display_name, password, role, directorate=None):
    errors = {}
    if role not in STAFF_ROLES:
        errors["role"] = [f"Rol şunlardan biri olmalı: {', '.join(STAFF_ROLES)}."]
    if (role in DIRECTORATE_ROLES) != bool(directorate):
        errors["directorate"] = ["Müdürlük rolleri bir müdürlüğe bağlı olmalı; diğerleri olmamalı."]
    problems = passwords.policy_errors(password, username)
    if problems:
        errors["password"] = problems
    if errors:
        raise ValidationFailed(errors=errors)
    user = {"id": uuid.uuid4(), "username": username, "display_name": display_name,
            "password_hash": passwords.hash_password(password), "role": role, "directorate": directorate}
    with store.transaction() as tx:
        storage.insert_user(tx.cursor, user)
    return user


def _issue(cur, settings, user, family_id):
    refresh_token = tokens.new_refresh_token()
    storage.insert_refresh_token(cur, uuid.uuid4(), user["id"], family_id, tokens.hash_refresh_token(refresh_token),
                                 settings.refresh_seconds)
    return {"access_token": tokens.issue_access_token(settings, user, time.time()), "token_type": "Bearer",
            "expires_in": settings.access_seconds, "refresh_token": refresh_token,
            "refresh_expires_in": settings.refresh_seconds}
