"""hallmonitor check: the day's staffing verdicts, flags, late cases and alerts, as text."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING

from hallmonitor.collector import collector_paused
from hallmonitor.commands.nominal import print_suspected
from hallmonitor.domain.enums import StaffingVerdict
from hallmonitor.domain.texts import mark, say, translated

if TYPE_CHECKING:
    from hallmonitor.services.rules import DayCheck

WEEKDAYS = (
    mark("Monday"),
    mark("Tuesday"),
    mark("Wednesday"),
    mark("Thursday"),
    mark("Friday"),
    mark("Saturday"),
    mark("Sunday"),
)
#: A line of the day's overdue and due cases, and what it says of one completed.
LATE_LINE = mark("{state}  {case}  window {window}  {item}  due {due}  {done}")
COMPLETED = mark("completed {day:%Y-%m-%d}")


def cmd_check(args: argparse.Namespace) -> int:
    # The services it imports and the day it reads live until it ends: no collector passes over them.
    with collector_paused():
        return _check(args)


def _check(args: argparse.Namespace) -> int:
    # Imported here, with the collector held off: they are most of what the command costs.
    from hallmonitor.commands.common import context, parse_day
    from hallmonitor.services.rules import check_day

    day = parse_day(args.date)
    ctx = context(args)
    report = check_day(ctx, day)
    print(
        say(
            "{hall} ({code})  {day} {weekday}  {kind}  judged as of {as_of:%Y-%m-%d %H:%M}",
            hall=ctx.hall_name,
            code=ctx.hall_code,
            day=day.isoformat(),
            weekday=say(WEEKDAYS[day.weekday()]),
            kind=say("working day") if report.is_workday else say("rest day"),
            as_of=report.as_of,
        )
    )
    if report.calendar_warning:
        print(say("Note: {note}", note=report.calendar_warning))
    if report.skipped:
        print(say("Note: {note}", note=report.skipped.sentence))

    if report.future:
        return _print_plan(report)
    print("\n" + say("[Staffing]"))
    if not report.is_workday:
        print("  " + say("Not judged on a rest day."))
    elif not report.staffing:
        print("  " + say("No window session of the day can be judged (no roster, or no window in service)."))
    else:
        counts = Counter(s.verdict for s in report.staffing)
        print(
            "  "
            + say(
                "{count} window sessions: compliant {compliant}, auxiliary only {auxiliary}, unstaffed {unstaffed}",
                count=len(report.staffing),
                compliant=counts[StaffingVerdict.COMPLIANT],
                auxiliary=counts[StaffingVerdict.AUXILIARY_ONLY],
                unstaffed=counts[StaffingVerdict.UNSTAFFED],
            )
        )
        for s in report.violations:
            people = say(", ").join(s.auxiliary) or say("nobody")
            line = say(
                "{session} window {window}  {verdict}  present: {people}",
                session=s.session.value,
                window=s.window_no,
                verdict=s.verdict.value,
                people=people,
            )
            print("  " + line)

    print_suspected(report)

    print("\n" + say("[Front shop, back factory] (approved this day)"))
    for f in report.flags or []:
        line = say(
            "{case}  window {window} {department}  {item}  approver {approver}  reasons: {reasons}  [{state}]",
            case=f.case_no,
            window=f.window_no,
            department=f.department,
            item=f.item_name,
            approver=f.approver or "—",
            reasons=say("; ").join(f.reasons),
            state=f.state.value,
        )
        print("  " + line)
    if not report.flags:
        print("  " + say("None."))

    print("\n" + say("[Overdue and due cases]"))
    # A late day lists tens of thousands: the templates and the words every line shares are
    # looked up once, and the list is written in one piece.
    due_today, overdue, not_completed = say("due today"), say("overdue"), say("not completed")
    line, completed = translated(LATE_LINE), translated(COMPLETED)
    late = [
        "  "
        + line.format(
            state=due_today if c.due_today else overdue,
            case=c.case_no,
            window=c.window_no,
            item=c.item_name,
            due=c.due.isoformat(),
            done=completed.format(day=c.completed) if c.completed else not_completed,
        )
        for c in report.late_cases
    ]
    print("\n".join(late) if late else "  " + say("None."))

    print("\n" + say("[Alerts]"))
    for a in report.alerts:
        if a.deadline:
            line = say(
                "#{id} [{level}] {kind}  {summary}  deadline {deadline}  state: {state}",
                id=a.alert_id,
                level=a.level,
                kind=a.kind,
                summary=a.summary,
                deadline=a.deadline.isoformat(),
                state=a.state,
            )
        else:
            line = say(
                "#{id} [{level}] {kind}  {summary}  state: {state}",
                id=a.alert_id,
                level=a.level,
                kind=a.kind,
                summary=a.summary,
                state=a.state,
            )
        print("  " + line)
    if not report.alerts:
        print("  " + say("None."))
    if report.run and (report.run.new_alerts or report.run.escalations):
        counted = say(
            "This check raised {new} alerts and escalated {escalated}.",
            new=len(report.run.new_alerts),
            escalated=len(report.run.escalations),
        )
        print("\n" + counted)
    return 0


def _print_plan(report: DayCheck) -> int:
    """A day that has not come: the roster's plan, judged as if everyone planned comes."""
    coming = say(
        "The day has not come yet (it is {now:%Y-%m-%d %H:%M}): no violation is judged; this is the roster's plan.",
        now=report.as_of,
    )
    print("\n" + coming)
    print("\n" + say("[Roster plan]"))
    if not report.is_workday:
        print("  " + say("A rest day: no roster is needed."))
        return 0
    if not report.staffing:
        print("  " + say("No window is in service this day."))
        return 0
    for s in report.staffing:
        auxiliary = (say("{name} (auxiliary)", name=name) for name in s.auxiliary)
        people = say(", ").join([*s.formal, *auxiliary]) or say("not rostered yet")
        if s.verdict is StaffingVerdict.COMPLIANT:
            verdict = say("compliant as planned")
        else:
            verdict = say("{verdict} as planned", verdict=s.verdict.value)
        line = say(
            "{session} window {window}  {people}  {verdict}",
            session=s.session.value,
            window=s.window_no,
            people=people,
            verdict=verdict,
        )
        print("  " + line)
    gaps = sum(1 for s in report.staffing if s.verdict.is_violation)
    if gaps:
        missing = say(
            "{count} window sessions have no formal civil servant in the plan: roster one before the session starts.",
            count=gaps,
        )
        print("\n" + missing)
    return 0
