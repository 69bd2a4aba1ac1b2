"""Planning the demo hall in memory: people, rosters, cases and complaints.

Nothing here touches the database (``demo`` writes the plan), so the story can
be followed without storage code in the way: everyday work that is mostly
compliant, sporadic absences in the earlier weeks, and on the last full
working day (the showcase day) one planted example of every violation the
rules look for, described in ``DemoPlan.notes``. Every random choice comes
from the one ``random.Random`` passed in, and nothing iterates over a set, so
the same seed and days always give the same plan.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from hallmonitor.demo import catalogue as data
from hallmonitor.domain.enums import (
    ApplicantType,
    ApprovalPlace,
    CaseStatus,
    CaseType,
    Session,
    StaffCategory,
    WindowKind,
)
from hallmonitor.domain.identifiers import CREDIT_CODE_ALPHABET, credit_code_check_char, id_card_check_char
from hallmonitor.domain.work_calendar import WorkCalendar

__all__ = [
    "Applicant",
    "CaseDraft",
    "ComplaintDraft",
    "DemoPlan",
    "PlannedItem",
    "PlannedStaff",
    "RosterLine",
    "plan_demo",
]

_AM, _PM = Session.MORNING, Session.AFTERNOON
#: When cases are taken in: the session's first minute and how many minutes after it.
_SESSION_SPAN = {_AM: (time(9, 0), 165), _PM: (time(13, 30), 195)}
#: Working days before the showcase day that, like it, carry only planted violations.
_QUIET_DAYS_BEFORE_SHOWCASE = 5
_FORMAL_WEIGHTS = {
    StaffCategory.CIVIL_SERVANT: 45,
    StaffCategory.CIVIL_SERVANT_LAW_MANAGED: 25,
    StaffCategory.PUBLIC_INSTITUTION: 30,
}
#: The center employs more 事业编制 staff than the line departments.
_CENTER_FORMAL_WEIGHTS = {
    StaffCategory.CIVIL_SERVANT: 20,
    StaffCategory.CIVIL_SERVANT_LAW_MANAGED: 20,
    StaffCategory.PUBLIC_INSTITUTION: 60,
}
_AUX_WEIGHTS = {
    StaffCategory.LABOUR_DISPATCH: 40,
    StaffCategory.CONTRACT_OUTSIDE_QUOTA: 30,
    StaffCategory.TEMPORARY: 10,
    StaffCategory.THIRD_PARTY: 20,
}
#: How often each desk's items come up among everyday cases.
_DESK_WEIGHTS = {
    "social_security": 3.0,
    "medical": 3.0,
    "police": 3.0,
    "fund": 3.0,
    "tax": 2.0,
    "licence": 2.0,
    "employment": 1.5,
    "realty_tax": 2.0,
    "realty_trade": 2.0,
    "realty_query": 1.0,
    "food_drug": 1.0,
    "health": 1.0,
    "civil": 1.0,
    "transport": 1.0,
    "seal": 0.5,
    "bank": 0.5,
    "project_fgw": 0.3,
    "project_plan": 0.3,
    "project_permit": 0.5,
    "fire": 0.3,
}
_REALTY_WEIGHTS = {
    "国有建设用地使用权及房屋所有权转移登记（存量房）": 8,
    "国有建设用地使用权及房屋所有权转移登记（新建商品房）": 5,
    "抵押权首次登记": 7,
    "抵押权注销登记": 5,
    "预购商品房预告登记": 3,
    "不动产变更登记": 2,
}
#: Departments whose approvals now and then still go back to the office.
_BACK_OFFICE_PRONE = ("住建局", "交通运输局", "卫健委", "自然资源和规划局（不动产登记中心）")


@dataclass(eq=False)
class PlannedStaff:
    no: str
    name: str
    department: str
    category: StaffCategory
    #: Approves in the department's office and is never on a window's roster.
    back_office: bool = False

    @property
    def formal(self) -> bool:
        return self.category.is_formal


@dataclass(eq=False)
class PlannedItem:
    code: str
    spec: data.ItemSpec
    admitted: bool
    may_approve: bool


@dataclass(frozen=True)
class Applicant:
    kind: ApplicantType
    name: str
    #: The whole ID number or credit code; only its stored form reaches the database.
    raw_id: str


@dataclass(frozen=True)
class RosterLine:
    window_no: str
    day: date
    session: Session
    staff: PlannedStaff
    attendance: bool | None


@dataclass(eq=False)
class CaseDraft:
    order: int
    window: data.WindowSpec
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


@dataclass(eq=False)
class ComplaintDraft:
    received_at: datetime
    receiver: PlannedStaff
    category: str
    content: str
    case: CaseDraft | None
    completed_at: datetime | None
    complaint_no: str = ""


@dataclass
class DemoPlan:
    workdays: list[date]
    showcase: date
    staff: list[PlannedStaff]
    items: list[PlannedItem]
    roster: list[RosterLine]
    #: Ordered by receipt, numbered <hall code>-YYYYMMDD-NNNN like cases entered at a window.
    cases: list[CaseDraft]
    complaints: list[ComplaintDraft]
    notes: list[str]


def plan_demo(rng: random.Random, calendar: WorkCalendar, today: date, workdays: list[date]) -> DemoPlan:
    """The whole demo hall's records for ``workdays`` (the working days up to ``today``).

    Needs at least five working days: the planted escalation and the overdue
    examples reach back four working days from the showcase day.
    """
    return _Planner(rng, calendar, today, workdays).plan()


class _Planner:
    def __init__(self, rng: random.Random, calendar: WorkCalendar, today: date, workdays: list[date]) -> None:
        if len(workdays) < 5:
            raise ValueError("the demo needs at least five working days")
        self.rng = rng
        self.cal = calendar
        self.today = today
        self.workdays = workdays
        self.today_is_workday = workdays[-1] == today
        self.showcase = workdays[-2] if self.today_is_workday else workdays[-1]
        self.si = workdays.index(self.showcase)
        self.notes: list[str] = []
        self.windows = {w.number: w for w in data.WINDOWS}
        self.staff: list[PlannedStaff] = []
        self.teams: dict[str, tuple[list[PlannedStaff], list[PlannedStaff]]] = {}
        self.back_office: dict[str, PlannedStaff] = {}
        self.items: list[PlannedItem] = []
        self.items_by_name: dict[str, PlannedItem] = {}
        self.duty: dict[tuple[str, date, Session], list[tuple[PlannedStaff, bool | None]]] = {}
        self.roster: list[RosterLine] = []
        self.drafts: list[CaseDraft] = []
        self.complaints: list[ComplaintDraft] = []
        self.persons: list[Applicant] = []
        self.enterprises: list[Applicant] = []
        self.used_ids: set[str] = set()
        self.used_names: set[str] = set()
        self.bundle_serial: dict[date, int] = defaultdict(int)
        self.overdue_case: CaseDraft | None = None

    def plan(self) -> DemoPlan:
        self._staff()
        self._items()
        self._roster()
        self._everyday_cases()
        self._projects()
        self._showcase_cases()
        self._everyday_complaints()
        self._showcase_complaints()
        return DemoPlan(
            workdays=self.workdays,
            showcase=self.showcase,
            staff=self.staff,
            items=self.items,
            roster=self.roster,
            cases=self._numbered_cases(),
            complaints=self._numbered_complaints(),
            notes=self.notes,
        )

    def _numbered_cases(self) -> list[CaseDraft]:
        drafts = sorted(self.drafts, key=lambda d: (d.received_at, d.order))
        serial: dict[date, int] = defaultdict(int)
        for d in drafts:
            serial[d.day] += 1
            d.case_no = f"{data.HALL_CODE}-{d.day:%Y%m%d}-{serial[d.day]:04d}"
        return drafts

    def _numbered_complaints(self) -> list[ComplaintDraft]:
        complaints = sorted(self.complaints, key=lambda c: c.received_at)
        serial: dict[date, int] = defaultdict(int)
        for c in complaints:
            day = c.received_at.date()
            serial[day] += 1
            c.complaint_no = f"{data.HALL_CODE}-FY-{day:%Y%m%d}-{serial[day]:02d}"
        return complaints

    # --- people and the catalogue -----------------------------------------------------------

    def _staff(self) -> None:
        """Window teams from each window's department, plus one back-office approver per department.

        The back-office people never appear on a roster: when they approve a
        case, it was approved outside the hall.
        """
        abbr = dict(data.DEPARTMENTS)
        serial: dict[str, int] = defaultdict(int)

        def hire(dept: str, formal: bool, *, back_office: bool = False) -> PlannedStaff:
            if not formal:
                pool = _AUX_WEIGHTS
            else:
                pool = _CENTER_FORMAL_WEIGHTS if dept == data.CENTER else _FORMAL_WEIGHTS
            category = self.rng.choices(list(pool), weights=list(pool.values()))[0]
            serial[dept] += 1
            person = PlannedStaff(
                f"{abbr[dept]}{serial[dept]:03d}", self._unique_name(), dept, category, back_office
            )
            self.staff.append(person)
            return person

        for dept, _ in data.DEPARTMENTS:
            if dept != data.CENTER:
                self.back_office[dept] = hire(dept, True, back_office=True)
            for w in data.WINDOWS:
                if w.department == dept and w.in_service:
                    formal = [hire(dept, True) for _ in range(w.formal)]
                    aux = [hire(dept, False) for _ in range(w.auxiliary)]
                    self.teams[w.number] = (formal, aux)

    def _items(self) -> None:
        catalogue = data.catalogue()
        assert len(catalogue) == data.ITEM_COUNT
        abbr = dict(data.DEPARTMENTS)
        serial: dict[str, int] = defaultdict(int)
        for spec in catalogue:
            serial[spec.department] += 1
            admitted = spec.name not in data.NOT_ADMITTED
            item = PlannedItem(
                f"{abbr[spec.department]}-{serial[spec.department]:03d}",
                spec,
                admitted,
                admitted and spec.name not in data.NOT_AUTHORISED,
            )
            self.items.append(item)
            self.items_by_name[spec.name] = item

    def _name(self) -> str:
        surname = self.rng.choices(data.SURNAMES, weights=data.SURNAME_WEIGHTS)[0]
        length = 1 if self.rng.random() < 0.35 else 2
        return surname + "".join(self.rng.choice(data.GIVEN_CHARS) for _ in range(length))

    def _unique_name(self) -> str:
        while True:
            name = self._name()
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    # --- rosters and attendance ------------------------------------------------------------

    def _script(self) -> dict[tuple[str, date, Session], str]:
        """The planted staffing violations, by window, day and session."""
        w, s = self.workdays, self.si
        plan: dict[tuple[str, date, Session], str] = {}

        def put(number: str, index: int, session: Session, what: str, note: str) -> None:
            if index < 0:
                return
            day = w[index]
            plan[(number, day, session)] = what
            self.notes.append(f"{day.isoformat()} {session.value} {number} 窗口：{note}")

        put("A03", s - 2, _PM, "aux_only", "只排了辅助人员（仅辅助人员，5个工作日内第1次）")
        put("A03", s - 1, _AM, "aux_only", "只排了辅助人员（仅辅助人员，第2次）")
        put(
            "A03",
            s,
            _AM,
            "aux_only",
            "只排了辅助人员（仅辅助人员，第3次：逾期未整改且5日内3次，应建议临时关闭）",
        )
        put("B04", s, _AM, "formal_absent", "正式公职人员缺勤，只有辅助人员到岗（仅辅助人员）")
        put("D03", s, _PM, "nobody", "无人排班（无人值守）")
        put("C04", s, _PM, "all_absent", "排班人员全部缺勤（无人值守）")
        put("C06", s - 3, _PM, "formal_absent", "正式公职人员缺勤（仅辅助人员）")
        put("B07", s - 5, _AM, "nobody", "无人排班（无人值守）")
        if self.today_is_workday:
            t = len(w) - 1
            put("A07", t, _AM, "aux_only", "今天上午只有辅助人员在岗（仅辅助人员）")
            put("D05", t, _PM, "nobody", "今天下午无人排班（无人值守，按计划）")
        # Earlier weeks: now and then a formal colleague is away at a meeting, uncovered.
        numbers = sorted(self.teams)
        for index in range(max(0, s - _QUIET_DAYS_BEFORE_SHOWCASE)):
            if self.rng.random() < 0.15:
                key = (self.rng.choice(numbers), w[index], self.rng.choice((_AM, _PM)))
                plan.setdefault(key, "aux_only")
        return plan

    def _roster(self) -> None:
        """Who sits where, session by session; past attendance is filled in, today's afternoon is planned.

        Formal staff take turns so each is at the window at least once a day;
        now and then someone is on leave, usually covered by the other formal
        colleague. The last week up to the showcase day, and today, carry only
        the planted violations, so what they show can be described exactly.
        """
        plan = self._script()
        quiet = set(self.workdays[max(0, self.si - _QUIET_DAYS_BEFORE_SHOWCASE) :])
        numbers = sorted(self.teams)
        for index, day in enumerate(self.workdays):
            on_leave: set[str] = set()
            if day not in quiet:
                for number in numbers:
                    formal, aux = self.teams[number]
                    on_leave.update(p.no for p in formal if self.rng.random() < 0.02)
                    on_leave.update(p.no for p in aux if self.rng.random() < 0.03)
            for w in data.WINDOWS:
                if not w.in_service:
                    continue
                for turn, session in enumerate((_AM, _PM)):
                    entries = self._duty(w.number, index, turn, plan, on_leave)
                    self.duty[(w.number, day, session)] = entries
                    self.roster += [RosterLine(w.number, day, session, p, att) for p, att in entries]

    def _duty(
        self,
        number: str,
        index: int,
        turn: int,
        plan: dict[tuple[str, date, Session], str],
        on_leave: set[str],
    ) -> list[tuple[PlannedStaff, bool | None]]:
        day, session = self.workdays[index], (_AM, _PM)[turn]
        formal, aux = self.teams[number]
        planned_only = day == self.today and session is _PM
        # Draw the same numbers whatever the plan says, so planting one
        # violation does not reshuffle every later day.
        if len(formal) > 1:
            duty_f = list(formal) if self.rng.random() < 0.35 else [formal[(index + turn) % 2]]
        else:
            duty_f = list(formal)
        duty_a = [a for a in aux if self.rng.random() < 0.8] or [aux[(index + turn) % len(aux)]]
        cover_draw = self.rng.random()
        present: bool | None = None if planned_only else True
        what = plan.get((number, day, session), "")
        if what == "nobody":
            return []
        if what == "aux_only":
            return [(a, present) for a in duty_a]
        if what == "formal_absent":
            return [(f, False) for f in duty_f] + [(a, present) for a in duty_a]
        if what == "all_absent":
            return [(p, False) for p in duty_f + duty_a]
        entries = [(p, None if planned_only else p.no not in on_leave) for p in duty_f + duty_a]
        if not planned_only and all(p.no in on_leave for p in duty_f):
            cover = [f for f in formal if f not in duty_f and f.no not in on_leave]
            if cover and cover_draw < 0.6:
                entries.append((cover[0], True))
        return entries

    def _present(self, number: str, day: date, session: Session) -> list[PlannedStaff]:
        return [p for p, att in self.duty.get((number, day, session), ()) if att is not False]

    def _sessions(self, day: date) -> tuple[Session, ...]:
        # Today's afternoon has not happened yet: nothing is received or approved in it.
        return (_AM,) if day == self.today else (_AM, _PM)

    # --- applicants ---------------------------------------------------------------------------

    def _person(self) -> Applicant:
        if self.persons and self.rng.random() < 0.15:
            return self.rng.choice(self.persons)
        while True:
            region = self.rng.choice(data.CITY_REGIONS if self.rng.random() < 0.85 else data.OTHER_REGIONS)
            birth = date(1950, 1, 1) + timedelta(days=self.rng.randrange(0, 20454))
            first17 = f"{region}{birth:%Y%m%d}{self.rng.randint(1, 999):03d}"
            number = first17 + id_card_check_char(first17)
            if number not in self.used_ids:
                break
        self.used_ids.add(number)
        applicant = Applicant(ApplicantType.PERSON, self._name(), number)
        self.persons.append(applicant)
        return applicant

    def _credit_code(self, prefix: str) -> str:
        while True:
            body = "".join(self.rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
            first17 = f"{prefix}{self.rng.choice(data.CITY_REGIONS)}{body}"
            code = first17 + credit_code_check_char(first17)
            if code not in self.used_ids:
                self.used_ids.add(code)
                return code

    def _new_enterprise(self, organisation: bool = False) -> Applicant:
        trade = self.rng.choice(data.TRADE_NAMES)
        if organisation:
            name = f"{data.CITY}{trade}{self.rng.choice(('商会', '行业协会', '养老服务中心', '社会工作服务中心'))}"
            return Applicant(ApplicantType.ENTERPRISE, name, self._credit_code("52"))
        line = self.rng.choice(data.BUSINESS_LINES)
        name = f"{data.CITY}{trade}{line}{self.rng.choice(data.ENTERPRISE_FORMS)}"
        applicant = Applicant(ApplicantType.ENTERPRISE, name, self._credit_code("91"))
        self.enterprises.append(applicant)
        return applicant

    def _enterprise(self) -> Applicant:
        if len(self.enterprises) > 20 and self.rng.random() < 0.5:
            return self.rng.choice(self.enterprises)
        return self._new_enterprise()

    def _applicant_for(self, item: PlannedItem) -> Applicant:
        who = item.spec.applicant
        if who == "P" or (who == "M" and self.rng.random() < 0.6):
            return self._person()
        return self._new_enterprise(organisation=True) if item.spec.desk == "civil" else self._enterprise()

    # --- taking in cases ------------------------------------------------------------------------

    def _windows_for(self, item: PlannedItem) -> list[data.WindowSpec]:
        return [w for w in data.WINDOWS if w.in_service and item.spec.desk in w.desks]

    def _at(self, day: date, session: Session, after: datetime | None = None) -> datetime:
        start, span = _SESSION_SPAN[session]
        moment = datetime.combine(day, start) + timedelta(minutes=self.rng.randint(0, span))
        if after is not None and moment <= after:
            moment = after + timedelta(minutes=self.rng.randint(5, 30))
        return moment

    def _receive(
        self, candidates: Sequence[data.WindowSpec], day: date
    ) -> tuple[data.WindowSpec, Session, PlannedStaff] | None:
        """A staffed window and session to take a case in, or None when every candidate is empty."""
        sessions = self._sessions(day)
        weights = [0.5 if w.kind is WindowKind.COMBINED else 1.0 for w in candidates]
        for _ in range(6):
            w = self.rng.choices(list(candidates), weights=weights)[0]
            session = self.rng.choice(sessions)
            people = self._present(w.number, day, session)
            if people:
                return w, session, self.rng.choice(people)
        for w in candidates:
            for session in sessions:
                people = self._present(w.number, day, session)
                if people:
                    return w, session, people[0]
        return None

    def _draft(
        self,
        item: PlannedItem,
        day: date,
        *,
        windows: Sequence[data.WindowSpec] | None = None,
        applicant: Applicant | None = None,
        bundle_key: str | None = None,
    ) -> CaseDraft | None:
        taken = self._receive(windows or self._windows_for(item), day)
        if taken is None:
            return None
        window, session, receiver = taken
        draft = CaseDraft(
            order=len(self.drafts),
            window=window,
            item=item,
            applicant=applicant or self._applicant_for(item),
            received_at=self._at(day, session),
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
            for session in self._sessions(day):
                formal = [p for p in self._present(w.number, day, session) if p.formal]
                if formal:
                    after = draft.received_at if day == draft.day else None
                    return self.rng.choice(formal), self._at(day, session, after)
        return None

    def _approve(self, draft: CaseDraft, approver: PlannedStaff, at: datetime, place: ApprovalPlace) -> None:
        draft.approver, draft.approved_at, draft.place = approver, at, place
        draft.completed_at = at + timedelta(minutes=self.rng.randint(0, 20))
        draft.status = CaseStatus.COMPLETED

    def _back_office(
        self, draft: CaseDraft, day: date, *, place: ApprovalPlace = ApprovalPlace.BACK_OFFICE
    ) -> None:
        after = draft.received_at if day == draft.day else None
        at = self._at(day, self.rng.choice(self._sessions(day)), after)
        self._approve(draft, self.back_office[draft.item.spec.department], at, place)

    def _complete_without_approval(self, draft: CaseDraft, day: date, status: CaseStatus) -> None:
        after = draft.received_at if day == draft.day else None
        draft.completed_at = self._at(day, self.rng.choice(self._sessions(day)), after)
        draft.status = status

    def _settle(self, draft: CaseDraft, *, clean: bool = False) -> None:
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
                draft.supplement = rng.choice(data.SUPPLEMENT_NOTES)

    def _settle_now(self, draft: CaseDraft, clean: bool) -> None:
        session = _AM if draft.received_at.time() < time(12, 30) else _PM
        formal = [p for p in self._present(draft.window.number, draft.day, session) if p.formal]
        if not draft.item.may_approve:
            if formal and not clean and self.rng.random() < 0.05:
                at = draft.received_at + timedelta(minutes=self.rng.randint(8, 40))
                self._approve(draft, self.rng.choice(formal), at, ApprovalPlace.WINDOW)
            else:
                self._complete_without_approval(draft, draft.day, CaseStatus.COMPLETED)
            return
        if formal:
            at = draft.received_at + timedelta(minutes=self.rng.randint(8, 40))
            self._approve(draft, self.rng.choice(formal), at, ApprovalPlace.WINDOW)
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
            reason = rng.choice(data.SPECIAL_REASONS)
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
                draft.supplement = rng.choice(data.SUPPLEMENT_NOTES)
            return
        if not clean and rng.random() < 0.01:
            self._complete_without_approval(draft, finish, CaseStatus.RETURNED)
            return
        if not draft.item.may_approve:
            found = self._approver_on(finish, draft)
            if found and not clean and rng.random() < 0.05:
                self._approve(draft, found[0], found[1], ApprovalPlace.WINDOW)
            else:
                self._complete_without_approval(draft, finish, CaseStatus.COMPLETED)
            return
        if not clean and draft.item.spec.department in _BACK_OFFICE_PRONE and rng.random() < 0.04:
            place = ApprovalPlace.WINDOW if rng.random() < 0.3 else ApprovalPlace.BACK_OFFICE
            self._back_office(draft, finish, place=place)
            return
        found = self._approver_on(finish, draft)
        if found is not None:
            self._approve(draft, found[0], found[1], ApprovalPlace.WINDOW)
        elif finish < self.today:
            self._back_office(draft, finish)

    # --- everyday work -------------------------------------------------------------------------

    def _everyday_cases(self) -> None:
        rng = self.rng
        admitted = [i for i in self.items if i.admitted]
        by_desk: dict[str, list[PlannedItem]] = defaultdict(list)
        for item in admitted:
            by_desk[item.spec.desk].append(item)
        realty = by_desk["realty"]
        realty_weights = [_REALTY_WEIGHTS.get(i.spec.name, 1) for i in realty]
        desks = list(_DESK_WEIGHTS)
        desk_weights = list(_DESK_WEIGHTS.values())
        for day in self.workdays:
            share = 0.5 if day == self.today else 1.0
            total = round(rng.randint(20, 34) * share)
            bundles = round(rng.randint(1, 3) * share)
            realty_count = round(rng.randint(4, 8) * share)
            policy_count = rng.randint(0, 2) if day != self.today else 0
            for _ in range(bundles):
                self._enterprise_setup(day)
            for _ in range(realty_count):
                item = rng.choices(realty, weights=realty_weights)[0]
                draft = self._draft(item, day)
                if draft:
                    self._settle(draft)
            for _ in range(policy_count):
                draft = self._draft(rng.choice(by_desk["policy"]), day)
                if draft:
                    self._settle(draft)
            for _ in range(max(3, total - 4 * bundles - realty_count - policy_count)):
                desk = rng.choices(desks, weights=desk_weights)[0]
                draft = self._draft(rng.choice(by_desk[desk]), day)
                if draft:
                    self._settle(draft)

    def _enterprise_setup(self, day: date) -> None:
        """One new enterprise: licence, seal, bank account and tax, as one bundle (一件事).

        Most finish within a working day or two; one in ten drags on past the
        three-day target, which the core indicator should show.
        """
        rng = self.rng
        self.bundle_serial[day] += 1
        key = f"YJS-QYKB-{day:%Y%m%d}-{self.bundle_serial[day]:02d}"
        enterprise = self._new_enterprise()
        combined = [self.windows["A01"], self.windows["A02"]]
        one_window = rng.random() < 0.6
        pace = rng.random()
        steps = (data.LICENCE_SETUP, data.SEAL_SETUP, data.BANK_SETUP, data.TAX_SETUP)
        offsets = [0, 0, 0, 0]
        if pace > 0.45:
            offsets = [0, rng.randint(0, 1), rng.randint(1, 2), rng.randint(1, 2)]
        if pace > 0.9:
            offsets[3] = rng.randint(4, 5)
        for name, offset in zip(steps, offsets, strict=True):
            step_day = self.cal.add_working_days(day, offset)
            if step_day > self.today:
                return
            item = self.items_by_name[name]
            windows = combined if one_window else None
            draft = self._draft(item, step_day, windows=windows, applicant=enterprise, bundle_key=key)
            if draft is None:
                return
            self._settle(draft, clean=True)

    def _projects(self) -> None:
        """A few enterprise investment projects, from 立项 towards the construction permit."""
        rng = self.rng
        starts = [0, len(self.workdays) // 3, (2 * len(self.workdays)) // 3]
        for index in starts:
            day = self.workdays[index]
            key = f"{day:%y%m}-{data.CITY_REGIONS[0]}-04-01-{rng.randint(100000, 999999)}"
            enterprise = self._new_enterprise()
            reached = ""
            for name in data.PROJECT_STEPS:
                if day > self.today:
                    break
                draft = self._draft(self.items_by_name[name], day, applicant=enterprise, bundle_key=key)
                if draft is None:
                    break
                self._settle(draft, clean=True)
                reached = f"{name}（{draft.day} 受理，{'已办结' if draft.completed_at else '办理中'}）"
                if draft.completed_at is None:
                    break
                day = self.cal.add_working_days(draft.completed_at.date(), rng.randint(2, 6))
            if reached:
                self.notes.append(f"工程建设项目 {key}（{enterprise.name}）：最近一步为{reached}")

    def _everyday_complaints(self) -> None:
        rng, cal = self.rng, self.cal
        for day in self.workdays:
            if rng.random() >= 0.35:
                continue
            taken = self._receive([self.windows["D08"]], day)
            if taken is None:
                continue
            _, session, receiver = taken
            received = self._at(day, session)
            recent = [d for d in self.drafts if d.day <= day][-60:]
            case = rng.choice(recent) if recent and rng.random() < 0.5 else None
            answer_in = rng.choice((0, 1, 1, 2, 2)) if rng.random() > 0.08 else rng.randint(3, 4)
            answer_day = cal.add_working_days(day, answer_in)
            completed = None
            if answer_day < self.today:
                completed = self._at(answer_day, rng.choice((_AM, _PM)), received)
            self._complaint(received, receiver, case, completed)

    def _complaint(
        self,
        received: datetime,
        receiver: PlannedStaff,
        case: CaseDraft | None,
        completed: datetime | None,
        topic: tuple[str, str] | None = None,
    ) -> ComplaintDraft:
        category, template = topic or self.rng.choice(data.COMPLAINT_TOPICS)
        item_name = case.item.spec.name if case else self.rng.choice(self.items).spec.name
        window = case.window.number if case else self.rng.choice([w.number for w in data.WINDOWS if w.desks])
        content = template.format(item=item_name, window=window)
        draft = ComplaintDraft(received, receiver, category, content, case, completed)
        self.complaints.append(draft)
        return draft

    # --- the planted cases ---------------------------------------------------------------------

    def _someone_at(self, window: str, day: date, session: Session) -> PlannedStaff:
        """Who took something in at a window: present in that session if anyone was, else that day."""
        people = self._present(window, day, session) or [
            p for other in (_AM, _PM) for p in self._present(window, day, other)
        ]
        if people:
            return people[0]
        formal, aux = self.teams[window]
        return (formal + aux)[0]

    def _formal_at(self, window: str, day: date) -> PlannedStaff:
        for session in (_AM, _PM):
            formal = [p for p in self._present(window, day, session) if p.formal]
            if formal:
                return formal[0]
        raise AssertionError(f"demo script: no formal staff at {window} on {day}")

    def _planted(self, window: str, item_name: str, received: datetime) -> CaseDraft:
        item = self.items_by_name[item_name]
        session = _AM if received.time() < time(12, 30) else _PM
        draft = CaseDraft(
            order=len(self.drafts),
            window=self.windows[window],
            item=item,
            applicant=self._applicant_for(item),
            received_at=received,
            receiver=self._someone_at(window, received.date(), session),
        )
        self.drafts.append(draft)
        return draft

    def _showcase_cases(self) -> None:
        """One case for each kind of case-level violation, finished or seen on the showcase day.

        The showcase day has no random absences, so the approvers named here
        are certainly at their windows; the earlier days only take cases in.
        """
        w, s, show = self.workdays, self.si, self.showcase

        def on(day: date, hh: int, mm: int) -> datetime:
            return datetime.combine(day, time(hh, mm))

        note = self.notes.append
        window = ApprovalPlace.WINDOW
        back = ApprovalPlace.BACK_OFFICE

        d = self._planted("B02", "国有建设用地使用权及房屋所有权转移登记（存量房）", on(show, 9, 40))
        self._approve(d, self._formal_at("B02", show), on(show, 15, 20), back)
        note(f"{show} B02 窗口：存量房转移登记在部门后台审批（前店后厂：审批地点为部门后台）")

        d = self._planted("C04", data.PROJECT_STEPS[3], on(w[s - 2], 10, 5))
        self._approve(d, self.back_office["住建局"], on(show, 10, 30), window)
        note(f"{show} C04 窗口：施工许可由当天不在任何窗口的住建局后台人员审批（前店后厂：审批人未到岗）")

        d = self._planted("C05", "建设工程消防设计审查", on(w[s - 3], 14, 15))
        self._approve(d, self.back_office["住建局"], on(show, 16, 5), back)
        note(f"{show} C05 窗口：消防设计审查由后台人员在部门后台审批（前店后厂：两项理由）")

        d = self._planted("A05", "食品生产许可（新办）", on(w[s - 3], 9, 25))
        self._approve(d, self._formal_at("A05", show), on(show, 14, 40), window)
        note(f"{show} A05 窗口：未授权窗口审批的食品生产许可在窗口审批（前店后厂：未授权却已审批）")

        d = self._planted("B05", "抵押权首次登记", on(w[max(0, s - 4)], 10, 50))
        note(f"{show} B05 窗口：{d.day} 受理的抵押权首次登记（承诺1个工作日）仍未办结（超时）")
        self.overdue_case = d

        d = self._planted("B03", "预购商品房预告登记", on(w[s - 3], 15, 10))
        self._approve(d, self._formal_at("B03", show), on(show, 14, 10), window)
        note(f"{show} B03 窗口：{d.day} 受理的预告登记（承诺1个工作日）当天才办结（超时办结）")

        d = self._planted("D04", "医疗费用手工报销", on(w[s - 3], 9, 5))
        d.trips, d.supplement = 2, "缺少医疗费用发票原件，一次性告知补正"
        self._approve(d, self._formal_at("D04", show), on(show, 10, 15), window)
        note(f"{show} D04 窗口：医疗费用手工报销跑了2次（最多跑一次）")

        d = self._planted("B08", "购房提取住房公积金", on(show, 9, 15))
        d.trips, d.supplement = 3, "购房合同与发票信息不一致，需重新提供"
        self._approve(d, self._formal_at("B08", show), on(show, 11, 45), window)
        note(f"{show} B08 窗口：购房提取住房公积金跑了3次（最多跑一次）")

        d = self._planted("C03", data.PROJECT_STEPS[2], on(w[s - 3], 10, 0))
        d.periods.append((w[s - 2], None, "专家评审"))
        d.status = CaseStatus.SPECIAL_PROCEDURE
        note(f"{show} C03 窗口：建设工程规划许可自 {w[s - 2]} 起进入特别程序（专家评审），计时暂停")

    def _showcase_complaints(self) -> None:
        w, s = self.workdays, self.si
        day = w[s - 3]
        receiver = self._someone_at("D08", day, _AM)
        self._complaint(
            datetime.combine(day, time(10, 20)), receiver, self.overdue_case, None, data.COMPLAINT_TOPICS[2]
        )
        self.notes.append(f"{day} D08 窗口：受理的办不成事反映至今未办结（反映超期）")
        if s >= 4:
            day = w[s - 4]
            receiver = self._someone_at("D08", day, _PM)
            completed = datetime.combine(self.showcase, time(16, 0))
            self._complaint(
                datetime.combine(day, time(15, 5)), receiver, None, completed, data.COMPLAINT_TOPICS[1]
            )
            self.notes.append(f"{day} D08 窗口：受理的办不成事反映 {self.showcase} 才办结（超期办结）")
