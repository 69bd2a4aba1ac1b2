"""hallmonitor init / demo."""

from __future__ import annotations

import argparse

from hallmonitor.commands.common import database, parse_day
from hallmonitor.services.hall import init_hall


def cmd_init(args: argparse.Namespace) -> int:
    db = database(args)
    init_hall(db, args.hall_code, args.hall_name)
    print(f"已创建大厅 {args.hall_code} {args.hall_name}（数据库 {db.display_name}）")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from datetime import datetime, time

    from hallmonitor.demo import build_demo
    from hallmonitor.domain.enums import AlertLevel
    from hallmonitor.services.hall import hall_context
    from hallmonitor.services.rules import run_rules

    today = parse_day(args.today, "--today")
    db = database(args)
    if _holds_the_demo_hall(db):
        # Running the README's command twice opens the same demo again rather than failing.
        print(f"演示大厅已在数据库 {db.display_name} 中，未重复创建。")
        return 0
    summary = build_demo(db, seed=args.seed, today=today, weeks=args.weeks)
    print(summary)
    for note in summary.notes:
        print(f"  · {note}")
    now = datetime.now()
    as_of = now if today == now.date() else datetime.combine(today, time(17, 30))
    run = run_rules(hall_context(db), as_of)
    print(
        f"已按 {as_of:%Y-%m-%d %H:%M} 检查规则：前店后厂标记 {run.new_flags} 件，预警 {len(run.new_alerts)} 条，"
        f"其中升级为建议临时关闭 {sum(1 for c in run.changes if c.level is AlertLevel.SUGGEST_CLOSURE)} 条。"
    )
    return 0


def _holds_the_demo_hall(db) -> bool:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from hallmonitor.demo import HALL_CODE
    from hallmonitor.storage.models import Hall

    with db.session() as session:
        return list(session.scalars(select(Hall.code))) == [HALL_CODE]
