"""hallmonitor audit verify [--against FILE.xlsx]: no hall and no account, whoever holds the database may check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hallmonitor.commands.common import UsageError, database
from hallmonitor.reports.weekly import MergeError, read_audit_head
from hallmonitor.services.audit import verify_chain


def cmd_audit(args: argparse.Namespace) -> int:
    against = None
    if args.against:
        path = Path(args.against)
        try:
            seq, digest = read_audit_head(path)
        except MergeError as exc:
            raise UsageError(str(exc)) from None
        against = (seq, digest, f"周报 {path.name}")
    db = database(args)
    try:
        verdict = verify_chain(db, against)
    finally:
        db.close()
    print(verdict.message, file=sys.stdout if verdict.intact else sys.stderr)
    return 0 if verdict.intact else 1
