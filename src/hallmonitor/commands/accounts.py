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
from hallmonitor.domain.texts import mark, say

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
        raise UsageError(
            say(
                "There is no role “{text}”: choose {names} (or {words}).",
                text=text,
                names=say(", ").join(r.value for r in Role),
                words=say(", ").join(ROLE_WORDS),
            )
        ) from None


def _new_password(login: str) -> str:
    given = os.environ.get(NEW_PASSWORD_ENV)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise UsageError(
            say(
                "A new password is needed: run this in a terminal to type it, or set the environment "
                "variable {variable}.",
                variable=NEW_PASSWORD_ENV,
            )
        )
    first = getpass.getpass(say("New password of the account {login}: ", login=login))
    if getpass.getpass(say("Type it again: ")) != first:
        raise UsageError(say("The two passwords differ: nothing was changed."))
    return first


#: ``user list``'s columns.
_COLUMNS = (mark("Login"), mark("Full name"), mark("Role"), mark("State"), mark("Windows"))


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
        rows = [tuple(say(c) for c in _COLUMNS)]
        for a in list_accounts(ctx):
            if a.locked_by_admin:
                state = say("locked (by the administrator)")
            elif a.locked():
                state = say("locked until {until:%Y-%m-%d %H:%M}", until=a.locked_until)
            else:
                state = say("active")
            rows.append((a.login, a.name, a.role.value, state, say(", ").join(a.windows) or "—"))
        print(_table(rows))
        return 0
    if action == "add":
        role = role_of(args.role)
        account = add_account(
            ctx, args.login, args.name, role, _new_password(args.login), windows=args.window or ()
        )
        print(
            say(
                "Account {login} created ({name}, {role}).",
                login=account.login,
                name=account.name,
                role=account.role,
            )
        )
        return 0
    if action == "passwd":
        login = args.login or (ctx.actor.login if ctx.actor.signed_in else "")
        if not login:
            raise UsageError(
                say("Name the account whose password to reset, or sign in with --user to change your own.")
            )
        own = ctx.actor.signed_in and login == ctx.actor.login
        old = os.environ.get("HALLMONITOR_PASSWORD") if own else None
        if own and old is None:
            old = getpass.getpass(say("Current password: "))
        change_password(ctx, login, _new_password(login), old_password=old)
        if own:
            print(say("The password of the account {login} was changed.", login=login))
        else:
            print(say("The password of the account {login} was reset.", login=login))
        return 0
    if action == "lock":
        lock_account(ctx, args.login, args.reason or "")
        print(
            say(
                "The account {login} is locked: it cannot sign in until an administrator unlocks it.",
                login=args.login,
            )
        )
        return 0
    unlock_account(ctx, args.login, args.reason or "")
    print(say("The account {login} is unlocked.", login=args.login))
    return 0
