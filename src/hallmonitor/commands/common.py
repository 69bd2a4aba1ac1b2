"""Helpers shared by command handlers."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date

from hallmonitor.services.hall import HallContext, hall_context, list_halls
from hallmonitor.storage.database import Database, open_database

#: Where a script puts the password of ``--user`` (never on the command line, where others see it).
PASSWORD_ENV = "HALLMONITOR_PASSWORD"


class UsageError(Exception):
    """A user error found by a command handler; printed as one line, exit code 2."""


#: The databases this command opened, closed when it ends (cli.main): a command run in-process,
#: as tests and scripts do, must not leave its connections to a shared server behind.
OPENED: list[Database] = []


def database(args: argparse.Namespace) -> Database:
    return opened(open_database(args.db))


def opened(db: Database) -> Database:
    OPENED.append(db)
    return db


def close_databases() -> None:
    while OPENED:
        OPENED.pop().close()


def context(args: argparse.Namespace) -> HallContext:
    """The hall to work on (``--hall``, else the database's only hall), as the account ``--user``.

    A hall without accounts runs as the operating-system login, as before
    accounts existed; once it has accounts, every command signs in.
    """
    db = database(args)
    code = getattr(args, "hall", None)
    if code is None:
        halls = list_halls(db)
        if len(halls) > 1:
            listed = "、".join(f"{h.code}（{h.name}）" for h in halls)
            raise UsageError(f"数据库 {db.display_name} 中有多个大厅：{listed}，请用 --hall 指定编码。")
    user = getattr(args, "user", None)
    if user:
        from hallmonitor.services.accounts import sign_in

        return sign_in(db, code, user, password(f"账号 {user} 的密码："))
    ctx = hall_context(db, code=code)
    if not ctx.actor.roles:
        raise UsageError(
            f"{ctx.hall_name}已启用账号登录，请用 --user 账号 登录"
            f"（密码在提示时输入，或放在环境变量 {PASSWORD_ENV} 中）。"
        )
    return ctx


def password(prompt: str) -> str:
    """The password from HALLMONITOR_PASSWORD, else typed at a prompt that does not echo it."""
    given = os.environ.get(PASSWORD_ENV)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise UsageError(f"需要密码：请在终端中运行以便输入，或设置环境变量 {PASSWORD_ENV}。")
    return getpass.getpass(prompt)


def parse_day(text: str | None, option: str = "--date") -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} 的日期 {text!r} 无法识别，请写成 YYYY-MM-DD，例如 2026-05-06。") from None
