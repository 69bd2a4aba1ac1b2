"""hallmonitor --user … and hallmonitor user …: the command line signs in and obeys the roles."""

from __future__ import annotations

from datetime import datetime

import pytest

from hallmonitor.cli import main
from hallmonitor.domain.enums import Role
from hallmonitor.services.accounts import add_account, sign_in
from hallmonitor.services.hall import HallContext
from tests.support import builders as b
from tests.support.accounts import fast_passwords  # noqa: F401

PASSWORDS = {role: f"Mima{i}2026x" for i, role in enumerate(Role)}

pytestmark = pytest.mark.usefixtures("fast_passwords")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def accounts(sqlite_hall: HallContext) -> HallContext:
    w = b.window(sqlite_hall, "7", "税务局")
    b.case(sqlite_hall, "BJ-1", w, b.item(sqlite_hall, "I1"), datetime(2026, 5, 11, 9, 0))
    add_account(sqlite_hall, "admin", "王管理", Role.ADMIN, PASSWORDS[Role.ADMIN])
    admin = sign_in(sqlite_hall.db, sqlite_hall.hall_code, "admin", PASSWORDS[Role.ADMIN])
    for role in Role:
        if role is not Role.ADMIN:
            windows = ["7"] if role is Role.WINDOW_LEAD else []
            add_account(admin, role.name.lower(), f"{role.value}甲", role, PASSWORDS[role], windows=windows)
    return sqlite_hall


READS: list[tuple[str, ...]] = [
    ("window", "list"),
    ("window", "history", "7"),
    ("staff", "list"),
    ("item", "list"),
    ("alerts",),
    ("case", "show", "BJ-1"),
    ("check", "--date", "2026-05-11"),
]

#: Commands and the roles allowed to run them; everyone else is refused with 无权.
COMMANDS: list[tuple[tuple[str, ...], set[Role]]] = [
    (("user", "list"), {Role.ADMIN}),
    (("window", "set-state", "7", "停用", "--reason", "装修"), {Role.ADMIN}),
    (("case", "void", "BJ-1", "--reason", "重复"), {Role.SUPERVISOR}),
    # Reading the hall is everyone's but the auditor's, who reads only the audit trail.
    *((argv, set(Role) - {Role.AUDITOR}) for argv in READS),
]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("argv", "allowed"), COMMANDS)
def test_each_role_is_refused_what_it_may_not_do(
    capsys, monkeypatch, accounts: HallContext, role: Role, argv: tuple[str, ...], allowed: set[Role]
) -> None:
    login = "admin" if role is Role.ADMIN else role.name.lower()
    monkeypatch.setenv("HALLMONITOR_PASSWORD", PASSWORDS[role])
    code, _out, err = run(capsys, "--db", accounts.db.url, "--user", login, *argv)
    if role in allowed:
        assert "无权" not in err
    else:
        assert code == 2 and "无权" in err, err


def test_a_hall_with_accounts_needs_a_sign_in_and_a_wrong_password_says_how_many_tries_are_left(
    capsys, monkeypatch, accounts: HallContext
) -> None:
    url = accounts.db.url
    code, _out, err = run(capsys, "--db", url, "window", "list")
    assert code == 2 and "--user" in err
    monkeypatch.setenv("HALLMONITOR_PASSWORD", "wrong")
    code, _out, err = run(capsys, "--db", url, "--user", "supervisor", "window", "list")
    assert code == 2 and "还可再试 4 次" in err


def test_an_administrator_adds_lists_locks_and_unlocks_accounts(capsys, monkeypatch, accounts) -> None:
    url = accounts.db.url
    monkeypatch.setenv("HALLMONITOR_PASSWORD", PASSWORDS[Role.ADMIN])
    monkeypatch.setenv("HALLMONITOR_NEW_PASSWORD", "Zhangsan2026")
    admin = ("--db", url, "--user", "admin")
    code, out, err = run(capsys, *admin, "user", "add", "zhangsan", "--name", "张三", "--role", "supervisor")
    assert code == 0, err
    assert "已创建账号 zhangsan（张三，督查员）" in out
    assert run(capsys, *admin, "user", "lock", "zhangsan", "--reason", "调离")[0] == 0
    code, out, _ = run(capsys, *admin, "user", "list")
    assert any(
        line.split()[:4] == ["zhangsan", "张三", "督查员", "已锁定（管理员）"] for line in out.splitlines()
    )
    assert any(line.split()[-1] == "7" for line in out.splitlines() if line.startswith("window_lead"))
    monkeypatch.setenv("HALLMONITOR_PASSWORD", "Zhangsan2026")
    code, _out, err = run(capsys, "--db", url, "--user", "zhangsan", "window", "list")
    assert code == 2 and "已被管理员锁定" in err
    monkeypatch.setenv("HALLMONITOR_PASSWORD", PASSWORDS[Role.ADMIN])
    assert run(capsys, *admin, "user", "unlock", "zhangsan")[0] == 0
    monkeypatch.setenv("HALLMONITOR_PASSWORD", "Zhangsan2026")
    code, out, err = run(capsys, "--db", url, "--user", "zhangsan", "window", "list")
    assert code == 0, err
