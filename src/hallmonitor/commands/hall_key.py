"""hallmonitor key status | enter | show | new: the 大厅密钥 on this PC."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from hallmonitor.commands.common import UsageError, context, database
from hallmonitor.domain.texts import say
from hallmonitor.services.hall import (
    KeyState,
    enter_hall_key,
    hall_key_status,
    new_key_cost,
    show_hall_key,
    start_new_hall_key,
)
from hallmonitor.storage.keys import KEY_ENV


def cmd_key(args: argparse.Namespace) -> int:
    action = args.key_command
    if action == "status":
        db = database(args)
        print(hall_key_status(db).sentence)
        return 0 if hall_key_status(db).state is not KeyState.MISSING else 1
    if action == "enter":
        db = database(args)
        if hall_key_status(db).state is KeyState.READY:
            print(say("This PC already holds this database's hall key: there is no need to enter it again."))
            return 0
        enter_hall_key(db, _typed_key())
        print(say("The hall key is right and is now kept on this PC."))
        return 0
    ctx = context(args)
    if action == "show":
        print(show_hall_key(ctx))
        return 0
    if not args.yes:
        raise UsageError(say("{cost} Add --yes to confirm.", cost=new_key_cost()))
    made = start_new_hall_key(ctx)
    print(say("Started a new hall key: {key}", key=made))
    # Printed with a key just made: the one moment it is shown unasked.
    print(
        say(
            "Copy it down and keep it safe (it is needed when another PC uses this database, or when a "
            "backup is restored on a new PC)."
        )
    )
    return 0


def _typed_key() -> str:
    given = os.environ.get(KEY_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise UsageError(
            say(
                "The hall key is needed: run this in a terminal to type it, or set the environment variable {variable}.",
                variable=KEY_ENV,
            )
        )
    return getpass.getpass(say("Hall key: "))
