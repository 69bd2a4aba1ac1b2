"""Signing in: the lock after five wrong passwords is shared by every PC, and lifted by an administrator."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import Role
from hallmonitor.services.accounts import (
    AccountPolicy,
    SignInRefused,
    add_account,
    change_password,
    has_accounts,
    save_policy,
    sign_in,
    unlock_account,
)
from hallmonitor.services.hall import Actor, HallContext, PermissionDenied, ServiceError, hall_context
from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import Operator
from tests.support.accounts import fast_passwords  # noqa: F401

NOW = datetime(2026, 5, 11, 9, 0)
ADMIN_PW = "Admin2026pw"
PW = "Duchayuan1"

pytestmark = pytest.mark.usefixtures("fast_passwords")


def _accounts(hall: HallContext) -> None:
    add_account(hall, "admin", "王管理", Role.ADMIN, ADMIN_PW)
    admin = sign_in(hall.db, hall.hall_code, "admin", ADMIN_PW)
    add_account(admin, "zhang", "张督查", Role.SUPERVISOR, PW)


def test_a_hall_without_accounts_lets_its_user_do_everything_and_the_first_account_protects_it(
    hall: HallContext,
) -> None:
    assert hall.actor.role is Role.SUPERVISOR and Role.ADMIN in hall.actor.roles
    assert not has_accounts(hall)
    with pytest.raises(ServiceError, match="第一个账号必须是管理员"):
        add_account(hall, "zhang", "张督查", Role.SUPERVISOR, PW)
    with pytest.raises(ServiceError, match="没有密码的账号不能创建"):
        add_account(hall, "admin", "王管理", Role.ADMIN, "")
    _accounts(hall)
    assert has_accounts(hall)
    signed_out = hall_context(hall.db, code=hall.hall_code)
    assert signed_out.actor.roles == ()
    with pytest.raises(PermissionDenied, match="请先登录"):
        add_account(signed_out, "li", "李", Role.SUPERVISOR, PW)
    ctx = sign_in(hall.db, hall.hall_code, "zhang", PW)
    assert (ctx.actor.name, ctx.actor.role, ctx.actor.login) == ("张督查", Role.SUPERVISOR, "zhang")


def test_five_wrong_passwords_on_two_pcs_lock_the_account_on_both_until_an_administrator_unlocks(
    hall: HallContext,
) -> None:
    _accounts(hall)
    other_db = open_database(hall.db.url)
    try:
        pcs = [hall.db, other_db]
        for attempt in range(4):
            with pytest.raises(SignInRefused, match=f"还可再试 {4 - attempt} 次"):
                sign_in(pcs[attempt % 2], hall.hall_code, "zhang", "wrong-1", now=NOW)
        with pytest.raises(SignInRefused, match="已锁定，2026-05-11 09:15 后可再登录"):
            sign_in(other_db, hall.hall_code, "zhang", "wrong-1", now=NOW)
        # The right password is refused on either PC while locked.
        for db in pcs:
            with pytest.raises(SignInRefused, match="已锁定"):
                sign_in(db, hall.hall_code, "zhang", PW, now=NOW + timedelta(minutes=5))
        admin = sign_in(other_db, hall.hall_code, "admin", ADMIN_PW, now=NOW)
        supervisor = sign_in(hall.db, hall.hall_code, "admin", ADMIN_PW, now=NOW)
        with pytest.raises(PermissionDenied):
            unlock_account(replace(supervisor, actor=Actor("张督查", Role.SUPERVISOR, login="x")), "zhang")
        unlock_account(admin, "zhang", "本人确认")
        assert (
            sign_in(hall.db, hall.hall_code, "zhang", PW, now=NOW + timedelta(minutes=6)).actor.login
            == "zhang"
        )
    finally:
        other_db.close()


def test_the_lock_ends_by_itself_after_the_halls_lock_time(hall: HallContext) -> None:
    _accounts(hall)
    admin = sign_in(hall.db, hall.hall_code, "admin", ADMIN_PW)
    save_policy(admin, AccountPolicy(max_failures=2, lock_minutes=30, idle_minutes=10))
    with pytest.raises(SignInRefused, match="还可再试 1 次"):
        sign_in(hall.db, hall.hall_code, "zhang", "nope", now=NOW)
    with pytest.raises(SignInRefused, match="09:30 后可再登录"):
        sign_in(hall.db, hall.hall_code, "zhang", "nope", now=NOW)
    with pytest.raises(SignInRefused, match="已锁定"):
        sign_in(hall.db, hall.hall_code, "zhang", PW, now=NOW + timedelta(minutes=29))
    assert sign_in(hall.db, hall.hall_code, "zhang", PW, now=NOW + timedelta(minutes=30)).actor.signed_in


def test_own_password_needs_the_old_one_and_the_hash_is_renewed_when_parameters_change(
    hall: HallContext,
) -> None:
    _accounts(hall)
    zhang = sign_in(hall.db, hall.hall_code, "zhang", PW)
    with pytest.raises(ServiceError, match="原密码不正确"):
        change_password(zhang, "zhang", "Newpass2026", old_password="wrong")
    with pytest.raises(PermissionDenied):
        change_password(zhang, "admin", "Newpass2026")
    change_password(zhang, "zhang", "Newpass2026", old_password=PW)
    with pytest.raises(SignInRefused):
        sign_in(hall.db, hall.hall_code, "zhang", PW)
    # A hash made with weaker parameters is replaced at the next sign-in.
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1).hash("Newpass2026")
    with hall.db.session() as s:
        s.scalars(select(Operator).where(Operator.login == "zhang")).one().password_hash = weak
    sign_in(hall.db, hall.hall_code, "zhang", "Newpass2026")
    with hall.db.session() as s:
        renewed = s.scalars(select(Operator).where(Operator.login == "zhang")).one().password_hash
    assert renewed != weak and renewed.startswith("$argon2id$")
