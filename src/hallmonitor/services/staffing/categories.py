"""The category each person had on a day, from their category history.

A person moved from 辅助人员 to 正式公职人员 on 11 May leaves the week of 4 May
judged auxiliary-only: every verdict of a day reads the category in force that
day, not the one on the staff row today. Before a person's first change they
had that change's ``from_category``; with no change, the staff row's.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from hallmonitor.domain.enums import StaffCategory
from hallmonitor.services.hall import HallContext
from hallmonitor.storage.models import Staff, StaffCategoryChange


@dataclass(frozen=True)
class CategoryHistory:
    #: staff id -> the days of change in order, and the category from each of them.
    changes: dict[int, tuple[tuple[date, ...], tuple[StaffCategory, ...], StaffCategory]] = field(
        default_factory=dict
    )

    def on(self, staff_id: int, day: date, current: StaffCategory) -> StaffCategory:
        """The category ``staff_id`` had on ``day``; ``current`` (the staff row's) when it never changed."""
        found = self.changes.get(staff_id)
        if found is None:
            return current
        days, categories, first = found
        n = bisect_right(days, day)
        return categories[n - 1] if n else first


def category_history(ctx: HallContext, session=None) -> CategoryHistory:  # type: ignore[no-untyped-def]
    """Every category change of the hall's staff (a small table: a handful per person at most)."""
    query = (
        select(
            StaffCategoryChange.staff_id,
            StaffCategoryChange.day,
            StaffCategoryChange.from_category,
            StaffCategoryChange.to_category,
        )
        .join(Staff, StaffCategoryChange.staff_id == Staff.id)
        .where(Staff.hall_id == ctx.hall_id)
        .order_by(StaffCategoryChange.staff_id, StaffCategoryChange.day)
    )
    if session is None:
        with ctx.db.session() as own:
            rows = own.execute(query).all()
    else:
        rows = session.execute(query).all()
    by_staff: dict[int, list[tuple[date, StaffCategory, StaffCategory]]] = defaultdict(list)
    for staff_id, day, before, after in rows:
        by_staff[staff_id].append((day, before, after))
    return CategoryHistory(
        {
            sid: (tuple(d for d, _b, _a in rows), tuple(a for _d, _b, a in rows), rows[0][1])
            for sid, rows in by_staff.items()
        }
    )
