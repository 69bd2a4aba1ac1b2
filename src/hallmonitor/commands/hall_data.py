"""hallmonitor window …, staff … and item …: the hall's master data, headless.

The same services as the 大厅资料 page, so a script of the center's IT sets a
window or an item 停用 exactly as a supervisor would in the app, with the
reason (and the day) recorded under the login that ran it.
"""

from __future__ import annotations

import argparse

from hallmonitor.commands.alerting import display_width
from hallmonitor.commands.common import UsageError, context, parse_day


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    table = [header, *rows]
    widths = [max(display_width(r[i]) for r in table) for i in range(len(header))]
    return "\n".join(
        "  ".join(c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    )


def _window(ctx, number: str):  # type: ignore[no-untyped-def]
    from hallmonitor.services.hall_data import list_windows

    found = next((w for w in list_windows(ctx) if w.number == number.strip()), None)
    if found is None:
        raise UsageError(
            f"{ctx.hall_name}没有编号为 {number} 的窗口（hallmonitor window list 列出全部窗口）。"
        )
    return found


def _value(value: object) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)


def _in_use(value: object) -> str:
    return {True: "启用", False: "停用"}.get(value, "—")  # type: ignore[call-overload]


def describe(entry) -> str:  # type: ignore[no-untyped-def]
    """One history entry as a line: when, who, what, the fields before → after, and why."""
    if entry.action == "state":
        what = f"{_value(entry.before.get('state'))}→{_value(entry.after.get('state'))}"
        since = entry.after.get("effective_from")
        details = [f"自 {since} 起"] if since else []
        if entry.after.get("roster_removed"):
            details.append(f"删除排班 {entry.after['roster_removed']} 条")
        if details:
            what += f"（{'，'.join(details)}）"
    elif entry.action in ("activate", "deactivate"):
        what = f"{_in_use(entry.before.get('in_use'))}→{_in_use(entry.after.get('in_use'))}"
    elif entry.action == "add":
        what = "，".join(f"{k}={_value(v)}" for k, v in entry.after.items())
    else:
        what = "，".join(f"{field}：{_value(old)}→{_value(new)}" for field, old, new in entry.changed())
    reason = f"  原因：{entry.reason}" if entry.reason else ""
    return f"{entry.at:%Y-%m-%d %H:%M}  {entry.actor}  {entry.action_word}  {what}{reason}"


def cmd_window(args: argparse.Namespace) -> int:
    from hallmonitor.services.hall_data import history, list_windows, set_window_state

    ctx = context(args)
    if args.window_command == "list":
        rows = [
            (
                w.number,
                w.name,
                w.department,
                w.kind.value,
                w.zone or "—",
                f"{w.grid_row},{w.grid_col}",
                w.state.value,
                f"{w.state_since:%Y-%m-%d %H:%M}" if w.state_since else "—",
            )
            for w in list_windows(ctx, args.search or "")
        ]
        if not rows:
            print(f"{ctx.hall_name}没有符合条件的窗口。")
            return 0
        print(_table(("编号", "名称", "部门", "类型", "区域", "位置", "状态", "状态起始"), rows))
        print(f"\n共 {len(rows)} 个窗口。")
        return 0
    window = _window(ctx, args.number)
    if args.window_command == "history":
        entries = history(ctx, "window", window.id)
        print(f"{window.number}号窗口（{window.department}）现为{window.state.value}。")
        for entry in entries:
            print(describe(entry))
        if not entries:
            print("没有变更记录。")
        return 0
    from_day = parse_day(args.from_day, "--from") if args.from_day else None
    result = set_window_state(ctx, window.id, args.state, args.reason, from_day=from_day)
    print(result.sentence())
    return 0


def cmd_staff(args: argparse.Namespace) -> int:
    from hallmonitor.services.hall_data import list_staff

    ctx = context(args)
    people = list_staff(ctx, args.search or "")
    if not people:
        print(f"{ctx.hall_name}没有符合条件的人员。")
        return 0
    rows = [
        (
            p.staff_no,
            p.name,
            p.department,
            p.category.value,
            "正式" if p.formal else "辅助",
            "在岗" if p.active else (f"调离 {p.left_on:%Y-%m-%d}" if p.left_on else "调离"),
            f"{p.category_since:%Y-%m-%d}" if p.category_since else "—",
        )
        for p in people
    ]
    print(_table(("工号", "姓名", "部门", "类别", "正式/辅助", "状态", "类别起始"), rows))
    print(f"\n共 {len(rows)} 人，在岗 {sum(1 for p in people if p.active)} 人。")
    return 0


#: What ``item set-active`` accepts, in the words of the 大厅资料 page.
_ITEM_STATES = {"启用": True, "停用": False}


def _item(ctx, code: str):  # type: ignore[no-untyped-def]
    from hallmonitor.services.hall_data import list_items

    found = next((i for i in list_items(ctx, code) if i.code == code.strip()), None)
    if found is None:
        raise UsageError(f"{ctx.hall_name}没有编码为 {code} 的事项（hallmonitor item list 列出全部事项）。")
    return found


def cmd_item(args: argparse.Namespace) -> int:
    from hallmonitor.services.hall_data import history, list_items, set_item_active

    ctx = context(args)
    if args.item_command == "list":
        items = list_items(ctx, args.search or "")
        if not items:
            print(f"{ctx.hall_name}没有符合条件的事项。")
            return 0
        rows = [
            (
                i.code,
                i.name,
                i.department,
                i.category.value,
                i.case_type.value,
                str(i.promised_days),
                str(i.legal_days),
                _value(i.admitted),
                _value(i.window_may_approve),
                _in_use(i.active),
            )
            for i in items
        ]
        header = (
            "编码",
            "名称",
            "部门",
            "类别",
            "办件类型",
            "承诺时限",
            "法定时限",
            "进驻",
            "授权到位",
            "状态",
        )
        print(_table(header, rows))
        print(f"\n共 {len(rows)} 个事项，启用 {sum(1 for i in items if i.active)} 个。")
        return 0
    if args.item_command == "set-active":
        state = args.state.strip()
        if state not in _ITEM_STATES:
            raise UsageError(f"事项状态“{args.state}”无法识别，应为启用或停用。")
        item = _item(ctx, args.code)
        print(set_item_active(ctx, item.id, _ITEM_STATES[state], args.reason))
        return 0
    item = _item(ctx, args.code)
    entries = history(ctx, "item", item.id)
    print(f"事项 {item.code}（{item.name}，{item.department}）现为{_in_use(item.active)}。")
    for entry in entries:
        print(describe(entry))
    if not entries:
        print("没有变更记录。")
    return 0
