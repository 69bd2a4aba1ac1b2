"""hallmonitor case void and hallmonitor case show: a case's 作废 and its history, headless.

The center's IT voids a case entered twice from a script, exactly as a
supervisor does in the case dialog: with a reason, recorded under the login
that ran the command, and left out of every figure from then on.
"""

from __future__ import annotations

import argparse

from hallmonitor.commands.common import UsageError, context
from hallmonitor.domain.texts import say


def cmd_case(args: argparse.Namespace) -> int:
    if args.case_command == "void":
        return _void(args)
    return _show(args)


def _void(args: argparse.Namespace) -> int:
    from hallmonitor.services.cases import case_id_of, void_case

    reason = (args.reason or "").strip()
    if not reason:
        raise UsageError(say("Give the reason for voiding the case with --reason."))
    ctx = context(args)
    void_case(ctx, case_id_of(ctx, args.case_no), reason)
    print(
        say(
            "Case {case} is void: {reason}. From now on it counts in no figure or report.",
            case=args.case_no.strip(),
            reason=reason,
        )
    )
    return 0


def _show(args: argparse.Namespace) -> int:
    from hallmonitor.services.cases import case_detail, case_id_of

    ctx = context(args)
    detail = case_detail(ctx, case_id_of(ctx, args.case_no))
    state = say("void ({reason})", reason=detail.void_reason) if detail.voided else detail.status.value
    print(
        say(
            "Case {case}  {window}  {item}  {applicant}  {state}",
            case=detail.case_no,
            window=detail.window,
            item=detail.item,
            applicant=detail.applicant_name,
            state=state,
        )
    )
    received = say("Received {at:%Y-%m-%d %H:%M}", at=detail.received_at)
    if detail.completed_at is not None:
        received += "  " + say("Completed {at:%Y-%m-%d %H:%M}", at=detail.completed_at)
    print(received)
    for event in detail.history:
        line = f"{event.at:%Y-%m-%d %H:%M}  {event.actor}  {event.action}"
        if event.changes:
            line += "  " + say("; ").join(
                say(
                    "{field}: {before} → {after}",
                    field=f,
                    before=b or say("(empty)"),
                    after=a or say("(empty)"),
                )
                for f, b, a in event.changes
            )
        elif event.note:
            line += f"  {event.note}"
        if event.reason and event.reason != event.note:
            line += "  " + say("Reason: {reason}", reason=event.reason)
        print(line)
    return 0
