"""hallmonitor init / demo."""

from __future__ import annotations

import argparse

from hallmonitor.commands.common import database, parse_day
from hallmonitor.services.hall_setup import init_hall


def cmd_init(args: argparse.Namespace) -> int:
    db = database(args)
    init_hall(db, args.hall_code, args.hall_name)
    print(f"已创建大厅 {args.hall_code} {args.hall_name}（数据库 {db.display_name}）")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from hallmonitor.services.demo import build_demo

    db = database(args)
    summary = build_demo(db, seed=args.seed, today=parse_day(args.today, "--today"), weeks=args.weeks)
    print(summary)
    return 0
