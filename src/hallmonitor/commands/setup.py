"""hallmonitor init / demo."""

from __future__ import annotations

import argparse

from hallmonitor.commands.common import UsageError, database, opened, parse_day
from hallmonitor.domain.texts import say
from hallmonitor.services.hall import init_hall, list_halls, take_new_hall_key


def cmd_init(args: argparse.Namespace) -> int:
    db = database(args)
    halls = list_halls(db)
    if halls and not args.another:
        listed = say(", ").join(say("{code} ({name})", code=h.code, name=h.name) for h in halls)
        raise UsageError(
            say(
                "The database {database} already holds the hall {halls}, so none was created. To add another "
                "hall to the same database, add --another.",
                database=db.display_name,
                halls=listed,
            )
        )
    init_hall(db, args.hall_code, args.hall_name)
    created = say(
        "Created the hall {code} {name} (database {database})",
        code=args.hall_code,
        name=args.hall_name,
        database=db.display_name,
    )
    print(created)
    made = take_new_hall_key(db)
    if made is not None:
        print(say("Hall key: {key}", key=made))
        print(
            say(
                "Copy it down and keep it safe (it is needed when another PC uses this database, or when a "
                "backup is restored on a new PC); it is shown only this once, and an administrator can see "
                "it again on this PC with hallmonitor key show."
            )
        )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Build the demo hall, finish one a killed run left unjudged, or say it is there.

    Everything is written before the first line is printed, so a reader that
    stops early (``hallmonitor demo | head -1``) never cuts the work short.
    """
    from hallmonitor.demo import DemoState, ensure_demo
    from hallmonitor.storage.database import demo_database_url, open_database

    today = parse_day(args.today, "--today")
    # Without --db the demo goes to its own file, never into the hall's real database.
    db = opened(open_database(args.db or demo_database_url()))
    outcome = ensure_demo(db, seed=args.seed, today=today, weeks=args.weeks)
    if outcome.state is DemoState.COMPLETE:
        # Running the README's command twice opens the same demo again rather than failing.
        print(
            say(
                "The demo hall is already in the database {database}; it was not created again.",
                database=db.display_name,
            )
        )
        return 0
    print(say("Demo hall database: {database}", database=db.display_name))
    if outcome.finished is not None:
        print(
            say(
                "The demo hall created last time stopped half-way, before the rules were checked; that is done now."
            )
        )
        print(outcome.finished)
        return 0
    summary = outcome.built
    assert summary is not None
    print(summary)
    for note in summary.notes:
        print(f"  · {note}")
    print(summary.judged)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Upgrade a (shared) database to this version's schema once, saying from what to what."""
    from hallmonitor.storage.database import (
        current_revision,
        head_revision,
        make_engine,
        resolve_url,
        upgrade,
    )

    url = resolve_url(args.db)
    engine = make_engine(url)
    try:
        before = current_revision(engine)
    finally:
        engine.dispose()
    backup = upgrade(url)
    head = head_revision()
    shown = database(args).display_name
    if before == head:
        print(
            say(
                "The database {database} is already at this version ({head}): there is nothing to upgrade.",
                database=shown,
                head=head,
            )
        )
    else:
        if before:
            upgraded = say(
                "Upgraded the database {database} from version {before} to {head}.",
                database=shown,
                before=before,
                head=head,
            )
        else:
            upgraded = say(
                "Upgraded the empty database {database} to version {head}.", database=shown, head=head
            )
        print(upgraded)
        if backup is not None:
            print(say("The database as it was before the upgrade was kept as {path}", path=backup))
    return 0
