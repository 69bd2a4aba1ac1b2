"""hallmonitor import / template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from hallmonitor.cli import UsageError
from hallmonitor.commands.common import context

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
            self.stream.write(f"\r{self.label}：{percent:3d}%")
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
    from hallmonitor.services.importing import import_file

    path = Path(args.file)
    ctx = context(args)
    progress = TerminalProgress(f"正在导入 {path.name}", sys.stderr, _wants_progress(path))
    try:
        result = import_file(ctx, args.kind, path, skip_invalid=args.skip_invalid, progress=progress)
    finally:
        progress.finish()
    print(result.summary())
    for error in result.errors:
        print(error, file=sys.stderr)
    if result.stopped or result.cancelled:
        if result.stopped:
            print("请改正以上各行后重新导入，或加 --skip-invalid 只导入正确的行。", file=sys.stderr)
        return 1
    # With --skip-invalid, success means some good row was taken in (written or already there).
    return 0 if result.inserted + result.updated + result.unchanged > 0 else 1


def cmd_template(args: argparse.Namespace) -> int:
    from hallmonitor.reports.import_specs import spec_for
    from hallmonitor.reports.templates import write_template

    path = Path(args.file)
    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"模板文件名应以 .xlsx 结尾：{path}")
    write_template(args.kind, path)
    print(f"已写出{spec_for(args.kind).title}导入模板：{path}")
    return 0
