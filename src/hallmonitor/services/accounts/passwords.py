"""Passwords: hashed with argon2id, checked against the hash, never kept in clear.

The hash carries its own parameters, so raising them later only needs a
rehash at the next successful sign-in (``needs_rehash``).
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from hallmonitor.services.hall import ServiceError

#: argon2-cffi's defaults are argon2id with the RFC 9106 low-memory profile.
_HASHER = PasswordHasher()

MIN_LENGTH = 8


def check_strength(password: str) -> None:
    """Refuse a password a colleague could guess: at least 8 characters, letters and digits."""
    if not password or not password.strip():
        raise ServiceError("请设置密码：没有密码的账号不能创建。")
    if len(password) < MIN_LENGTH:
        raise ServiceError(f"密码至少需要 {MIN_LENGTH} 个字符。")
    if not any(c.isdigit() for c in password) or not any(c.isalpha() for c in password):
        raise ServiceError("密码需同时包含字母和数字。")


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
