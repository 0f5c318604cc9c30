"""Staff passwords: argon2id hashes (argon2-cffi) and a minimum policy."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters

MIN_LENGTH = 10


def hash_password(password):
    return _hasher.hash(password)


def verify_password(stored_hash, password):
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash):
    return _hasher.check_needs_rehash(stored_hash)


def policy_errors(password, username=""):
    """Turkish reasons a new password is refused (empty when it is acceptable)."""
    errors = []
    if len(password) < MIN_LENGTH:
        errors.append(f"Parola en az {MIN_LENGTH} karakter olmalı.")
    if username and username.lower() in password.lower():
        errors.append("Parola kullanıcı adını içermemeli.")
    if password.isdigit() or password.isalpha():
        errors.append("Parola harf ile birlikte rakam ya da işaret de içermeli.")
    return errors
