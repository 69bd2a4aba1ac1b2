"""hallmonitor case void and hallmonitor case show: a case's 作废 and its history, headless.

The center's IT voids a case entered twice from a script, exactly as a
supervisor does in the case dialog: with a reason, recorded under the login
that ran the command, and left out of every figure from then on.
"""

from __future__ import annotations

import argparse

from hallmonitor.commands.common import UsageError, context


def cmd_case(args: argparse.Namespace) -> int:
    if args.case_command == "void":
        return _void(args)
    return _show(args)


def _void(args: argparse.Namespace) -> int:
    from hallmonitor.services.cases import case_id_of, void_case

    reason = (args.reason or "").strip()
    if not reason:
        raise UsageError("请用 --reason 写明作废原因。")
    ctx = context(args)
    void_case(ctx, case_id_of(ctx, args.case_no), reason)
    print(f"办件 {args.case_no.strip()} 已作废：{reason}。此后不计入任何统计和报表。")
    return 0


def _show(args: argparse.Namespace) -> int:
    from hallmonitor.services.cases import case_detail, case_id_of

    ctx = context(args)
    detail = case_detail(ctx, case_id_of(ctx, args.case_no))
    state = f"作废（{detail.void_reason}）" if detail.voided else detail.status.value
    print(f"办件 {detail.case_no}  {detail.window}  {detail.item}  {detail.applicant_name}  {state}")
    print(f"受理 {detail.received_at:%Y-%m-%d %H:%M}" + _when("办结", detail.completed_at))
    for event in detail.history:
        line = f"{event.at:%Y-%m-%d %H:%M}  {event.actor}  {event.action}"
        if event.changes:
            line += "  " + "；".join(f"{f}：{b or '（空）'} → {a or '（空）'}" for f, b, a in event.changes)
        elif event.note:
            line += f"  {event.note}"
        if event.reason and event.reason != event.note:
            line += f"  原因：{event.reason}"
        print(line)
    return 0


def _when(label: str, moment: object) -> str:
    return f"  {label} {moment:%Y-%m-%d %H:%M}" if moment is not None else ""
