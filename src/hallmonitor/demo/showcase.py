"""The planted violations: every kind the rules look for, on known windows and days.

A supervisor judging the app needs to see it find things, and a test needs to
know exactly what it should find. Everyday work (``cases``) has its rare
mishaps; what a demonstration points at is planted here, mostly on the
showcase day (the last full working day), each told in one Chinese sentence
in the notes: staffing (仅辅助人员 three times at A03 so that it escalates,
formal staff absent, nobody on the roster, everyone absent, and now and then
an uncovered gap in the earlier weeks), front shop, back factory (approval in
the back office, by someone not at the hall, of an item not authorised for
the window), overdue and late cases, repeated trips, a running special
procedure, and complaints answered late or not at all. The last week up to
the showcase day has no random absences, so the people named here are
certainly where they are said to be.
"""

from __future__ import annotations

from datetime import date, datetime, time

from hallmonitor.demo.cases import CaseDraft, Cases
from hallmonitor.demo.complaints import COMPLAINT_TOPICS, Complaints
from hallmonitor.demo.hall import WINDOW_BY_NUMBER
from hallmonitor.demo.items import PROJECT_STEPS, PlannedItem
from hallmonitor.demo.people import People, PlannedStaff
from hallmonitor.demo.roster import Roster, StaffingScript
from hallmonitor.demo.story import Story
from hallmonitor.domain.enums import ApprovalPlace, CaseStatus, Session

_AM, _PM = Session.MORNING, Session.AFTERNOON


class Showcase:
    """Plants the violations: the staffing script before the roster, cases and complaints after the rest."""

    def __init__(
        self,
        story: Story,
        people: People,
        roster: Roster,
        cases: Cases,
        complaints: Complaints,
        items: list[PlannedItem],
    ) -> None:
        self.story = story
        self.rng = story.rng
        self.workdays = story.workdays
        self.si = story.si
        self.showcase = story.showcase
        self.today_is_workday = story.today_is_workday
        self.notes = story.notes
        self.people = people
        self.teams = people.teams
        self.roster = roster
        self.cases = cases
        self.complaints = complaints
        self.items_by_name = {i.spec.name: i for i in items}
        self.overdue_case: CaseDraft | None = None

    def staffing(self) -> StaffingScript:
        """The planted staffing violations, by window, day and session."""
        w, s = self.workdays, self.si
        script: StaffingScript = {}

        def put(number: str, index: int, session: Session, what: str, note: str) -> None:
            if index < 0:
                return
            day = w[index]
            script[(number, day, session)] = what
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
        for index in range(self.story.first_quiet):
            if self.rng.random() < 0.15:
                key = (self.rng.choice(numbers), w[index], self.rng.choice((_AM, _PM)))
                script.setdefault(key, "aux_only")
        return script

    def _someone_at(self, window: str, day: date, session: Session) -> PlannedStaff:
        """Who took something in at a window: present in that session if anyone was, else that day."""
        people = self.roster.present(window, day, session) or [
            p for other in (_AM, _PM) for p in self.roster.present(window, day, other)
        ]
        if people:
            return people[0]
        formal, aux = self.teams[window]
        return (formal + aux)[0]

    def _formal_at(self, window: str, day: date) -> PlannedStaff:
        for session in (_AM, _PM):
            formal = [p for p in self.roster.present(window, day, session) if p.formal]
            if formal:
                return formal[0]
        raise AssertionError(f"demo script: no formal staff at {window} on {day}")

    def _planted(self, window: str, item_name: str, received: datetime) -> CaseDraft:
        """A case of the named item taken in at ``window`` at ``received``, left for the caller to settle."""
        item = self.items_by_name[item_name]
        session = _AM if received.time() < time(12, 30) else _PM
        draft = CaseDraft(
            order=len(self.cases.drafts),
            window=WINDOW_BY_NUMBER[window],
            item=item,
            applicant=self.people.applicant_for(item),
            received_at=received,
            receiver=self._someone_at(window, received.date(), session),
        )
        self.cases.drafts.append(draft)
        return draft

    def plant_cases(self) -> None:
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
        self.cases.approve(d, self._formal_at("B02", show), on(show, 15, 20), back)
        note(f"{show} B02 窗口：存量房转移登记在部门后台审批（前店后厂：审批地点为部门后台）")

        d = self._planted("C04", PROJECT_STEPS[3], on(w[s - 2], 10, 5))
        self.cases.approve(d, self.people.back_office["住建局"], on(show, 10, 30), window)
        note(f"{show} C04 窗口：施工许可由当天不在任何窗口的住建局后台人员审批（前店后厂：审批人未到岗）")

        d = self._planted("C05", "建设工程消防设计审查", on(w[s - 3], 14, 15))
        self.cases.approve(d, self.people.back_office["住建局"], on(show, 16, 5), back)
        note(f"{show} C05 窗口：消防设计审查由后台人员在部门后台审批（前店后厂：两项理由）")

        d = self._planted("A05", "食品生产许可（新办）", on(w[s - 3], 9, 25))
        self.cases.approve(d, self._formal_at("A05", show), on(show, 14, 40), window)
        note(f"{show} A05 窗口：未授权窗口审批的食品生产许可在窗口审批（前店后厂：未授权却已审批）")

        d = self._planted("B05", "抵押权首次登记", on(w[max(0, s - 4)], 10, 50))
        note(f"{show} B05 窗口：{d.day} 受理的抵押权首次登记（承诺1个工作日）仍未办结（超时）")
        self.overdue_case = d

        d = self._planted("B03", "预购商品房预告登记", on(w[s - 3], 15, 10))
        self.cases.approve(d, self._formal_at("B03", show), on(show, 14, 10), window)
        note(f"{show} B03 窗口：{d.day} 受理的预告登记（承诺1个工作日）当天才办结（超时办结）")

        d = self._planted("D04", "医疗费用手工报销", on(w[s - 3], 9, 5))
        d.trips, d.supplement = 2, "缺少医疗费用发票原件，一次性告知补正"
        self.cases.approve(d, self._formal_at("D04", show), on(show, 10, 15), window)
        note(f"{show} D04 窗口：医疗费用手工报销跑了2次（最多跑一次）")

        d = self._planted("B08", "购房提取住房公积金", on(show, 9, 15))
        d.trips, d.supplement = 3, "购房合同与发票信息不一致，需重新提供"
        self.cases.approve(d, self._formal_at("B08", show), on(show, 11, 45), window)
        note(f"{show} B08 窗口：购房提取住房公积金跑了3次（最多跑一次）")

        d = self._planted("C03", PROJECT_STEPS[2], on(w[s - 3], 10, 0))
        d.periods.append((w[s - 2], None, "专家评审"))
        d.status = CaseStatus.SPECIAL_PROCEDURE
        note(f"{show} C03 窗口：建设工程规划许可自 {w[s - 2]} 起进入特别程序（专家评审），计时暂停")

    def plant_complaints(self) -> None:
        """Two complaints not answered in time: one about the overdue case, still open; one answered late."""
        w, s = self.workdays, self.si
        day = w[s - 3]
        receiver = self._someone_at("D08", day, _AM)
        self.complaints.add(
            datetime.combine(day, time(10, 20)), receiver, self.overdue_case, None, COMPLAINT_TOPICS[2]
        )
        self.notes.append(f"{day} D08 窗口：受理的办不成事反映至今未办结（反映超期）")
        if s >= 4:
            day = w[s - 4]
            receiver = self._someone_at("D08", day, _PM)
            completed = datetime.combine(self.showcase, time(16, 0))
            self.complaints.add(
                datetime.combine(day, time(15, 5)), receiver, None, completed, COMPLAINT_TOPICS[1]
            )
            self.notes.append(f"{day} D08 窗口：受理的办不成事反映 {self.showcase} 才办结（超期办结）")
