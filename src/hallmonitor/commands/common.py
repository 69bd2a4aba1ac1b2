"""Helpers shared by command handlers."""

from __future__ import annotations

import argparse
from datetime import date

from hallmonitor.services.hall import HallContext, hall_context, list_halls
from hallmonitor.storage.database import Database, open_database


class UsageError(Exception):
    """A user error found by a command handler; printed as one line, exit code 2."""


def database(args: argparse.Namespace) -> Database:
    return open_database(args.db)


def context(args: argparse.Namespace) -> HallContext:
    """The hall to work on: ``--hall``, else the database's only hall."""
    db = database(args)
    code = getattr(args, "hall", None)
    if code is None:
        halls = list_halls(db)
        if len(halls) > 1:
            listed = "、".join(f"{h.code}（{h.name}）" for h in halls)
            raise UsageError(f"数据库 {db.display_name} 中有多个大厅：{listed}，请用 --hall 指定编码。")
    return hall_context(db, code=code)


def parse_day(text: str | None, option: str = "--date") -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} 的日期 {text!r} 无法识别，请写成 YYYY-MM-DD，例如 2026-05-06。") from None
