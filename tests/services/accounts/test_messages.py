"""An administrator and the people signing in read the accounts' sentences in English."""

from __future__ import annotations

import pytest

from hallmonitor.domain.enums import Role
from hallmonitor.services.accounts import SignInRefused, add_account, lock_account, sign_in
from hallmonitor.services.hall import HallContext, PermissionDenied, ServiceError
from tests.support.accounts import fast_passwords  # noqa: F401
from tests.support.english import HAN

pytestmark = pytest.mark.usefixtures("fast_passwords")
ADMIN_PW = "Admin2026pw"


def test_a_weak_password_is_refused_in_english(hall: HallContext, english) -> None:
    with pytest.raises(ServiceError) as raised:
        add_account(hall, "admin", "Wang", Role.ADMIN, "short1")
    assert str(raised.value) == "A password needs at least 8 characters."


def test_a_wrong_password_says_how_many_tries_are_left_in_english(hall: HallContext, english) -> None:
    add_account(hall, "admin", "Wang", Role.ADMIN, ADMIN_PW)
    with pytest.raises(SignInRefused) as raised:
        sign_in(hall.db, hall.hall_code, "admin", "wrong-password1")
    message = str(raised.value)
    assert message.startswith("The password is wrong: 4 more tries;") and "minutes" in message
    assert not HAN.search(message)


def test_locking_ones_own_account_is_refused_in_english(hall: HallContext, english) -> None:
    add_account(hall, "admin", "Wang", Role.ADMIN, ADMIN_PW)
    admin = sign_in(hall.db, hall.hall_code, "admin", ADMIN_PW)
    with pytest.raises(PermissionDenied) as raised:
        lock_account(admin, "admin")
    assert str(raised.value) == "You cannot lock the account you are signed in with."
