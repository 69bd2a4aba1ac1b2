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
from hallmonitor.domain.texts import mark, say

COLUMNS = (
    mark("No."),
    mark("Window"),
    mark("Kind"),
    mark("Level"),
    mark("State"),
    mark("Count"),
    mark("Raised"),
    mark("Deadline"),
    mark("Summary"),
)
#: At most this many alerts are listed unless --limit says otherwise; the newest open ones come first.
DEFAULT_LIMIT = 200


def display_width(text: str) -> int:
    """Display width in a terminal: CJK characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(rows: list[tuple[str, ...]]) -> str:
    """Columns aligned for CJK text; the last column (the summary) is left unpadded."""
    table = [tuple(say(c) for c in COLUMNS), *rows]
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
        if args.window and args.open:
            print(say("Window {window} has no open alerts.", window=args.window))
        elif args.window:
            print(say("Window {window} has no alerts.", window=args.window))
        elif args.open:
            print(say("{hall} has no open alerts.", hall=ctx.hall_name))
        else:
            print(say("{hall} has no alerts.", hall=ctx.hall_name))
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
    if total > len(alerts):
        counted = say(
            "Showing {shown} of {total}, {open} of them open.",
            shown=len(alerts),
            total=total,
            open=open_count,
        )
    else:
        counted = say("{total} in all, {open} of them open.", total=total, open=open_count)
    print("\n" + counted)
    if args.history:
        for a in alerts:
            print_history(alert_detail(ctx, a.id))
    return 0


def print_history(detail) -> None:  # type: ignore[no-untyped-def]
    """What an alert holds and everything that happened to it, oldest first."""
    a = detail.alert
    print(
        "\n"
        + say(
            "#{id} {summary} ({level}, {state})",
            id=a.id,
            summary=a.summary,
            level=a.level.value,
            state=a.state.value,
        )
    )
    for o in detail.occurrences:
        print("  " + say("holds  {at:%Y-%m-%d %H:%M}  {key}  {detail}", at=o.at, key=o.key, detail=o.detail))
    for e in detail.events:
        states = f"{e.from_state}→{e.to_state}" if e.from_state != e.to_state else (e.to_state or "")
        line = say(
            "event  {at:%Y-%m-%d %H:%M}  {actor} {action}  [{level}] {states}  {note}",
            at=e.at,
            actor=e.actor,
            action=e.action,
            level=e.level,
            states=states,
            note=e.note,
        )
        print(("  " + line).rstrip())


def cmd_notice(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise UsageError(say("--out must be a .pdf file: {path}", path=args.out))
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
    print(
        say(
            "Wrote {title} (alert #{id}, font {font}): {path}",
            title=content.title,
            id=args.alert_id,
            font=family,
            path=out,
        )
    )
    return 0
