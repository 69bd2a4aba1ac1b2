"""hallmonitor window …, staff … and item …: the hall's master data, headless.

The same services as the 大厅资料 page, so a script of the center's IT sets a
window or an item 停用 exactly as a supervisor would in the app, with the
reason (and the day) recorded under the login that ran it.
"""

from __future__ import annotations

import argparse

from hallmonitor.commands.alerting import display_width
from hallmonitor.commands.common import UsageError, context, parse_day
from hallmonitor.domain.texts import mark, say


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """``header`` holds marked column names, said in the user's language."""
    table = [tuple(say(h) for h in header), *rows]
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
            say(
                "{hall} has no window numbered {number} (hallmonitor window list lists them all).",
                hall=ctx.hall_name,
                number=number,
            )
        )
    return found


def _value(value: object) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return say("yes")
    if value is False:
        return say("no")
    return str(value)


def _in_use(value: object) -> str:
    if value is None:
        return "—"
    return say("in use") if value else say("not in use")


def _listed(parts: list[str]) -> str:
    """Parts of one line one after another ("a，b，c" in Chinese)."""
    if not parts:
        return ""
    joined = parts[0]
    for part in parts[1:]:
        joined = say("{earlier}, {later}", earlier=joined, later=part)
    return joined


def describe(entry) -> str:  # type: ignore[no-untyped-def]
    """One history entry as a line: when, who, what, the fields before → after, and why."""
    if entry.action == "state":
        what = f"{_value(entry.before.get('state'))}→{_value(entry.after.get('state'))}"
        since = entry.after.get("effective_from")
        details = [say("from {day}", day=since)] if since else []
        if entry.after.get("roster_removed"):
            details.append(say("{count} roster entries removed", count=entry.after["roster_removed"]))
        if details:
            what = say("{what} ({details})", what=what, details=_listed(details))
    elif entry.action in ("activate", "deactivate"):
        what = f"{_in_use(entry.before.get('in_use'))}→{_in_use(entry.after.get('in_use'))}"
    elif entry.action == "add":
        what = _listed([f"{k}={_value(v)}" for k, v in entry.after.items()])
    else:
        what = _listed(
            [
                say("{field}: {before}→{after}", field=field, before=_value(old), after=_value(new))
                for field, old, new in entry.changed()
            ]
        )
    reason = "  " + say("Reason: {reason}", reason=entry.reason) if entry.reason else ""
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
            print(say("{hall} has no window that matches.", hall=ctx.hall_name))
            return 0
        print(_table(_WINDOW_COLUMNS, rows))
        print("\n" + say("{count} windows in all.", count=len(rows)))
        return 0
    window = _window(ctx, args.number)
    if args.window_command == "history":
        entries = history(ctx, "window", window.id)
        now = say(
            "Window {number} ({department}) is now {state}.",
            number=window.number,
            department=window.department,
            state=window.state.value,
        )
        print(now)
        for entry in entries:
            print(describe(entry))
        if not entries:
            print(say("No changes recorded."))
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
        print(say("{hall} has nobody who matches.", hall=ctx.hall_name))
        return 0
    rows = [
        (
            p.staff_no,
            p.name,
            p.department,
            p.category.value,
            say("formal") if p.formal else say("auxiliary"),
            _staff_state(p),
            f"{p.category_since:%Y-%m-%d}" if p.category_since else "—",
        )
        for p in people
    ]
    print(_table(_STAFF_COLUMNS, rows))
    print(
        "\n"
        + say(
            "{count} people in all, {present} in post.",
            count=len(rows),
            present=sum(1 for p in people if p.active),
        )
    )
    return 0


def _staff_state(person) -> str:  # type: ignore[no-untyped-def]
    if person.active:
        return say("in post")
    return say("left on {day:%Y-%m-%d}", day=person.left_on) if person.left_on else say("left")


#: What ``item set-active`` accepts, in the words of the 大厅资料 page.
_ITEM_STATES = {"启用": True, "停用": False}

_WINDOW_COLUMNS = (
    mark("No."),
    mark("Name"),
    mark("Department"),
    mark("Kind"),
    mark("Zone"),
    mark("Position"),
    mark("State"),
    mark("State since"),
)
_STAFF_COLUMNS = (
    mark("Staff no."),
    mark("Full name"),
    mark("Department"),
    mark("Category"),
    mark("Formal/auxiliary"),
    mark("State"),
    mark("Category since"),
)
_ITEM_COLUMNS = (
    mark("Code"),
    mark("Name"),
    mark("Department"),
    mark("Category"),
    mark("Case type"),
    mark("Promised limit"),
    mark("Legal limit"),
    mark("Admitted"),
    mark("Authorised"),
    mark("State"),
)


def _item(ctx, code: str):  # type: ignore[no-untyped-def]
    from hallmonitor.services.hall_data import list_items

    found = next((i for i in list_items(ctx, code) if i.code == code.strip()), None)
    if found is None:
        raise UsageError(
            say(
                "{hall} has no item with the code {code} (hallmonitor item list lists them all).",
                hall=ctx.hall_name,
                code=code,
            )
        )
    return found


def cmd_item(args: argparse.Namespace) -> int:
    from hallmonitor.services.hall_data import history, list_items, set_item_active

    ctx = context(args)
    if args.item_command == "list":
        items = list_items(ctx, args.search or "")
        if not items:
            print(say("{hall} has no item that matches.", hall=ctx.hall_name))
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
        print(_table(_ITEM_COLUMNS, rows))
        print(
            "\n"
            + say(
                "{count} items in all, {active} in use.",
                count=len(rows),
                active=sum(1 for i in items if i.active),
            )
        )
        return 0
    if args.item_command == "set-active":
        state = args.state.strip()
        if state not in _ITEM_STATES:
            raise UsageError(
                say(
                    "The item state “{state}” cannot be read: it is {on} or {off}.",
                    state=args.state,
                    on="启用",
                    off="停用",
                )
            )
        item = _item(ctx, args.code)
        print(set_item_active(ctx, item.id, _ITEM_STATES[state], args.reason))
        return 0
    item = _item(ctx, args.code)
    entries = history(ctx, "item", item.id)
    now = say(
        "Item {code} ({name}, {department}) is now {state}.",
        code=item.code,
        name=item.name,
        department=item.department,
        state=_in_use(item.active),
    )
    print(now)
    for entry in entries:
        print(describe(entry))
    if not entries:
        print(say("No changes recorded."))
    return 0
