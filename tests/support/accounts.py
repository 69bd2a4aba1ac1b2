"""Accounts in tests: argon2 with the cheapest parameters, so a test signs in in milliseconds.

The app's parameters cost tens of milliseconds per hash on purpose; the tests
check the logic around the hash, not its cost.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher


@pytest.fixture
def fast_passwords(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from hallmonitor.services.accounts import passwords

    monkeypatch.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    yield
