"""hallmonitor user add|passwd|lock|unlock|list: the hall's accounts, headless.

The same services as the settings page's 账号 section, so the center's IT can
set a hall up by script. Passwords never go on the command line (other users
of the PC see it): they are typed at a prompt or put in an environment variable.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from hallmonitor.commands.alerting import display_width
from hallmonitor.commands.common import UsageError, context

#: The new password for ``user add`` and ``user passwd``, for scripts.
NEW_PASSWORD_ENV = "HALLMONITOR_NEW_PASSWORD"

#: --role accepts the role's Chinese name or these words.
ROLE_WORDS = {
    "admin": "管理员",
    "supervisor": "督查员",
    "window-lead": "窗口负责人",
    "viewer": "中心查看",
    "auditor": "审计员",
}


def role_of(text: str):  # type: ignore[no-untyped-def]
    from hallmonitor.domain.enums import Role

    value = ROLE_WORDS.get(text.strip().lower(), text.strip())
    try:
        return Role(value)
    except ValueError:
        names = "、".join(r.value for r in Role)
        raise UsageError(f"没有“{text}”这个角色，可选：{names}（或 {'、'.join(ROLE_WORDS)}）。") from None


def _new_password(login: str) -> str:
    given = os.environ.get(NEW_PASSWORD_ENV)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise UsageError(f"需要新密码：请在终端中运行以便输入，或设置环境变量 {NEW_PASSWORD_ENV}。")
    first = getpass.getpass(f"账号 {login} 的新密码：")
    if getpass.getpass("再输入一次：") != first:
        raise UsageError("两次输入的密码不一致，未作修改。")
    return first


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def cmd_user(args: argparse.Namespace) -> int:
    from hallmonitor.services.accounts import (
        add_account,
        change_password,
        list_accounts,
        lock_account,
        unlock_account,
    )

    ctx = context(args)
    action = args.user_command
    if action == "list":
        rows = [("账号", "姓名", "角色", "状态", "窗口")]
        for a in list_accounts(ctx):
            if a.locked_by_admin:
                state = "已锁定（管理员）"
            elif a.locked():
                state = f"锁定至 {a.locked_until:%Y-%m-%d %H:%M}"
            else:
                state = "正常"
            rows.append((a.login, a.name, a.role.value, state, "、".join(a.windows) or "—"))
        print(_table(rows))
        return 0
    if action == "add":
        role = role_of(args.role)
        account = add_account(
            ctx, args.login, args.name, role, _new_password(args.login), windows=args.window or ()
        )
        print(f"已创建账号 {account.login}（{account.name}，{account.role}）。")
        return 0
    if action == "passwd":
        login = args.login or (ctx.actor.login if ctx.actor.signed_in else "")
        if not login:
            raise UsageError("请写明要重设密码的账号，或用 --user 登录后修改自己的密码。")
        own = ctx.actor.signed_in and login == ctx.actor.login
        old = os.environ.get("HALLMONITOR_PASSWORD") if own else None
        if own and old is None:
            old = getpass.getpass("原密码：")
        change_password(ctx, login, _new_password(login), old_password=old)
        print(f"账号 {login} 的密码已{'修改' if own else '重设'}。")
        return 0
    if action == "lock":
        lock_account(ctx, args.login, args.reason or "")
        print(f"账号 {args.login} 已锁定，管理员解锁前不能登录。")
        return 0
    unlock_account(ctx, args.login, args.reason or "")
    print(f"账号 {args.login} 已解锁。")
    return 0
