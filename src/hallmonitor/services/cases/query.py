"""Finding cases among a million: the filters as SQL, how many pass them, and their rows as shown.

A view that pages through cases must never load them whole, and a filter or
sort applied after fetching would only see the rows already fetched, so every
condition is SQL; the order and the paging are services.cases.paging. What
the search box matches is services.cases.search.

"Overdue" uses the due date the entry service stores on each case, the same
rule as the deadline report: unfinished past the due date, or finished on a
later day. Only the first half depends on today; a finished case is late or
not for good, so each half has a partial index (migration 0006) and an
overdue count reads those two, never every case. The count of all cases, or
of a range of days, is read on PostgreSQL from case_tally, which its triggers
keep (a row a day instead of a million cases), and on SQLite as _tally says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, Integer, and_, exists, func, or_, select, text
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import ColumnElement, operators
from sqlalchemy.sql.expression import UnaryExpression

from hallmonitor.domain.enums import ApplicantType, CaseStatus, DeadlineState, FlagState
from hallmonitor.domain.permissions import Permission
from hallmonitor.services.cases.search import Search, SearchKind, parse_search
from hallmonitor.services.hall import HallContext
from hallmonitor.storage.models import (
    FINISHED_LATE,
    Case,
    CaseTally,
    Department,
    FrontShopFlag,
    Hall,
    Item,
    Window,
)

#: Sort keys the table offers, each a column the database can order by.
SORT_KEYS = (
    "case_no",
    "received_at",
    "window",
    "department",
    "item",
    "applicant_name",
    "status",
    "trips",
    "due_date",
    "completed_at",
)


@dataclass(frozen=True)
class CaseFilter:
    received_from: date | None = None
    #: Inclusive: the whole last day counts.
    received_to: date | None = None
    window_id: int | None = None
    #: The department of the case's item, which may differ from a combined window's.
    department_id: int | None = None
    status: CaseStatus | None = None
    #: The search box: part of a case number or name, a window's number, a full ID number or credit code.
    text: str = ""
    #: True: only cases with a 前店后厂 flag; False: only cases without; None: both.
    flagged: bool | None = None
    overdue: bool = False
    #: True: only voided cases (作废); False: only cases that count; None: both.
    voided: bool | None = None
    #: The day "overdue" and the deadline state are judged on.
    as_of: date = field(default_factory=date.today)


@dataclass(frozen=True)
class CaseRow:
    id: int
    case_no: str
    received_at: datetime
    window: str
    department: str
    item: str
    applicant_type: ApplicantType
    applicant_name: str
    applicant_id_display: str
    status: CaseStatus
    trips: int
    due_date: date | None
    completed_at: datetime | None
    flag_state: FlagState | None
    deadline_state: DeadlineState
    voided: bool = False
    #: Where the row stands in the order it was read in (services.cases.paging): the next page
    #: starts after it. None for a row read otherwise.
    place: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class FilterChoices:
    windows: list[tuple[int, str]]
    departments: list[tuple[int, str]]


def filter_choices(ctx: HallContext) -> FilterChoices:
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        windows = session.execute(
            select(Window.id, Window.number, Window.name)
            .where(Window.hall_id == ctx.hall_id)
            .order_by(Window.number)
        ).all()
        departments = session.execute(
            select(Department.id, Department.name)
            .where(Department.hall_id == ctx.hall_id)
            .order_by(Department.name)
        ).all()
    return FilterChoices(
        windows=[(wid, f"{number} {name}") for wid, number, name in windows],
        departments=[(did, name) for did, name in departments],
    )


def unfinished_overdue(as_of: date) -> list[ColumnElement[bool]]:
    """超时 on ``as_of`` for a case not yet finished: past its due date. The terms of a partial index.

    A case whose clock a running special procedure stopped has no due date and
    is never overdue, as in the deadline report.
    """
    return [Case.completed_at.is_(None), Case.voided_at.is_(None), Case.due_date < as_of]


def finished_late(dialect: str) -> list[ColumnElement[bool]]:
    """超时 for a finished case, whatever today is: in the words of its partial index's condition.

    Completed on a day after its due date; SQLite's index says so without a
    function call (storage.models.FINISHED_LATE), and the query must say it
    the same way for SQLite to read that index.
    """
    if dialect == "sqlite":
        return [Case.voided_at.is_(None), text(FINISHED_LATE["sqlite"].split(" AND ", 1)[1])]
    completed_day = func.date(Case.completed_at, type_=Date)
    return [Case.voided_at.is_(None), completed_day > Case.due_date]


def overdue_condition(as_of: date) -> ColumnElement[bool]:
    """SQL for 超时 on ``as_of`` (a voided case is overdue for nobody): either half, on any backend."""
    completed_day = func.date(Case.completed_at, type_=Date)
    return or_(
        and_(*unfinished_overdue(as_of)),
        and_(Case.voided_at.is_(None), Case.completed_at.is_not(None), completed_day > Case.due_date),
    )


def deadline_state(due: date | None, completed_at: datetime | None, as_of: date) -> DeadlineState:
    """The row's card colour from the stored due date, matching :func:`overdue_condition`."""
    if due is None:
        return DeadlineState.ON_TIME
    if completed_at is not None:
        return DeadlineState.OVERDUE if completed_at.date() > due else DeadlineState.ON_TIME
    if as_of > due:
        return DeadlineState.OVERDUE
    return DeadlineState.DUE_TODAY if as_of == due else DeadlineState.ON_TIME


@dataclass(frozen=True)
class Where:
    """A filter as SQL over the cases alone (no join), and how to read it."""

    #: Every term but 超时's.
    terms: list[ColumnElement[bool]]
    #: Only overdue cases: :func:`overdue_condition` on this day joins the terms.
    overdue_on: date | None
    #: What the search box's text became.
    search: Search
    #: SQLite reads the table rather than walk the hall's index (see _scans).
    scan: bool
    #: Only a range of days (voided or not, or either): the count is case_tally's.
    tallied: bool

    @property
    def all_terms(self) -> list[ColumnElement[bool]]:
        if self.overdue_on is None:
            return self.terms
        return [*self.terms, overdue_condition(self.overdue_on)]


def _scans(session: Session, f: CaseFilter, search: Search) -> bool:
    """Whether SQLite is kept off the hall's indexes for this filter.

    SQLite keeps no statistics here, so for "this hall" it walks the hall's
    index in the table's order, fetching each case by its id: a million random
    reads, twenty times one pass over the table, whenever the other terms are
    ones no index serves and few cases pass them. Those are a search, and
    仅超时 and 仅前店后厂 over every date (the default since they look at all
    dates). A date range or a window still lets an index narrow the cases.
    """
    if session.get_bind().dialect.name != "sqlite":
        return False
    if search.avoid_hall_index:
        return True
    narrowed = f.received_from is not None or f.received_to is not None or f.window_id is not None
    return (f.overdue or f.flagged is True) and not narrowed


def hall_term(hall_id: int, scan: bool) -> ColumnElement[bool]:
    # SQLite's "+hall_id": the same test, but one no index can serve.
    hall = UnaryExpression(Case.hall_id, operator=operators.custom_op("+"), type_=Integer())
    return (hall if scan else Case.hall_id) == hall_id


def _received_bounds(f: CaseFilter) -> tuple[datetime | None, datetime | None]:
    start = datetime.combine(f.received_from, time.min) if f.received_from is not None else None
    end = None
    if f.received_to is not None and f.received_to < date.max:  # up to the last day there is: no bound
        end = datetime.combine(f.received_to + timedelta(days=1), time.min)
    return start, end


def conditions(session: Session, ctx: HallContext, f: CaseFilter) -> Where:
    search = parse_search(session, ctx.hall_id, f.text)
    scan = _scans(session, f, search)
    terms: list[ColumnElement[bool]] = [hall_term(ctx.hall_id, scan)]
    start, end = _received_bounds(f)
    if start is not None:
        terms.append(Case.received_at >= start)
    if end is not None:
        terms.append(Case.received_at < end)
    if f.window_id is not None:
        terms.append(Case.window_id == f.window_id)
    if f.department_id is not None:
        # The department of the case's item, by the item's id: no join, so a page is read from the
        # cases' own indexes.
        terms.append(Case.item_id.in_(select(Item.id).where(Item.department_id == f.department_id)))
    if f.status is not None:
        terms.append(Case.status == f.status)
    if search.condition is not None:
        terms.append(search.condition)
    if f.flagged:
        # The cases of the (few) flags, looked up by their ids, not every case tested for a flag.
        terms.append(Case.id.in_(select(FrontShopFlag.case_id)))
    elif f.flagged is not None:
        flag = aliased(FrontShopFlag)
        terms.append(~exists().where(flag.case_id == Case.id))
    if f.voided is not None:
        terms.append(Case.voided_at.is_not(None) if f.voided else Case.voided_at.is_(None))
    tallied = (
        search.condition is None
        and f.window_id is None
        and f.department_id is None
        and f.status is None
        and f.flagged is None
        and not f.overdue
    )
    return Where(terms, f.as_of if f.overdue else None, search, scan, tallied)


def _tally(session: Session, ctx: HallContext, f: CaseFilter) -> int:
    """The cases of a range of days (voided or not, or either): a row a day on PostgreSQL.

    SQLite keeps no tally (migration 0006): there all of a hall's cases are the
    table's when the file holds one hall, which SQLite counts from an index's
    pages (10 ms a million cases, against 80 ms testing each case's hall), a
    range of days is a range of the receipt's index, and the voided ones, few,
    have an index of their own.
    """
    if session.get_bind().dialect.name == "postgresql":
        counted = {None: CaseTally.cases, True: CaseTally.voided, False: CaseTally.cases - CaseTally.voided}
        query = select(func.coalesce(func.sum(counted[f.voided]), 0)).where(CaseTally.hall_id == ctx.hall_id)
        if f.received_from is not None:
            query = query.where(CaseTally.day >= f.received_from)
        if f.received_to is not None and f.received_to < date.max:
            query = query.where(CaseTally.day <= f.received_to)
        return int(session.scalar(query) or 0)
    start, end = _received_bounds(f)
    terms: list[ColumnElement[bool]] = [Case.hall_id == ctx.hall_id]
    terms += [Case.received_at >= start] if start is not None else []
    terms += [Case.received_at < end] if end is not None else []
    voided = 0
    if f.voided is not None:
        voided = count_where(session, [*terms, Case.voided_at.is_not(None)], "ix_service_case_voided")
        if f.voided:
            return voided
    if len(terms) == 1 and int(session.scalar(select(func.count()).select_from(Hall)) or 0) == 1:
        total = int(session.scalar(select(func.count()).select_from(Case)) or 0)
    else:
        total = count_where(session, terms)
    return total - voided


def count_where(session: Session, terms: Sequence[ColumnElement[bool]], index: str | None = None) -> int:
    """How many cases pass ``terms``; ``index``: the one SQLite must read (it keeps no statistics)."""
    query = select(func.count(Case.id)).where(*terms)
    if index is not None:
        query = query.with_hint(Case, f"INDEXED BY {index}", "sqlite")
    return int(session.scalar(query) or 0)


def count(session: Session, ctx: HallContext, f: CaseFilter, where: Where) -> int:
    """How many cases pass: case_tally for a range of days, the two partial indexes for 超时."""
    if where.tallied:
        return _tally(session, ctx, f)
    if where.overdue_on is None:
        return count_where(session, where.terms)
    # The halves apart, each read from its partial index: the hall's own index is what they need
    # (not SQLite's "+hall_id"), unless a search keeps the planner off it.
    terms = where.terms
    if where.scan and not where.search.avoid_hall_index:
        terms = [hall_term(ctx.hall_id, False), *terms[1:]]
    dialect = session.get_bind().dialect.name
    # A range of receipt is read from the completion's index (unfinished: no completion, then the
    # receipt) rather than walk every unfinished case past its due date for the few in the range.
    received = f.received_from is not None or f.received_to is not None
    by = "ix_service_case_hall_completed_received" if received else "ix_service_case_unfinished"
    unfinished = count_where(session, [*terms, *unfinished_overdue(where.overdue_on)], by)
    return unfinished + count_where(
        session, [*terms, *finished_late(dialect)], "ix_service_case_finished_late"
    )


def count_cases(ctx: HallContext, f: CaseFilter) -> int:
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        return count(session, ctx, f, conditions(session, ctx, f))


@dataclass(frozen=True)
class CaseResult:
    """What the case table shows for a filter: how many, the first rows, and what to say about them."""

    #: Rows the table lists: every match, or :data:`SEARCH_CAP` when ``capped``.
    total: int
    rows: list[CaseRow]
    #: A substring search matched more than :data:`SEARCH_CAP` cases; the table lists the first ones.
    capped: bool = False
    #: How the search box's text was understood (None: no text), and what was searched, as shown.
    search: SearchKind | None = None
    searched: str = ""
    #: A sentence about the search (no key for an ID number, a number that fails its check), or "".
    notice: str = ""


def shown_rows(
    session: Session, ids: Sequence[int], as_of: date, places: Mapping[int, Any] | None = None
) -> dict[int, CaseRow]:
    """The rows of these cases as the table shows them, by id (their order is the caller's)."""
    if not ids:
        return {}
    query = (
        select(
            Case.id,
            Case.case_no,
            Case.received_at,
            Window.number,
            Department.name,
            Item.name,
            Case.applicant_type,
            Case.applicant_name,
            Case.applicant_id_display,
            Case.status,
            Case.trips,
            Case.due_date,
            Case.completed_at,
            FrontShopFlag.state,
            Case.voided_at,
        )
        .join(Window, Case.window_id == Window.id)
        .join(Item, Case.item_id == Item.id)
        .join(Department, Item.department_id == Department.id)
        .outerjoin(FrontShopFlag, FrontShopFlag.case_id == Case.id)
        .where(Case.id.in_(list(ids)))
    )
    return {
        row[0]: CaseRow(
            *row[:14],
            # A voided case has no deadline left to keep: no card colour.
            deadline_state=DeadlineState.ON_TIME
            if row[14] is not None
            else deadline_state(row[11], row[12], as_of),
            voided=row[14] is not None,
            place=places.get(row[0]) if places is not None else None,
        )
        for row in session.execute(query).all()
    }
