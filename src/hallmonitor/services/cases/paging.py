"""The case table's order, a page at a time: each page seeks from where the one before it ended.

A page read with OFFSET 500,000 makes the database step over half a million
rows to throw them away: half a second on an office PC, and the table asked
for one on every jump of its scroll bar. Here a page starts at a *place*: the
sort key and id of a row, which the sort's index (hall, key, id; migration
0006) finds in one seek, forwards or backwards. The id breaks ties, so the
order is total and pages never overlap or skip a row.

An order is a list of *segments*, each read from one index in (key…, id)
order:

* a column of the case (received, applicant, status…) is one segment, or two
  when it may be empty (due date, completion): the cases with a value, then
  those without (the empty ones last ascending, first descending, on every
  backend alike);
* a column of another table (the window's number, the department's or the
  item's name) is a segment per window or item, in the order of their names,
  each the cases of that window or item by id, from the (hall, window, id)
  or (hall, item, id) index. Sorting by department lists a department's
  cases item by item.

Jumping to a position (the scroll bar dragged to 70%) needs the place of the
row at that rank: services.cases.outline reads it once per filter and order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Select

from hallmonitor.domain.permissions import Permission
from hallmonitor.services.cases.query import (
    SORT_KEYS,
    CaseFilter,
    CaseResult,
    CaseRow,
    Where,
    conditions,
    count,
    shown_rows,
)
from hallmonitor.services.cases.search import SEARCH_CAP
from hallmonitor.services.hall import HallContext
from hallmonitor.storage.models import Case, Department, Item, Window

#: The rows of a page the case table asks for.
PAGE = 200


@dataclass(frozen=True)
class Place:
    """Where a row stands in an order: its segment, its key there, its id."""

    segment: int
    key: tuple[Any, ...]
    id: int


@dataclass(frozen=True)
class PageStart:
    """Where a page begins in its segment: at ``place`` (or just after it), then ``skip`` rows on.

    No place: the segment's first row.
    """

    segment: int
    place: Place | None = None
    after: bool = False
    skip: int = 0

    @classmethod
    def after_row(cls, row: CaseRow) -> PageStart:
        return cls(row.place.segment, row.place, after=True)


@dataclass(frozen=True)
class _Segment:
    where: ColumnElement[bool] | None
    #: The key before the id: one column, two, or none (the cases of one window or item).
    keys: tuple[Any, ...] = ()
    #: The window's or item's id, for a segment of its cases.
    group: int | None = None


@dataclass(frozen=True)
class _Order:
    segments: tuple[_Segment, ...]
    descending: bool
    #: The key alone orders (the case number: unique in a hall), no id after it.
    unique: bool = False
    #: Segments of windows or items: the case's column naming them.
    grouped_by: Any = None

    def sequence(self, start: int | None = None) -> list[int]:
        """The segments in reading order, from ``start``."""
        order = list(range(len(self.segments)))
        if self.descending:
            order.reverse()
        return order if start is None else order[order.index(start) :]

    def reversed(self) -> _Order:
        return replace(self, descending=not self.descending)


_COLUMN_KEYS: dict[str, tuple[Any, ...]] = {
    "received_at": (Case.received_at,),
    "applicant_name": (Case.applicant_name,),
    "status": (Case.status,),
    "trips": (Case.trips,),
}


def _order(session: Session, hall_id: int, sort_key: str, descending: bool) -> _Order:
    if sort_key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort_key!r}")
    if sort_key == "case_no":
        return _Order((_Segment(None, (Case.case_no,)),), descending, unique=True)
    if sort_key in _COLUMN_KEYS:
        return _Order((_Segment(None, _COLUMN_KEYS[sort_key]),), descending)
    if sort_key == "due_date":
        return _Order(
            (_Segment(Case.due_date.is_not(None), (Case.due_date,)), _Segment(Case.due_date.is_(None))),
            descending,
        )
    if sort_key == "completed_at":
        # The receipt breaks a completion's ties: the index is (hall, completion, receipt), 0005's.
        return _Order(
            (
                _Segment(Case.completed_at.is_not(None), (Case.completed_at, Case.received_at)),
                _Segment(Case.completed_at.is_(None), (Case.received_at,)),
            ),
            descending,
        )
    if sort_key == "window":
        windows = session.execute(
            select(Window.id).where(Window.hall_id == hall_id).order_by(Window.number, Window.id)
        ).scalars()
        segments = tuple(_Segment(Case.window_id == w, group=w) for w in windows)
        return _Order(segments, descending, grouped_by=Case.window_id)
    items = select(Item.id).where(Item.hall_id == hall_id)
    if sort_key == "department":
        items = items.join(Department, Item.department_id == Department.id).order_by(
            Department.name, Department.id, Item.name, Item.id
        )
    else:
        items = items.order_by(Item.name, Item.id)
    segments = tuple(_Segment(Case.item_id == i, group=i) for i in session.execute(items).scalars())
    return _Order(segments, descending, grouped_by=Case.item_id)


def _columns(order: _Order, segment: _Segment) -> list[Any]:
    return [*segment.keys] if order.unique else [*segment.keys, Case.id]


def _ranges(
    order: _Order, columns: list[Any], bounds: list[Any], after: bool
) -> list[list[ColumnElement[bool]]]:
    """The rows from a place on as disjoint ranges, in order, each one seek of the index.

    (key, id) > (k, i) is key = k and id > i, then key > k: SQLite reads a row
    value's inequality on its first column only, which for a key shared by a
    hundred thousand cases (a status, one trip) is reading them all.
    ``bounds``: the place's key and id as SQL (values or parameters).
    """
    ranges = []
    for last in range(len(columns) - 1, -1, -1):
        terms = [columns[i] == bounds[i] for i in range(last)]
        column, bound = columns[last], bounds[last]
        inclusive = last == len(columns) - 1 and not after
        if order.descending:
            terms.append(column <= bound if inclusive else column < bound)
        else:
            terms.append(column >= bound if inclusive else column > bound)
        ranges.append(terms)
    return ranges


def _bounds(order: _Order, columns: list[Any], place: Place) -> list[Any]:
    values = [*place.key] if order.unique else [*place.key, place.id]
    return [literal(v, type_=c.type) for v, c in zip(values, columns, strict=True)]


def _segment_query(where: Where, order: _Order, index: int) -> tuple[Select[Any], list[Any]]:
    """A segment's rows in reading order (keys, then the id), and the columns that order them."""
    segment = order.segments[index]
    columns = _columns(order, segment)
    query = select(*segment.keys, Case.id).where(*where.all_terms)
    if segment.where is not None:
        query = query.where(segment.where)
    return query.order_by(*(c.desc() if order.descending else c.asc() for c in columns)), columns


def _read(
    session: Session, where: Where, order: _Order, index: int, start: PageStart | None, limit: int
) -> list[Place]:
    """Up to ``limit`` places of one segment, in order, from ``start`` (its first row when None)."""
    query, columns = _segment_query(where, order, index)
    ranges: list[list[ColumnElement[bool]]] = [[]]
    if start is not None and start.place is not None:
        ranges = _ranges(order, columns, _bounds(order, columns, start.place), start.after)
    skip = start.skip if start is not None else 0
    found: list[Place] = []
    for terms in ranges:
        rows = session.execute(query.where(*terms).offset(skip or None).limit(limit - len(found))).all()
        if skip and not rows:
            # Fewer rows here than were to be passed over: pass over them all, and on.
            passed = select(func.count()).select_from(query.where(*terms).order_by(None).subquery())
            skip -= int(session.scalar(passed) or 0)
            continue
        skip = 0
        found += [Place(index, tuple(row[:-1]), row[-1]) for row in rows]
        if len(found) >= limit:
            break
    return found


def _walk(
    session: Session,
    where: Where,
    order: _Order,
    start: PageStart | None,
    limit: int,
    counts: tuple[int, ...] | None = None,
) -> list[Place]:
    """``limit`` places from ``start`` on, crossing into the next segments as each runs out."""
    found: list[Place] = []
    if not order.segments:
        return found
    for index in order.sequence(start.segment if start is not None else None):
        if counts is not None and not counts[index]:
            continue
        first = start if start is not None and index == start.segment else None
        found += _read(session, where, order, index, first, limit - len(found))
        if len(found) >= limit:
            break
    return found


def _rows(session: Session, places: list[Place], f: CaseFilter) -> list[CaseRow]:
    by_id = {p.id: p for p in places}
    shown = shown_rows(session, list(by_id), f.as_of, by_id)
    return [shown[p.id] for p in places if p.id in shown]


def case_page(
    ctx: HallContext,
    f: CaseFilter,
    sort_key: str = "received_at",
    descending: bool = True,
    start: PageStart | None = None,
    limit: int = PAGE,
    *,
    backward: bool = False,
    counts: tuple[int, ...] | None = None,
) -> list[CaseRow]:
    """The rows from ``start`` on (from the first row when None), each with its place.

    ``backward``: the ``limit`` rows before ``start`` instead (the last rows when
    None), still in the table's order. ``counts``, an outline's, lets the read
    pass over the windows or items without a case.
    """
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        where = conditions(session, ctx, f)
        order = _order(session, ctx.hall_id, sort_key, descending)
        if backward:
            places = _walk(session, where, order.reversed(), start, limit, counts)[::-1]
        else:
            places = _walk(session, where, order, start, limit, counts)
        return _rows(session, places, f)


def find_cases(
    ctx: HallContext, f: CaseFilter, sort_key: str = "received_at", descending: bool = True, limit: int = PAGE
) -> CaseResult:
    """The count and first rows the case page shows.

    A substring search returns all its cases up to SEARCH_CAP, whatever
    ``limit`` says, and counts them by fetching them: on SQLite each query of
    such a search is a pass over the table, so it makes one, and the table then
    scrolls through rows already fetched. On SQLite a filter read by such a
    pass (see query._scans) returns its first SEARCH_CAP cases for the same
    reason, its count exact.
    """
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        where = conditions(session, ctx, f)
        search = where.search
        order = _order(session, ctx.hall_id, sort_key, descending)
        if search.bounded:
            places = _walk(session, where, order, None, SEARCH_CAP + 1)
            capped, total = len(places) > SEARCH_CAP, min(len(places), SEARCH_CAP)
            places = places[:SEARCH_CAP]
        else:
            capped, total = False, count(session, ctx, f, where)
            wanted = min(SEARCH_CAP if where.scan else limit, total)
            places = _walk(session, where, order, None, wanted) if wanted else []
        rows = _rows(session, places, f)
    return CaseResult(
        total=total,
        rows=rows,
        capped=capped,
        search=search.kind,
        searched=search.shown,
        notice=search.notice or ("" if total else search.when_empty),
    )
