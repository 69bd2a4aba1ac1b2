"""hallmonitor import / template / export / merge."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from hallmonitor.commands.common import UsageError, context
from hallmonitor.domain.texts import say

#: Files above this size show progress even when stderr is not a terminal (a log, a scheduler).
LARGE_FILE_BYTES = 2 * 1024 * 1024


class TerminalProgress:
    """A percentage on one line of stderr, rewritten in place with \\r."""

    def __init__(self, label: str, stream: TextIO, enabled: bool) -> None:
        self.label = label
        self.stream = stream
        self.enabled = enabled
        self.last = -1

    def __call__(self, done: int, total: int) -> bool:
        percent = min(100, done * 100 // max(total, 1))
        if self.enabled and percent != self.last:
            self.last = percent
            self.stream.write("\r" + say("{label}: {percent:3d}%", label=self.label, percent=percent))
            self.stream.flush()
        return True

    def finish(self) -> None:
        if self.enabled and self.last >= 0:
            self.stream.write("\n")
            self.stream.flush()


def _wants_progress(path: Path) -> bool:
    try:
        large = path.stat().st_size >= LARGE_FILE_BYTES
    except OSError:
        large = False
    return sys.stderr.isatty() or large


def cmd_import(args: argparse.Namespace) -> int:
    from hallmonitor.services.imports import import_file

    path = Path(args.file)
    ctx = context(args)
    progress = TerminalProgress(say("Importing {name}", name=path.name), sys.stderr, _wants_progress(path))
    try:
        result = import_file(ctx, args.kind, path, skip_invalid=args.skip_invalid, progress=progress)
    finally:
        progress.finish()
    print(result.summary())
    for error in result.errors:
        print(error, file=sys.stderr)
    if result.stopped or result.cancelled:
        if result.stopped:
            print(
                say(
                    "Correct the rows above and import again, or add --skip-invalid to import only the good rows."
                ),
                file=sys.stderr,
            )
        return 1
    # With --skip-invalid, success means some good row was taken in (written or already there).
    return 0 if result.inserted + result.updated + result.unchanged > 0 else 1


def cmd_template(args: argparse.Namespace) -> int:
    from hallmonitor.reports.imports import spec_for, write_template

    path = Path(args.file)
    if path.suffix.lower() != ".xlsx":
        raise UsageError(say("A template's file name must end in .xlsx: {path}", path=path))
    write_template(args.kind, path)
    print(say("Wrote the import template for {title}: {path}", title=spec_for(args.kind).named(), path=path))
    return 0


#: Weeks with more rows than this show progress even when stderr is not a terminal.
LARGE_REPORT_ROWS = 20_000


def cmd_export(args: argparse.Namespace) -> int:
    """Write the weekly report and print its path, alone on stdout, for scripts to pick up."""
    from hallmonitor.reports.weekly import report_file_name, write_week
    from hallmonitor.services.weekly import build_week, week_range

    week_range(args.week)  # a bad week is refused before the database is opened
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(say("--out must be a folder: {path} is a file.", path=out))
    ctx = context(args)
    building = TerminalProgress(say("Counting {week}", week=args.week), sys.stderr, sys.stderr.isatty())
    try:
        report = build_week(ctx, args.week, progress=building)
    finally:
        building.finish()
    large = report.row_count >= LARGE_REPORT_ROWS
    writing = TerminalProgress(
        say("Writing {name}", name=report_file_name(report)), sys.stderr, sys.stderr.isatty() or large
    )
    try:
        out.mkdir(parents=True, exist_ok=True)
        path = write_week(report, out / report_file_name(report), progress=writing)
    finally:
        writing.finish()
    print(path)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from hallmonitor.reports.weekly import MergeError, merge_reports

    try:
        path = merge_reports(args.files, args.out)
    except MergeError as exc:
        raise UsageError(str(exc)) from None
    print(path)
    return 0
