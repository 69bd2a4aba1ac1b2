"""One case from window to outcome: taking it in, and deciding what became of it.

A case is taken in by someone present at a window that handles its desk, and
its outcome follows from the roster and the catalogue: approved at the window
by a formal civil servant present that day when the window may approve it,
sent back to the department's office when nobody there may sign, and now and
then late, refused, returned, stopped for a special procedure or needing a
second trip. Those rare mishaps make everyday work look real; the planted
violations are added on top by ``showcase``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from hallmonitor.demo.hall import HALL_CODE, WINDOWS, WindowSpec
from hallmonitor.demo.items import PlannedItem
from hallmonitor.demo.people import Applicant, People, PlannedStaff
from hallmonitor.demo.roster import Roster
from hallmonitor.demo.story import Story
from hallmonitor.domain.enums import ApprovalPlace, CaseStatus, CaseType, Session

_AM, _PM = Session.MORNING, Session.AFTERNOON
#: Departments whose approvals now and then still go back to the office.
_BACK_OFFICE_PRONE = ("住建局", "交通运输局", "卫健委", "自然资源和规划局（不动产登记中心）")
SPECIAL_REASONS = ("专家评审", "现场勘验", "公告公示", "听证", "技术审查", "征求相关部门意见")
SUPPLEMENT_NOTES = ("申请材料不齐全，一次性告知补正", "材料签字不完整，需本人补签", "缺少身份证明复印件")


@dataclass(eq=False)
class CaseDraft:
    order: int
    window: WindowSpec
    item: PlannedItem
    applicant: Applicant
    received_at: datetime
    receiver: PlannedStaff
    status: CaseStatus = CaseStatus.ACCEPTED
    approver: PlannedStaff | None = None
    approved_at: datetime | None = None
    place: ApprovalPlace | None = None
    completed_at: datetime | None = None
    trips: int = 1
    bundle_key: str | None = None
    #: (first day, last day or None while running, reason)
    periods: list[tuple[date, date | None, str]] = field(default_factory=list)
    #: What the applicant was asked to bring again, when anything.
    supplement: str = ""
    case_no: str = ""

    @property
    def day(self) -> date:
        return self.received_at.date()


class Cases:
    """Every case drafted so far, in the order taken in, and how each one ends."""

    def __init__(self, story: Story, people: People, roster: Roster) -> None:
        self.story = story
        self.rng = story.rng
        self.cal = story.cal
        self.today = story.today
        self.people = people
        self.roster = roster
        self.drafts: list[CaseDraft] = []

    def numbered(self) -> list[CaseDraft]:
        """The drafts ordered by receipt, numbered <hall code>-YYYYMMDD-NNNN like cases entered at a window."""
        drafts = sorted(self.drafts, key=lambda d: (d.received_at, d.order))
        serial: dict[date, int] = defaultdict(int)
        for d in drafts:
            serial[d.day] += 1
            d.case_no = f"{HALL_CODE}-{d.day:%Y%m%d}-{serial[d.day]:04d}"
        return drafts

    def _windows_for(self, item: PlannedItem) -> list[WindowSpec]:
        return [w for w in WINDOWS if w.in_service and item.spec.desk in w.desks]

    def take_in(
        self,
        item: PlannedItem,
        day: date,
        *,
        windows: Sequence[WindowSpec] | None = None,
        applicant: Applicant | None = None,
        bundle_key: str | None = None,
    ) -> CaseDraft | None:
        """A case taken in on ``day`` by someone present, or None when no window for it is staffed.

        ``windows`` defaults to every window in service that handles the item's desk.
        """
        taken = self.roster.receive(windows or self._windows_for(item), day)
        if taken is None:
            return None
        window, session, receiver = taken
        draft = CaseDraft(
            order=len(self.drafts),
            window=window,
            item=item,
            applicant=applicant or self.people.applicant_for(item),
            received_at=self.story.at(day, session),
            receiver=receiver,
            bundle_key=bundle_key,
        )
        self.drafts.append(draft)
        return draft

    def _approver_on(self, day: date, draft: CaseDraft) -> tuple[PlannedStaff, datetime] | None:
        """A formal civil servant present that day at the case's window or its department's windows."""
        desk_windows = [w for w in self._windows_for(draft.item) if w.number != draft.window.number]
        self.rng.shuffle(desk_windows)
        for w in [draft.window, *desk_windows]:
            for session in self.story.sessions(day):
                formal = [p for p in self.roster.present(w.number, day, session) if p.formal]
                if formal:
                    after = draft.received_at if day == draft.day else None
                    return self.rng.choice(formal), self.story.at(day, session, after)
        return None

    def approve(self, draft: CaseDraft, approver: PlannedStaff, at: datetime, place: ApprovalPlace) -> None:
        """Approved by ``approver`` at ``at`` in ``place``, and completed a few minutes later."""
        draft.approver, draft.approved_at, draft.place = approver, at, place
        draft.completed_at = at + timedelta(minutes=self.rng.randint(0, 20))
        draft.status = CaseStatus.COMPLETED

    def _back_office(
        self, draft: CaseDraft, day: date, *, place: ApprovalPlace = ApprovalPlace.BACK_OFFICE
    ) -> None:
        after = draft.received_at if day == draft.day else None
        at = self.story.at(day, self.rng.choice(self.story.sessions(day)), after)
        self.approve(draft, self.people.back_office[draft.item.spec.department], at, place)

    def _complete_without_approval(self, draft: CaseDraft, day: date, status: CaseStatus) -> None:
        after = draft.received_at if day == draft.day else None
        draft.completed_at = self.story.at(day, self.rng.choice(self.story.sessions(day)), after)
        draft.status = status

    def settle(self, draft: CaseDraft, *, clean: bool = False) -> None:
        """Decide what became of an everyday case: mostly approved at the window in time.

        ``clean`` cases (bundle steps) skip the rare mishaps so that bundles
        measure the hall's pace rather than noise.
        """
        item, rng = draft.item, self.rng
        if not clean and rng.random() < 0.015:
            draft.completed_at = draft.received_at + timedelta(minutes=rng.randint(10, 30))
            draft.status = CaseStatus.REFUSED
            return
        if item.spec.case_type is CaseType.IMMEDIATE:
            self._settle_now(draft, clean)
        else:
            self._settle_later(draft, clean)
        if draft.status is CaseStatus.COMPLETED and not clean:
            roll = rng.random()
            if roll < 0.004:
                draft.trips = 3
            elif roll < 0.035:
                draft.trips = 2
            if draft.trips > 1:
                draft.supplement = rng.choice(SUPPLEMENT_NOTES)

    def _settle_now(self, draft: CaseDraft, clean: bool) -> None:
        session = _AM if draft.received_at.time() < time(12, 30) else _PM
        formal = [p for p in self.roster.present(draft.window.number, draft.day, session) if p.formal]
        if not draft.item.may_approve:
            if formal and not clean and self.rng.random() < 0.05:
                at = draft.received_at + timedelta(minutes=self.rng.randint(8, 40))
                self.approve(draft, self.rng.choice(formal), at, ApprovalPlace.WINDOW)
            else:
                self._complete_without_approval(draft, draft.day, CaseStatus.COMPLETED)
            return
        if formal:
            at = draft.received_at + timedelta(minutes=self.rng.randint(8, 40))
            self.approve(draft, self.rng.choice(formal), at, ApprovalPlace.WINDOW)
        else:
            # Nobody at the window may sign: the file goes back to the department.
            self._back_office(draft, draft.day)

    def _settle_later(self, draft: CaseDraft, clean: bool) -> None:
        rng, cal = self.rng, self.cal
        promised = max(1, draft.item.spec.promised_days)
        start = draft.day
        if not clean and promised >= 3 and rng.random() < 0.05:
            first = cal.add_working_days(draft.day, 1)
            last = cal.add_working_days(first, rng.randint(1, 5))
            reason = rng.choice(SPECIAL_REASONS)
            if last >= self.today:
                draft.periods.append((first, None, reason))
                draft.status = CaseStatus.SPECIAL_PROCEDURE
                return
            draft.periods.append((first, last, reason))
            start = last
            promised -= 1
        deadline = cal.add_working_days(start, promised)
        if not clean and deadline < self.today and rng.random() < 0.03:
            finish = cal.add_working_days(deadline, rng.randint(1, 3)) if rng.random() < 0.5 else None
        else:
            finish = cal.add_working_days(start, min(promised, 1 + int(rng.random() ** 2 * promised)))
            if rng.random() < 0.1 and not draft.periods:
                finish = draft.day
        if finish is None or finish > self.today:
            if not clean and self.cal.working_days_between(draft.day, self.today) <= 3 and rng.random() < 0.1:
                draft.status = CaseStatus.AWAITING_DOCUMENTS
                draft.supplement = rng.choice(SUPPLEMENT_NOTES)
            return
        if not clean and rng.random() < 0.01:
            self._complete_without_approval(draft, finish, CaseStatus.RETURNED)
            return
        if not draft.item.may_approve:
            found = self._approver_on(finish, draft)
            if found and not clean and rng.random() < 0.05:
                self.approve(draft, found[0], found[1], ApprovalPlace.WINDOW)
            else:
                self._complete_without_approval(draft, finish, CaseStatus.COMPLETED)
            return
        if not clean and draft.item.spec.department in _BACK_OFFICE_PRONE and rng.random() < 0.04:
            place = ApprovalPlace.WINDOW if rng.random() < 0.3 else ApprovalPlace.BACK_OFFICE
            self._back_office(draft, finish, place=place)
            return
        found = self._approver_on(finish, draft)
        if found is not None:
            self.approve(draft, found[0], found[1], ApprovalPlace.WINDOW)
        elif finish < self.today:
            self._back_office(draft, finish)
