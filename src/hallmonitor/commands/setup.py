"""hallmonitor init / demo."""

from __future__ import annotations

import argparse

from hallmonitor.commands.common import UsageError, database, parse_day
from hallmonitor.services.hall import init_hall, list_halls


def cmd_init(args: argparse.Namespace) -> int:
    db = database(args)
    halls = list_halls(db)
    if halls and not args.another:
        listed = "、".join(f"{h.code}（{h.name}）" for h in halls)
        raise UsageError(
            f"数据库 {db.display_name} 中已有大厅 {listed}，未再创建；如要在同一数据库中再建一个大厅，请加 --another。"
        )
    init_hall(db, args.hall_code, args.hall_name)
    print(f"已创建大厅 {args.hall_code} {args.hall_name}（数据库 {db.display_name}）")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from datetime import datetime, time

    from hallmonitor.demo import build_demo
    from hallmonitor.domain.enums import AlertLevel
    from hallmonitor.services.hall import hall_context
    from hallmonitor.services.rules import run_rules
    from hallmonitor.storage.database import demo_database_url, open_database

    today = parse_day(args.today, "--today")
    # Without --db the demo goes to its own file, never into the hall's real database.
    db = open_database(args.db or demo_database_url())
    if _holds_the_demo_hall(db):
        # Running the README's command twice opens the same demo again rather than failing.
        print(f"演示大厅已在数据库 {db.display_name} 中，未重复创建。")
        return 0
    summary = build_demo(db, seed=args.seed, today=today, weeks=args.weeks)
    print(f"演示大厅数据库：{db.display_name}")
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
        print(f"数据库 {shown} 已是当前版本（{head}），无需升级。")
    else:
        print(f"已将数据库 {shown} 从版本 {before or '空库'} 升级到 {head}。")
        if backup is not None:
            print(f"升级前的数据库已另存为 {backup}")
    return 0
