"""The administrator's accounts: never a password in clear, the last administrator kept, windows assigned."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import Role
from hallmonitor.services.accounts import (
    SignInRefused,
    add_account,
    assign_windows,
    change_password,
    list_accounts,
    lock_account,
    sign_in,
    unlock_account,
)
from hallmonitor.services.hall import HallContext, PermissionDenied, ServiceError
from hallmonitor.storage.models import ChangeLog, Operator
from tests.support import builders as b
from tests.support.accounts import fast_passwords  # noqa: F401

ADMIN_PW = "Guanli2026x"
SECRETS = ("Guanli2026x", "Chuangkou99", "Xinmima2026")

pytestmark = pytest.mark.usefixtures("fast_passwords")


def _admin(hall: HallContext) -> HallContext:
    add_account(hall, "admin", "王管理", Role.ADMIN, ADMIN_PW)
    return sign_in(hall.db, hall.hall_code, "admin", ADMIN_PW)


def test_no_password_in_clear_in_the_database_or_the_log(hall: HallContext) -> None:
    from hallmonitor.logs import log_path, setup_logging

    setup_logging()
    admin = _admin(hall)
    add_account(admin, "li", "李窗口", Role.WINDOW_LEAD, "Chuangkou99")
    change_password(admin, "li", "Xinmima2026")
    with pytest.raises(SignInRefused):
        sign_in(hall.db, hall.hall_code, "li", "Chuangkou99")
    sign_in(hall.db, hall.hall_code, "li", "Xinmima2026")
    with hall.db.session() as s:
        texts = [
            str(value)
            for row in s.scalars(select(Operator))
            for value in (row.login, row.name, row.role, row.password_hash)
        ]
        texts += [f"{c.reason}{c.before}{c.after}" for c in s.scalars(select(ChangeLog))]
    assert all(t.startswith("$argon2id$") for t in texts[3::4])
    log_dir = Path(os.environ["HALLMONITOR_LOG_DIR"])
    logs = [p.read_text(encoding="utf-8", errors="replace") for p in log_dir.rglob("*") if p.is_file()]
    assert "signed in: li" in log_path().read_text(encoding="utf-8")  # the log was written
    texts += logs
    for secret in SECRETS:
        assert not any(secret in t for t in texts), secret


def test_an_administrator_locks_and_unlocks_and_cannot_lock_the_last_administrator(
    hall: HallContext,
) -> None:
    admin = _admin(hall)
    add_account(admin, "zhang", "张督查", Role.SUPERVISOR, "Duchayuan1")
    with pytest.raises(PermissionDenied, match="不能锁定自己"):
        lock_account(admin, "admin")
    lock_account(admin, "zhang", "调离本中心")
    with pytest.raises(SignInRefused, match="已被管理员锁定"):
        sign_in(hall.db, hall.hall_code, "zhang", "Duchayuan1")
    [_, zhang] = list_accounts(admin)
    assert zhang.locked() and zhang.locked_by_admin
    unlock_account(admin, "zhang")
    assert sign_in(hall.db, hall.hall_code, "zhang", "Duchayuan1").actor.role is Role.SUPERVISOR
    add_account(admin, "admin2", "赵管理", Role.ADMIN, "Guanli2027y")
    other_admin = sign_in(hall.db, hall.hall_code, "admin2", "Guanli2027y")
    lock_account(other_admin, "admin")
    with pytest.raises(ServiceError, match="唯一可用的管理员"):
        lock_account(admin, "admin2")
    with pytest.raises(ServiceError, match="已存在"):
        add_account(admin, "zhang", "张二", Role.SUPERVISOR, "Duchayuan2")
    with hall.db.session() as s:
        actions = [c.action for c in s.scalars(select(ChangeLog).where(ChangeLog.entity == "account"))]
    assert actions == ["add", "add", "lock", "unlock", "add", "lock"]


def test_a_window_lead_is_signed_in_with_the_windows_assigned(hall: HallContext) -> None:
    w1 = b.window(hall, "1", "税务局")
    w2 = b.window(hall, "2", "公安局")
    admin = _admin(hall)
    with pytest.raises(ServiceError, match="没有编号为 9 的窗口"):
        add_account(admin, "li", "李窗口", Role.WINDOW_LEAD, "Chuangkou99", windows=["9"])
    add_account(admin, "li", "李窗口", Role.WINDOW_LEAD, "Chuangkou99", windows=["1"])
    assert sign_in(hall.db, hall.hall_code, "li", "Chuangkou99").actor.windows == {w1}
    assign_windows(admin, "li", ["1", "2"])
    assert sign_in(hall.db, hall.hall_code, "li", "Chuangkou99").actor.windows == {w1, w2}
    assert list_accounts(admin)[1].windows == ("1", "2")
