"""Passwords: hashed with argon2id, checked against the hash, never kept in clear.

The hash carries its own parameters, so raising them later only needs a
rehash at the next successful sign-in (``needs_rehash``).
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from hallmonitor.domain.texts import say
from hallmonitor.services.hall import ServiceError

#: argon2-cffi's defaults are argon2id with the RFC 9106 low-memory profile.
_HASHER = PasswordHasher()

MIN_LENGTH = 8


def check_strength(password: str) -> None:
    """Refuse a password a colleague could guess: at least 8 characters, letters and digits."""
    if not password or not password.strip():
        raise ServiceError(say("Set a password: an account without one cannot be created."))
    if len(password) < MIN_LENGTH:
        raise ServiceError(say("A password needs at least {count} characters.", count=MIN_LENGTH))
    if not any(c.isdigit() for c in password) or not any(c.isalpha() for c in password):
        raise ServiceError(say("A password must hold both letters and digits."))


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    if not stored:
        return False
    try:
        return _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _HASHER.check_needs_rehash(stored)
