"""Complaints at the 办不成事反映窗口: what could not be done in one go, and when it was answered.

The directive asks every hall for a window where applicants report what they
could not get done; its complaints must be answered within a few working
days, and an overdue one is a red alert. Everyday complaints come on about a
third of the working days, half of them about a recent case, most answered in
time; the planted overdue ones are added by ``showcase``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from hallmonitor.demo.cases import CaseDraft, Cases
from hallmonitor.demo.hall import HALL_CODE, WINDOW_BY_NUMBER, WINDOWS
from hallmonitor.demo.items import PlannedItem
from hallmonitor.demo.people import PlannedStaff
from hallmonitor.demo.roster import Roster
from hallmonitor.demo.story import Story
from hallmonitor.domain.enums import Session

_AM, _PM = Session.MORNING, Session.AFTERNOON

#: What applicants report: (category, content with the {item} and {window} it was about).
COMPLAINT_TOPICS: tuple[tuple[str, str], ...] = (
    ("材料反复补正", "办理{item}时被要求多次补交材料，每次告知的材料清单都不一样。"),
    ("窗口推诿", "在{window}窗口咨询{item}，被告知不归本窗口办理，让去其他部门问。"),
    ("超时未办结", "{item}已超过承诺时限仍未办结，电话询问也没有明确答复。"),
    ("系统故障", "在窗口办理{item}时系统一直无法提交，只能改天再来。"),
    ("政策不清", "咨询{item}的兑现条件，不同工作人员说法不一致。"),
    ("多次跑动", "为办理{item}已经来了三趟，希望能一次办好。"),
)


@dataclass(eq=False)
class ComplaintDraft:
    received_at: datetime
    receiver: PlannedStaff
    category: str
    content: str
    case: CaseDraft | None
    completed_at: datetime | None
    complaint_no: str = ""


class Complaints:
    """Every complaint drafted so far, and how it was answered."""

    def __init__(self, story: Story, roster: Roster, cases: Cases, items: list[PlannedItem]) -> None:
        self.story = story
        self.rng = story.rng
        self.cal = story.cal
        self.today = story.today
        self.workdays = story.workdays
        self.roster = roster
        self.cases = cases
        self.items = items
        self.drafts: list[ComplaintDraft] = []

    def numbered(self) -> list[ComplaintDraft]:
        """The complaints ordered by receipt, numbered <hall code>-FY-YYYYMMDD-NN."""
        complaints = sorted(self.drafts, key=lambda c: c.received_at)
        serial: dict[date, int] = defaultdict(int)
        for c in complaints:
            day = c.received_at.date()
            serial[day] += 1
            c.complaint_no = f"{HALL_CODE}-FY-{day:%Y%m%d}-{serial[day]:02d}"
        return complaints

    def everyday(self) -> None:
        rng, cal = self.rng, self.cal
        for day in self.workdays:
            if rng.random() >= 0.35:
                continue
            taken = self.roster.receive([WINDOW_BY_NUMBER["D08"]], day)
            if taken is None:
                continue
            _, session, receiver = taken
            received = self.story.at(day, session)
            recent = [d for d in self.cases.drafts if d.day <= day][-60:]
            case = rng.choice(recent) if recent and rng.random() < 0.5 else None
            answer_in = rng.choice((0, 1, 1, 2, 2)) if rng.random() > 0.08 else rng.randint(3, 4)
            answer_day = cal.add_working_days(day, answer_in)
            completed = None
            if answer_day < self.today:
                completed = self.story.at(answer_day, rng.choice((_AM, _PM)), received)
            self.add(received, receiver, case, completed)

    def add(
        self,
        received: datetime,
        receiver: PlannedStaff,
        case: CaseDraft | None,
        completed: datetime | None,
        topic: tuple[str, str] | None = None,
    ) -> ComplaintDraft:
        """A complaint received by ``receiver``, about ``case`` if given, in a topic drawn unless given."""
        category, template = topic or self.rng.choice(COMPLAINT_TOPICS)
        item_name = case.item.spec.name if case else self.rng.choice(self.items).spec.name
        window = case.window.number if case else self.rng.choice([w.number for w in WINDOWS if w.desks])
        content = template.format(item=item_name, window=window)
        draft = ComplaintDraft(received, receiver, category, content, case, completed)
        self.drafts.append(draft)
        return draft
