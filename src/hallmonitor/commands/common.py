"""Helpers shared by command handlers."""

from __future__ import annotations

import argparse
from datetime import date

from hallmonitor.services.hall import HallContext, hall_context
from hallmonitor.storage.database import Database, open_database


class UsageError(Exception):
    """A user error found by a command handler; printed as one line, exit code 2."""


def database(args: argparse.Namespace) -> Database:
    return open_database(args.db)


def context(args: argparse.Namespace) -> HallContext:
    return hall_context(database(args))


def parse_day(text: str | None, option: str = "--date") -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} 的日期 {text!r} 无法识别，请写成 YYYY-MM-DD，例如 2026-05-06。") from None
