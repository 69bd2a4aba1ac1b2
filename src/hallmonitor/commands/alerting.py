"""hallmonitor alerts and hallmonitor notice: the alert list and a printed notice, headless.

The notice needs Qt for the PDF (fonts, text layout). On a server or in CI
there is no display, so the offscreen platform is chosen before Qt is first
imported, unless the user chose a platform themselves.
"""

from __future__ import annotations

import argparse
import os
import unicodedata
from datetime import date
from pathlib import Path

from hallmonitor.commands.common import UsageError, context

COLUMNS = ("编号", "窗口", "类型", "级别", "状态", "件数", "触发时间", "整改期限", "摘要")
#: At most this many alerts are listed unless --limit says otherwise; the newest open ones come first.
DEFAULT_LIMIT = 200


def display_width(text: str) -> int:
    """Display width in a terminal: CJK characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(rows: list[tuple[str, ...]]) -> str:
    """Columns aligned for CJK text; the last column (the summary) is left unpadded."""
    table = [COLUMNS, *rows]
    widths = [max(display_width(r[i]) for r in table) for i in range(len(COLUMNS) - 1)]
    lines = []
    for row in table:
        cells = [_pad(c, w) for c, w in zip(row[:-1], widths, strict=True)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


def cmd_alerts(args: argparse.Namespace) -> int:
    from hallmonitor.services.alerts import alert_detail, count_alerts, list_alerts

    ctx = context(args)
    limit = args.limit if args.limit and args.limit > 0 else DEFAULT_LIMIT
    alerts = list_alerts(ctx, open_only=args.open, window_no=args.window, limit=limit)
    if not alerts:
        scope = "待处理的" if args.open else ""
        where = f"{args.window}号窗口" if args.window else ctx.hall_name
        print(f"{where}没有{scope}预警。")
        return 0
    rows = [
        (
            f"#{a.id}",
            a.window_no or "—",
            a.kind.value,
            a.level.value,
            a.state.value,
            str(a.occurrence_count),
            f"{a.raised_at:%Y-%m-%d %H:%M}",
            a.deadline.isoformat() if a.deadline else "—",
            a.summary,
        )
        for a in alerts
    ]
    print(format_table(rows))
    total = count_alerts(ctx, open_only=args.open, window_no=args.window)
    open_count = count_alerts(ctx, open_only=True, window_no=args.window)
    shown = f"显示 {len(alerts)} / 共 {total} 条" if total > len(alerts) else f"共 {total} 条"
    print(f"\n{shown}，其中待处理 {open_count} 条。")
    if args.history:
        for a in alerts:
            print_history(alert_detail(ctx, a.id))
    return 0


def print_history(detail) -> None:  # type: ignore[no-untyped-def]
    """What an alert holds and everything that happened to it, oldest first."""
    a = detail.alert
    print(f"\n#{a.id} {a.summary}（{a.level.value}，{a.state.value}）")
    for o in detail.occurrences:
        print(f"  包含  {o.at:%Y-%m-%d %H:%M}  {o.key}  {o.detail}")
    for e in detail.events:
        states = f"{e.from_state}→{e.to_state}" if e.from_state != e.to_state else (e.to_state or "")
        print(f"  经过  {e.at:%Y-%m-%d %H:%M}  {e.actor}{e.action}  [{e.level}] {states}  {e.note}".rstrip())


def cmd_notice(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise UsageError(f"--out 须是 .pdf 文件：{args.out}")
    from hallmonitor.reports.notices import build_notice
    from hallmonitor.services.alerts import notice_data

    ctx = context(args)
    content = build_notice(notice_data(ctx, args.alert_id, issued_on=date.today()))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from hallmonitor.ui.printing import write_notice_pdf

    app = QGuiApplication.instance() or QGuiApplication(["hallmonitor"])
    family = write_notice_pdf(content, out)
    del app
    print(f"已生成{content.title}（预警 #{args.alert_id}，字体 {family}）：{out}")
    return 0
