"""The scale hall's import files, row by row: master data, rosters and complaints as a hall keeps them.

Each function returns the header and rows of one import kind, in the column
names of the app's templates, so the files go through exactly the checks a
hall's own files do. The rows are plain values (text, whole numbers, dates);
``files.write_xlsx`` writes them as the queue system's exports are written.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any

from hallmonitor.bench.plan import Duty, Plan
from hallmonitor.domain.enums import WindowKind

Rows = tuple[list[str], list[list[Any]]]

_YES, _NO = "是", "否"
COMPLAINT_LIMIT = 2
_TOPICS = (
    ("材料反复补正", "办理{item}时被要求多次补交材料，每次告知的材料清单都不一样。"),
    ("窗口推诿", "在{window}窗口咨询{item}，被告知不归本窗口办理，让去其他部门问。"),
    ("超时未办结", "{item}已超过承诺时限仍未办结，电话询问也没有明确答复。"),
    ("系统故障", "在窗口办理{item}时系统一直无法提交，只能改天再来。"),
    ("政策不清", "咨询{item}的兑现条件，不同工作人员说法不一致。"),
    ("多次跑动", "为办理{item}已经来了三趟，希望能一次办好。"),
)


def window_rows(plan: Plan) -> Rows:
    return (
        ["窗口号", "窗口名称", "部门", "窗口类型"],
        [[w.number, w.name, w.department, w.kind.value] for w in plan.layout.windows],
    )


def staff_rows(plan: Plan) -> Rows:
    return (
        ["工号", "姓名", "部门", "人员类别"],
        [[s.number, s.name, s.department, s.category.value] for s in plan.layout.staff],
    )


def item_rows(plan: Plan) -> Rows:
    header = ["事项编码", "事项名称", "部门", "事项类别", "办件类型", "承诺时限(工作日)", "法定时限(工作日)"]
    return (
        [*header, "是否进驻", "是否授权窗口审批"],
        [
            [
                i.code,
                i.name,
                i.department,
                i.category.value,
                i.case_type.value,
                i.promised_days,
                i.legal_days or None,
                _YES if i.admitted else _NO,
                _YES if i.window_may_approve else _NO,
            ]
            for i in plan.layout.items
        ],
    )


def roster_rows(plan: Plan, first: int, stop: int) -> Rows:
    """The roster of roster days ``first`` to ``stop`` (exclusive); days without cases only planned."""
    worked = len(plan.counts)
    rows: list[list[Any]] = []
    for index in range(first, stop):
        day = plan.roster_days[index]
        planned_only = index >= worked
        for window, seats in zip(plan.layout.windows, plan.seats(index), strict=True):
            for session, seat in zip(("上午", "下午"), seats, strict=True):
                if seat.duty is Duty.UNSTAFFED:
                    continue
                assert seat.officer is not None and seat.clerk is not None
                officer_present = None if planned_only else (_NO if seat.duty is Duty.ABSENT else _YES)
                clerk_present = None if planned_only else _YES
                rows.append([day, session, window.number, seat.officer.number, officer_present])
                rows.append([day, session, window.number, seat.clerk.number, clerk_present])
    return ["日期", "时段", "窗口号", "工号", "到岗"], rows


def roster_files(plan: Plan, days_per_file: int = 60) -> Iterator[tuple[int, int]]:
    """The roster days in files of about two months each, as halls plan them."""
    for first in range(0, len(plan.roster_days), days_per_file):
        yield first, min(len(plan.roster_days), first + days_per_file)


def complaint_rows(plan: Plan, day_index: int) -> list[list[Any]]:
    """The complaints received on the ``day_index``-th day with cases: about one in a thousand cases."""
    day, count = plan.roster_days[day_index], plan.counts[day_index]
    rng = random.Random(f"{plan.seed}-complaints-{day.toordinal()}")
    expected = count / 1000
    received = int(expected) + (rng.random() < expected - int(expected))
    desks = [w for w in plan.layout.windows if w.kind is WindowKind.COMPLAINTS]
    items = plan.layout.items
    worked = len(plan.counts)
    rows: list[list[Any]] = []
    for n in range(received):
        desk = desks[n % len(desks)]
        at = datetime.combine(day, time(9, 30)) + timedelta(minutes=rng.randrange(420))
        category, content = rng.choice(_TOPICS)
        about = rng.choice(items)
        draw = rng.random()
        # Most are answered within the limit, some late, a few not yet.
        later = (
            rng.randrange(COMPLAINT_LIMIT + 1)
            if draw < 0.88
            else COMPLAINT_LIMIT + 1 + rng.randrange(3)
            if draw < 0.96
            else None
        )
        answered = None
        if later is not None and day_index + later < worked:
            answered_day = plan.roster_days[day_index + later]
            answered = max(at + timedelta(minutes=30), datetime.combine(answered_day, time(16, 0)))
        case_no = f"{day:%Y%m%d}{rng.randrange(count):05d}" if count and rng.random() < 0.5 else None
        rows.append(
            [
                f"FY{day:%Y%m%d}{n + 1:03d}",
                desk.number,
                case_no,
                at,
                category,
                content.format(item=about.name, window=rng.choice(plan.layout.windows).number),
                answered,
            ]
        )
    return rows


COMPLAINT_HEADER = ["反映编号", "窗口号", "办件编号", "反映时间", "反映类别", "反映内容", "办结时间"]
