"""hallmonitor init / demo."""

from __future__ import annotations

import argparse

from hallmonitor.commands.common import UsageError, database, opened, parse_day
from hallmonitor.services.hall import init_hall, list_halls, take_new_hall_key


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
    made = take_new_hall_key(db)
    if made is not None:
        from hallmonitor.commands.hall_key import WRITE_IT_DOWN

        print(f"大厅密钥：{made}")
        print(f"{WRITE_IT_DOWN}；只显示这一次，管理员可用 hallmonitor key show 在本机再次查看。")
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
        print(f"演示大厅已在数据库 {db.display_name} 中，未重复创建。")
        return 0
    print(f"演示大厅数据库：{db.display_name}")
    if outcome.finished is not None:
        print("上次创建的演示大厅中途停止，规则尚未检查，现已补完。")
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
        print(f"数据库 {shown} 已是当前版本（{head}），无需升级。")
    else:
        print(f"已将数据库 {shown} 从版本 {before or '空库'} 升级到 {head}。")
        if backup is not None:
            print(f"升级前的数据库已另存为 {backup}")
    return 0
