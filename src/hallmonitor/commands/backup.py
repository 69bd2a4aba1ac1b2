"""hallmonitor backup / restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from hallmonitor.commands.common import UsageError, database
from hallmonitor.domain.texts import say
from hallmonitor.services.backups import inspect_backup, make_backup, restore_backup
from hallmonitor.services.hall import KeyState, hall_key_status


def cmd_backup(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        written = make_backup(db, Path(args.file))
    finally:
        db.close()
    print(say("Backed up the database {database} to {path}", database=db.display_name, path=written))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    source = Path(args.file)
    db = database(args)
    try:
        if db.is_sqlite:
            info = inspect_backup(source)
            halls = say(", ").join(info.halls) or say("none")
            what = say("the backup {path} (halls: {halls})", path=source, halls=halls)
        else:
            what = say("the backup {path}", path=source)
        if not args.yes:
            raise UsageError(
                say(
                    "Restoring replaces all the content of the database {database} with {backup}; add --yes to confirm.",
                    database=db.display_name,
                    backup=what,
                )
            )
        aside = restore_backup(db, source)
    finally:
        db.close()
    print(say("Restored the database {database} from {backup}.", database=db.display_name, backup=what))
    if aside is not None:
        print(say("The database as it was before the restore was kept as {path}", path=aside))
    if hall_key_status(db).state is KeyState.MISSING:
        print(
            say(
                "This PC does not hold this backup's hall key: run hallmonitor key enter to enter it; until "
                "then, cases with ID numbers cannot be entered."
            )
        )
    return 0
