"""Cases with ties and empty values for every sort key, and the order the case table promises for them.

Shared by the tests of services/cases/paging.py and of the case table's model:
both hold what the database returns, page by page, against the same cases
sorted here in Python from their own values.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update

from hallmonitor.services.cases import CaseFilter, fetch_cases
from hallmonitor.services.hall import HallContext
from tests.support.case_seed import SeededHall, bulk_cases

#: A shared moment, a shared completion: ties for the received and completed orders.
TIED_RECEIPT = datetime(2026, 4, 20, 10, 0)
TIED_COMPLETION = datetime(2026, 4, 25, 16, 0)


def varied_cases(
    ctx: HallContext, seeded: SeededHall, count: int, *, first_day: date, days: int = 40
) -> None:
    """``count`` cases (bulk_cases), some sharing a name, a receipt or a completion, some with no due date."""
    from hallmonitor.storage.models import Case

    bulk_cases(ctx, seeded, count, first_day=first_day, days=days)
    with ctx.db.session() as s:
        ids = s.scalars(select(Case.id).where(Case.hall_id == ctx.hall_id).order_by(Case.id)).all()
        s.execute(update(Case).where(Case.id.in_(ids[::5])).values(applicant_name="张三"))
        s.execute(update(Case).where(Case.id.in_(ids[::13])).values(due_date=None))
        s.execute(update(Case).where(Case.id.in_(ids[::17])).values(received_at=TIED_RECEIPT))
        s.execute(update(Case).where(Case.id.in_(ids[3::29])).values(completed_at=TIED_COMPLETION))


def expected_order(ctx: HallContext, key: str, descending: bool, f: CaseFilter | None = None) -> list[int]:
    """The ids in the order the table promises for ``key``, sorted here from every case's own values.

    Ties are broken by the id (a completion by the receipt first); a department's
    cases come item by item; cases without a due date or a completion come last
    ascending, first descending. ``f``: only the cases it lets through.
    """
    from hallmonitor.storage.models import Case, Department, Item, Window

    with ctx.db.session() as s:
        rows = s.execute(
            select(Case, Window.number, Window.id, Department.name, Department.id, Item.name, Item.id)
            .join(Window, Case.window_id == Window.id)
            .join(Item, Case.item_id == Item.id)
            .join(Department, Item.department_id == Department.id)
            .where(Case.hall_id == ctx.hall_id)
        ).all()
        s.expunge_all()
    wanted = {r.id for r in fetch_cases(ctx, f, limit=10**7)} if f is not None else None
    keys = {
        "case_no": lambda c, *_: (c.case_no,),
        "received_at": lambda c, *_: (c.received_at, c.id),
        "window": lambda c, number, wid, *_: (number, wid, c.id),
        "department": lambda c, _n, _w, dept, dept_id, item, item_id: (dept, dept_id, item, item_id, c.id),
        "item": lambda c, _n, _w, _d, _di, item, item_id: (item, item_id, c.id),
        "applicant_name": lambda c, *_: (c.applicant_name, c.id),
        "status": lambda c, *_: (c.status.value, c.id),
        "trips": lambda c, *_: (c.trips, c.id),
        "due_date": lambda c, *_: (c.due_date is None, c.due_date or date.min, c.id),
        "completed_at": lambda c, *_: (
            c.completed_at is None,
            c.completed_at or datetime.min,
            c.received_at,
            c.id,
        ),
    }
    ordered = sorted(rows, key=lambda r: keys[key](*r), reverse=descending)
    return [r[0].id for r in ordered if wanted is None or r[0].id in wanted]
