"""The 疑似挂名 part of ``hallmonitor check``: the day's suspected sessions, with their evidence."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

from hallmonitor.domain.texts import say

if TYPE_CHECKING:
    from hallmonitor.services.rules import DayCheck


def print_suspected(report: DayCheck) -> None:
    """Each suspected session in one line: who the roster had present, what the cases say, how it stands."""
    heading = say(
        "[Suspected nominal presence] (compliant by the roster, but none of the cases was received or "
        "approved by a rostered formal civil servant)"
    )
    print("\n" + heading)
    if not report.is_workday:
        print("  " + say("Not judged on a rest day."))
        return
    for line in report.nominal:
        said = say(
            "{session} window {window} {department}  formal staff present: {formal}  {reason}  [{status}]",
            session=line.session.value,
            window=line.window_no,
            department=line.department,
            formal=line.formal_present or say("none"),
            reason=line.reason,
            status=line.status,
        )
        print("  " + said)
    if not report.nominal:
        print("  " + say("None."))
    if report.as_of < datetime.combine(report.day, time(23, 59, 59)):
        # The morning is judged once the afternoon begins, the afternoon once the day is over.
        later = say(
            "(A session of the day is judged once its cases are all in: the morning when the afternoon "
            "begins, the afternoon when the day is over.)"
        )
        print("  " + later)
