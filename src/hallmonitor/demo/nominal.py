"""The planted 挂名: windows whose formal officer is on the roster, marked present, and touches no case.

Everyday work spreads a few cases over each window's session, too few for the
rule to judge, and a formal officer often takes one in. Here two windows of
the quiet days before the showcase day get six cases more in some sessions,
and every case of those sessions, the everyday ones too, is received and
approved by the window's auxiliary staff while its formal officer stays on the
roster, present: D02 (社会保险) in three sessions within five working days,
which raises a 人员挂名 alert for the supervisor to check; B09 (公积金贷款) in
two, suspected but too seldom for an alert. Drawn last, so nothing planned
before changes.
"""

from __future__ import annotations

from datetime import time, timedelta

from hallmonitor.demo.cases import CaseDraft, Cases
from hallmonitor.demo.hall import WINDOW_BY_NUMBER
from hallmonitor.demo.items import PlannedItem
from hallmonitor.demo.people import People
from hallmonitor.demo.roster import Roster
from hallmonitor.demo.story import Story
from hallmonitor.domain.enums import ApprovalPlace, Session

_AM, _PM = Session.MORNING, Session.AFTERNOON
#: The window, and its sessions as working days before the showcase day (0: the showcase day).
PLANTED: tuple[tuple[str, tuple[tuple[int, Session], ...]], ...] = (
    ("D02", ((3, _AM), (2, _PM), (1, _AM))),
    ("B09", ((2, _AM), (0, _PM))),
)
CASES_PER_SESSION = 6
#: Where the rule puts a case: before the afternoon's start the morning's (see ``domain.nominal``).
_AFTERNOON_START = time(13, 30)


def plant_nominal(
    story: Story, people: People, roster: Roster, cases: Cases, items: list[PlannedItem]
) -> None:
    """Add the planted sessions' cases and hand every case of them to the auxiliary staff; see the docstring."""
    for number, sessions in PLANTED:
        window = WINDOW_BY_NUMBER[number]
        desk_items = [i for i in items if i.admitted and i.may_approve and i.spec.desk in window.desks]
        for count, (back, session) in enumerate(sessions, start=1):
            index = story.si - back
            if index < story.first_quiet:
                continue
            day = story.workdays[index]
            present = roster.present(number, day, session)
            formal = [p for p in present if p.formal]
            aux = [p for p in present if not p.formal]
            if not formal or not aux:
                continue
            team = {p.no for p in formal}
            for draft in cases.drafts:
                if draft.window.number == number and draft.day == day and _session_of(draft) is session:
                    draft.receiver = story.rng.choice(aux)
                    if draft.approver is not None and draft.approver.no in team:
                        draft.approver = draft.receiver
            for _ in range(CASES_PER_SESSION):
                item = story.rng.choice(desk_items)
                helper = story.rng.choice(aux)
                draft = CaseDraft(
                    order=len(cases.drafts),
                    window=window,
                    item=item,
                    applicant=people.applicant_for(item),
                    received_at=story.at(day, session),
                    receiver=helper,
                )
                cases.drafts.append(draft)
                # Approved at the window by the helper, at once: the formal officer signs nothing.
                at = draft.received_at + timedelta(minutes=story.rng.randint(8, 40))
                cases.approve(draft, helper, at, ApprovalPlace.WINDOW)
            if len(sessions) < 3:
                tally = f"第{count}次，不足3次，不触发预警"
            elif count == 3:
                tally = "5个工作日内第3次，触发人员挂名预警，待核查"
            else:
                tally = f"5个工作日内第{count}次"
            story.notes.append(
                f"{day.isoformat()} {session.value} {number} 窗口：正式公职人员"
                f"{'、'.join(p.name for p in formal)}在岗，但全部办件均由辅助人员受理和审批（疑似挂名，{tally}）"
            )


def _session_of(draft: CaseDraft) -> Session:
    return _AM if draft.received_at.time() < _AFTERNOON_START else _PM
