"""Finding cases among a million: filters, sorting and paging all done by the database.

A view that pages through cases must never load them whole, and a filter or
sort applied after fetching would only see the rows already fetched, so every
condition and every ORDER BY is SQL. "Overdue" uses the due date the entry
service stores on each case, the same rule as the deadline report: unfinished
past the due date, or finished on a later day. What the search box matches is
services.cases.search.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import Date, Integer, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import ColumnElement, Select, operators
from sqlalchemy.sql.expression import UnaryExpression

from hallmonitor.domain.enums import ApplicantType, CaseStatus, DeadlineState, FlagState
from hallmonitor.domain.permissions import Permission
from hallmonitor.services.cases.search import SEARCH_CAP, Search, SearchKind, parse_search
from hallmonitor.services.hall import HallContext
from hallmonitor.storage.models import Case, Department, FrontShopFlag, Item, Window

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


def overdue_condition(as_of: date) -> ColumnElement[bool]:
    """SQL for 超时 on ``as_of``: unfinished past the due date, or completed on a later day.

    A case whose clock a running special procedure stopped has no due date and
    is never overdue, as in the deadline report.
    """
    completed_day = func.date(Case.completed_at, type_=Date)
    return and_(
        Case.due_date.is_not(None),
        or_(
            and_(Case.completed_at.is_(None), Case.due_date < as_of),
            and_(Case.completed_at.is_not(None), completed_day > Case.due_date),
        ),
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
class _Where:
    terms: list[ColumnElement[bool]]
    #: The terms name the item table: it must be joined.
    needs_item: bool
    #: What the search box's text became.
    search: Search
    #: SQLite reads the table rather than walk the hall's index (see _scans).
    scan: bool


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


def _conditions(session: Session, ctx: HallContext, f: CaseFilter) -> _Where:
    search = parse_search(session, ctx.hall_id, f.text)
    scan = _scans(session, f, search)
    # SQLite's "+hall_id": the same test, but one no index can serve.
    hall = UnaryExpression(Case.hall_id, operator=operators.custom_op("+"), type_=Integer())
    terms: list[ColumnElement[bool]] = [(hall if scan else Case.hall_id) == ctx.hall_id]
    if f.received_from is not None:
        terms.append(Case.received_at >= datetime.combine(f.received_from, time.min))
    if f.received_to is not None and f.received_to < date.max:  # up to the last day there is: no bound
        terms.append(Case.received_at < datetime.combine(f.received_to + timedelta(days=1), time.min))
    if f.window_id is not None:
        terms.append(Case.window_id == f.window_id)
    needs_item = f.department_id is not None
    if needs_item:
        terms.append(Item.department_id == f.department_id)
    if f.status is not None:
        terms.append(Case.status == f.status)
    if search.condition is not None:
        terms.append(search.condition)
    if f.flagged:
        # The cases of the (few) flags, looked up by their ids, not every case tested for a flag.
        terms.append(Case.id.in_(select(FrontShopFlag.case_id)))
    elif f.flagged is not None:
        # An alias, so the NOT EXISTS does not correlate with the flag joined for display.
        flag = aliased(FrontShopFlag)
        terms.append(~exists().where(flag.case_id == Case.id))
    if f.voided is not None:
        terms.append(Case.voided_at.is_not(None) if f.voided else Case.voided_at.is_(None))
    if f.overdue:
        # A voided case is overdue for nobody.
        terms.append(Case.voided_at.is_(None))
        terms.append(overdue_condition(f.as_of))
    return _Where(terms, needs_item, search, scan)


def _count(session: Session, ctx: HallContext, f: CaseFilter) -> tuple[int, _Where]:
    where = _conditions(session, ctx, f)
    query: Select = select(func.count(Case.id)).select_from(Case)
    if where.needs_item:
        query = query.join(Item, Case.item_id == Item.id)
    return int(session.scalar(query.where(*where.terms)) or 0), where


def count_cases(ctx: HallContext, f: CaseFilter) -> int:
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        return _count(session, ctx, f)[0]


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


def find_cases(
    ctx: HallContext, f: CaseFilter, sort_key: str = "received_at", descending: bool = True, limit: int = 200
) -> CaseResult:
    """The count and first rows the case page shows.

    A substring search returns all its cases up to SEARCH_CAP, whatever
    ``limit`` says, and counts them by fetching them: on SQLite each query of
    such a search is a pass over the table, so it makes one, and the table then
    scrolls through rows already fetched. On SQLite a filter read by such a
    pass (_scans) returns its first SEARCH_CAP cases for the same reason, its
    count exact.
    """
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        search = parse_search(session, ctx.hall_id, f.text)
        total, where = (0, None) if search.bounded else _count(session, ctx, f)
    if search.bounded:
        rows = fetch_cases(ctx, f, sort_key, descending, 0, SEARCH_CAP + 1)
        capped, total, rows = len(rows) > SEARCH_CAP, min(len(rows), SEARCH_CAP), rows[:SEARCH_CAP]
    else:
        capped = False
        wanted = min(SEARCH_CAP if where is not None and where.scan else limit, total)
        rows = fetch_cases(ctx, f, sort_key, descending, 0, wanted) if wanted else []
    return CaseResult(
        total=total,
        rows=rows,
        capped=capped,
        search=search.kind,
        searched=search.shown,
        notice=search.notice or ("" if total else search.when_empty),
    )


def fetch_cases(
    ctx: HallContext,
    f: CaseFilter,
    sort_key: str = "received_at",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[CaseRow]:
    """One page of cases in the requested order; the id breaks ties so pages never overlap."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    if sort_key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort_key!r}")
    order_column = {
        "case_no": Case.case_no,
        "received_at": Case.received_at,
        "window": Window.number,
        "department": Department.name,
        "item": Item.name,
        "applicant_name": Case.applicant_name,
        "status": Case.status,
        "trips": Case.trips,
        "due_date": Case.due_date,
        "completed_at": Case.completed_at,
    }[sort_key]
    order = [order_column.desc(), Case.id.desc()] if descending else [order_column.asc(), Case.id.asc()]
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
        .order_by(*order)
    )
    with ctx.db.session() as session:
        where = _conditions(session, ctx, f)
        if where.scan and order_column.table is Case.__table__:
            # SQLite reading every case: the page's ids first, from the cases alone, then their
            # rows; joining each match before the sort doubled the time. (PostgreSQL plans the
            # joined query well and this one worse: it is never asked to.)
            ids = (
                select(Case.id)
                .where(*where.terms)
                .order_by(*order)
                .offset(max(0, offset))
                .limit(max(0, limit))
            )
            if where.needs_item:
                ids = ids.join(Item, Case.item_id == Item.id)
            query = query.where(Case.id.in_(ids))
        else:
            query = query.where(*where.terms).offset(max(0, offset)).limit(max(0, limit))
        rows = session.execute(query).all()
    return [
        CaseRow(
            *row[:14],
            # A voided case has no deadline left to keep: no card colour.
            deadline_state=DeadlineState.ON_TIME
            if row[14] is not None
            else deadline_state(row[11], row[12], f.as_of),
            voided=row[14] is not None,
        )
        for row in rows
    ]
