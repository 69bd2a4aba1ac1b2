"""hallmonitor audit verify | log.

``verify`` needs no hall and no account: whoever holds the database may check
the chain. ``log`` reads the entries, which is the auditor's: it signs in like
every other command (``--user``) and prints one line per entry, newest first;
the next page starts below the last one printed (``--before``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hallmonitor.commands.common import UsageError, context, database, parse_day
from hallmonitor.domain.texts import say
from hallmonitor.reports.weekly import MergeError, read_audit_head
from hallmonitor.services.audit import TrailFilter, list_trail, verify_chain


def cmd_audit(args: argparse.Namespace) -> int:
    if args.audit_command == "log":
        return _log(args)
    return _verify(args)


def _verify(args: argparse.Namespace) -> int:
    against = None
    if args.against:
        path = Path(args.against)
        try:
            seq, digest = read_audit_head(path)
        except MergeError as exc:
            raise UsageError(str(exc)) from None
        against = (seq, digest, say("weekly report {name}", name=path.name))
    db = database(args)
    try:
        verdict = verify_chain(db, against)
    finally:
        db.close()
    print(verdict.message, file=sys.stdout if verdict.intact else sys.stderr)
    return 0 if verdict.intact else 1


def _log(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UsageError(say("--limit must be a positive whole number; {limit} is not.", limit=args.limit))
    wanted = TrailFilter(
        kind=args.table,
        row_key=args.id,
        actor=args.actor,
        since=parse_day(args.since, "--since") if args.since else None,
        until=parse_day(args.until, "--until") if args.until else None,
    )
    ctx = context(args)
    try:
        page = list_trail(ctx, wanted, before=args.before, limit=args.limit)
    finally:
        ctx.db.close()
    for entry in page.entries:
        print(entry.line())
    if not page.entries:
        print(say("No audit entries match."))
    elif page.next_before is not None:
        print(
            say(
                "There are older entries: add --before {before} to see the next page.",
                before=page.next_before,
            ),
            file=sys.stderr,
        )
    return 0
