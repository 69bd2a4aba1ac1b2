"""Where every part of the case table's order begins, so that a page at any rank is one seek.

Jumping to a position (the scroll bar dragged to 70%) needs the place of the
row at that rank, and a B-tree does not count its keys. The outline is read
once per filter and order, in the background:

* for a column, the place of every stride-th row (1,000, sparser in a
  segment of more than 250,000 rows), stepped through the order's index with
  ``LIMIT 1 OFFSET stride-1`` from the last: the database walks the index
  once and no skipped row reaches Python;
* for a window or an item, how many cases it has (one GROUP BY).

A page at any rank is then one seek from the nearest place and at most a
stride of index entries stepped over, however deep. It is exact, where an
estimate (keys sampled here and there, interpolated) would show some row
near row 700,000 at row 700,000, and the pages read by seeking from it would
disagree with their neighbours. It is as old as its filter: a case added
since shifts the rows after it by one until the table reloads, as it does on
every change.

Each step is a short query whose rows are one; through the ORM it cost ten
times what the database spent on it (on a million cases, seconds instead of a
fraction of one), so the steps run as statements compiled once, on the
session's own connection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from hallmonitor.domain.permissions import Permission
from hallmonitor.services.cases.paging import (
    PageStart,
    Place,
    _Order,
    _order,
    _ranges,
    _segment_query,
    case_page,
)
from hallmonitor.services.cases.query import CaseFilter, CaseRow, Where, conditions, count, count_where
from hallmonitor.services.hall import HallContext

#: One row in this many has its place in the outline; a page is at most this far from one.
STRIDE = 1000
#: Places an outline keeps of a segment at most: a bigger one is sampled more sparsely, so that the
#: outline of a million cases is some hundreds of short queries.
MOST_SAMPLES = 250
#: A segment of up to this many cases is outlined from all its keys read at once.
READ_WHOLE = 20_000


@dataclass(frozen=True)
class CaseOutline:
    """How many rows each segment of an order holds, and (for a column) the place of every stride-th."""

    counts: tuple[int, ...]
    #: Per segment: its rows number 0, stride, 2·stride… in reading order; None: reached by skipping.
    samples: tuple[tuple[Place, ...] | None, ...]
    #: Per segment: how many rows apart its samples are.
    strides: tuple[int, ...]
    descending: bool

    @property
    def total(self) -> int:
        return sum(self.counts)

    def start_of(self, rank: int) -> PageStart | None:
        """Where the row at ``rank`` (0: the first shown) is read from; None past the last."""
        order = range(len(self.counts) - 1, -1, -1) if self.descending else range(len(self.counts))
        for index in order:
            if rank < self.counts[index]:
                samples = self.samples[index]
                if not samples:
                    return PageStart(index, skip=rank)
                stride = self.strides[index]
                nearest = min(rank // stride, len(samples) - 1)
                return PageStart(index, samples[nearest], skip=rank - nearest * stride)
            rank -= self.counts[index]
        return None


def _counts(
    session: Session, ctx: HallContext, f: CaseFilter, where: Where, order: _Order
) -> tuple[int, ...]:
    if order.grouped_by is not None:
        column = order.grouped_by
        query = select(column, func.count()).where(*where.all_terms).group_by(column)
        found: dict[int, int] = {group: n for group, n in session.execute(query).all()}
        return tuple(found.get(s.group, 0) for s in order.segments)
    total = count(session, ctx, f, where)
    if len(order.segments) == 1:
        return (total,)
    # With a value, and without: the few without counted, the rest by subtraction.
    empty = count_where(session, [*where.all_terms, order.segments[1].where])
    return (total - empty, empty)


class _Prepared:
    """A statement compiled once and run on the session's DBAPI connection, in its transaction.

    Its own parameters are bound as SQLAlchemy would bind them; those named at
    each run are the database's own values, as a previous run returned them.
    """

    def __init__(self, session: Session, statement: Select[Any]) -> None:
        dialect = session.get_bind().dialect
        self.compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
        processors = self.compiled._bind_processors
        self.fixed = {
            name: processors[name](value) if name in processors else value
            for name, value in self.compiled.construct_params().items()
        }
        self.cursor = session.connection().connection.cursor()

    def run(self, **values: Any) -> list[Any]:
        params = {**self.fixed, **values}
        positions = self.compiled.positiontup
        self.cursor.execute(self.compiled.string, [params[n] for n in positions] if positions else params)
        return list(self.cursor.fetchall())


def _stepper(session: Session, where: Where, order: _Order, index: int) -> Callable[[Any, int], Any]:
    """``step(row, n)``: the row ``n`` rows after ``row`` in the segment (both as the database gives them)."""
    query, columns = _segment_query(where, order, index)
    names = [f"key_{i}" for i in range(len(columns))]
    bounds = [bindparam(name, None, type_=column.type) for name, column in zip(names, columns, strict=True)]
    shapes = [
        (
            _Prepared(session, query.where(*terms).offset(bindparam("skip", 0)).limit(1)),
            _Prepared(
                session, select(func.count()).select_from(query.where(*terms).order_by(None).subquery())
            ),
        )
        for terms in _ranges(order, columns, bounds, after=False)
    ]

    def step(row: Any, skip: int) -> Any:
        # (keys…, id): the id is no part of a unique key's bounds.
        values = dict(zip(names, row, strict=False))
        for rows, passed in shapes:
            found = rows.run(**values, skip=skip)
            if found:
                return found[0]
            skip -= int(passed.run(**values)[0][0])
        return None

    return step


def _samples(
    session: Session, where: Where, order: _Order, index: int, size: int, stride: int
) -> tuple[Place, ...]:
    """The places of rows 0, stride, 2·stride… of a segment in reading order."""
    query, _ = _segment_query(where, order, index)
    if size <= READ_WHOLE:
        rows = _Prepared(session, query).run()[::stride]
    else:
        rows = _Prepared(session, query.limit(1)).run()
        step = _stepper(session, where, order, index)
        while rows and (following := step(rows[-1], stride)) is not None:
            rows.append(following)
    # The database's values as Python's, as every other read gives them.
    dialect = session.get_bind().dialect
    keys = order.segments[index].keys
    processors = [k.type.dialect_impl(dialect).result_processor(dialect, None) for k in keys]
    return tuple(
        Place(
            index,
            tuple(p(v) if p else v for p, v in zip(processors, row[: len(keys)], strict=True)),
            row[len(keys)],
        )
        for row in rows
    )


def case_outline(
    ctx: HallContext,
    f: CaseFilter,
    sort_key: str = "received_at",
    descending: bool = True,
    stride: int = STRIDE,
) -> CaseOutline:
    """The outline of an order under a filter, for a page at any rank (see the module's docstring).

    One pass over the order's index: run it in the background, once per filter and order.
    """
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        where = conditions(session, ctx, f)
        order = _order(session, ctx.hall_id, sort_key, descending)
        counts = _counts(session, ctx, f, where, order)
        strides = tuple(max(stride, -(-n // MOST_SAMPLES)) for n in counts)
        samples = tuple(
            _samples(session, where, order, i, n, strides[i]) if segment.group is None and n else None
            for i, (segment, n) in enumerate(zip(order.segments, counts, strict=True))
        )
    return CaseOutline(counts, samples, strides, descending)


def fetch_cases(
    ctx: HallContext,
    f: CaseFilter,
    sort_key: str = "received_at",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[CaseRow]:
    """``limit`` rows from the ``offset``-th, in the table's order: for a few rows, not for paging.

    An offset is found by counting the rows before it; the case table pages
    with :func:`case_page` and :func:`case_outline` instead.
    """
    if offset <= 0:
        return case_page(ctx, f, sort_key, descending, None, limit)
    outline = case_outline(ctx, f, sort_key, descending, stride=max(offset, 1))
    start = outline.start_of(offset)
    if start is None:
        return []
    return case_page(ctx, f, sort_key, descending, start, limit, counts=outline.counts)
