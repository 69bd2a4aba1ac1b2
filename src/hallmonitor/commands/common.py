"""Helpers shared by command handlers."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date

from hallmonitor.domain.texts import say
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
            listed = say(", ").join(say("{code} ({name})", code=h.code, name=h.name) for h in halls)
            raise UsageError(
                say(
                    "The database {database} holds several halls: {halls}. Choose one with --hall and its code.",
                    database=db.display_name,
                    halls=listed,
                )
            )
    user = getattr(args, "user", None)
    if user:
        from hallmonitor.services.accounts import sign_in

        return sign_in(db, code, user, password(say("Password of the account {login}: ", login=user)))
    ctx = hall_context(db, code=code)
    if not ctx.actor.roles:
        raise UsageError(
            say(
                "{hall} signs in with accounts: sign in with --user LOGIN (the password typed at the prompt, "
                "or put in the environment variable {variable}).",
                hall=ctx.hall_name,
                variable=PASSWORD_ENV,
            )
        )
    return ctx


def password(prompt: str) -> str:
    """The password from HALLMONITOR_PASSWORD, else typed at a prompt that does not echo it."""
    given = os.environ.get(PASSWORD_ENV)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise UsageError(
            say(
                "A password is needed: run this in a terminal to type it, or set the environment variable {variable}.",
                variable=PASSWORD_ENV,
            )
        )
    return getpass.getpass(prompt)


def parse_day(text: str | None, option: str = "--date") -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            say(
                "The date {text!r} of {option} cannot be read: write it as YYYY-MM-DD, e.g. 2026-05-06.",
                option=option,
                text=text,
            )
        ) from None
