"""hallmonitor --user … audit log: the auditor reads the trail on the command line, one entry a line;
every other role is refused in one sentence, and audit verify still needs no account."""

from __future__ import annotations

import re

import pytest

from hallmonitor.cli import main
from hallmonitor.domain.enums import Role
from hallmonitor.services.accounts import add_account, sign_in
from hallmonitor.services.hall import HallContext
from tests.support import builders as b
from tests.support.accounts import fast_passwords  # noqa: F401

PASSWORDS = {role: f"Mima{i}2026x" for i, role in enumerate(Role)}
LINE = re.compile(r"^#(\d+) \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+@\S+ (新增|修改|删除) \S+ \S+：")

pytestmark = pytest.mark.usefixtures("fast_passwords")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def accounts(sqlite_hall: HallContext) -> HallContext:
    b.window(sqlite_hall, "7", "税务局")
    add_account(sqlite_hall, "admin", "王管理", Role.ADMIN, PASSWORDS[Role.ADMIN])
    admin = sign_in(sqlite_hall.db, sqlite_hall.hall_code, "admin", PASSWORDS[Role.ADMIN])
    for role in Role:
        if role is not Role.ADMIN:
            windows = ["7"] if role is Role.WINDOW_LEAD else []
            add_account(admin, role.name.lower(), f"{role.value}甲", role, PASSWORDS[role], windows=windows)
    return sqlite_hall


def as_user(monkeypatch: pytest.MonkeyPatch, ctx: HallContext, role: Role) -> list[str]:
    monkeypatch.setenv("HALLMONITOR_PASSWORD", PASSWORDS[role])
    return ["--db", ctx.db.url, "--user", "admin" if role is Role.ADMIN else role.name.lower()]


def test_the_auditor_reads_the_trail_one_entry_a_line_newest_first(capsys, monkeypatch, accounts) -> None:
    code, out, err = run(capsys, *as_user(monkeypatch, accounts, Role.AUDITOR), "audit", "log")
    lines = out.splitlines()
    assert code == 0, err
    assert lines and all(LINE.match(line) for line in lines), lines[:3]
    seqs = [int(LINE.match(line).group(1)) for line in lines]  # type: ignore[union-attr]
    assert seqs == sorted(seqs, reverse=True)
    assert any("新增 窗口" in line and "number=7" in line for line in lines)
    assert not any("$argon2" in line for line in lines)  # account rows never show their password hash


def test_filters_and_the_next_page(capsys, monkeypatch, accounts) -> None:
    user = as_user(monkeypatch, accounts, Role.AUDITOR)
    code, out, _ = run(capsys, *user, "audit", "log", "--table", "窗口")
    assert code == 0 and len(out.splitlines()) == 1 and "新增 窗口" in out
    code, out, _ = run(capsys, *user, "audit", "log", "--table", "account", "--actor", "admin")
    assert code == 0 and out and all("王管理@" in line and " 账号 " in line for line in out.splitlines())
    code, out, _ = run(capsys, *user, "audit", "log", "--until", "2000-01-01")
    assert (code, out.strip()) == (0, "没有符合条件的审计记录。")

    code, first, err = run(capsys, *user, "audit", "log", "--limit", "2")
    assert code == 0 and len(first.splitlines()) == 2
    before = re.search(r"--before (\d+)", err)
    assert before is not None, err
    code, second, _ = run(capsys, *user, "audit", "log", "--limit", "2", "--before", before.group(1))
    assert (
        code == 0 and len(second.splitlines()) == 2 and not set(first.splitlines()) & set(second.splitlines())
    )


@pytest.mark.parametrize(
    ("argv", "sentence"),
    [
        (("--since", "2026-13-01"), "--since 的日期"),
        (("--table", "桌子"), "没有“桌子”这类记录"),
        (("--limit", "0"), "--limit 应为正整数"),
        (("--since", "2026-05-02", "--until", "2026-05-01"), "晚于截止日期"),
    ],
)
def test_bad_options_are_one_sentence(capsys, monkeypatch, accounts, argv, sentence) -> None:
    code, out, err = run(capsys, *as_user(monkeypatch, accounts, Role.AUDITOR), "audit", "log", *argv)
    assert (code, out) == (2, "") and sentence in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.AUDITOR])
def test_every_other_role_is_refused_in_one_line(capsys, monkeypatch, accounts, role: Role) -> None:
    code, out, err = run(capsys, *as_user(monkeypatch, accounts, role), "audit", "log")
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and "无权查看审计记录" in err


def test_without_an_account_the_log_is_refused_and_verify_needs_none(capsys, accounts) -> None:
    code, _out, err = run(capsys, "--db", accounts.db.url, "audit", "log")
    assert code == 2 and "--user" in err
    code, out, _err = run(capsys, "--db", accounts.db.url, "audit", "verify")
    assert code == 0 and "审计记录完整" in out


def test_a_hall_without_accounts_lets_its_one_user_read_the_trail(capsys, sqlite_hall) -> None:
    b.window(sqlite_hall, "7")
    code, out, err = run(capsys, "--db", sqlite_hall.db.url, "audit", "log")
    assert code == 0, err
    assert "service_window" in out or "窗口" in out
