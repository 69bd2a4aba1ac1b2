"""Importing a hall's Excel and CSV files: all checked first, then written in one transaction.

A half-imported roster is worse than none: the staffing verdicts would be
judged on a mixture. So the whole file is parsed and checked against the
database before anything is written, and the writing, with the rules' run
over what it changed, happens in a single transaction that a crash, a cancel
or a database error rolls back whole.
Rows are keyed (case number, 工号, window number...) and compared with what
is stored, so importing the same file again changes nothing.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from hallmonitor.collector import collector_paused
from hallmonitor.domain.texts import say
from hallmonitor.reports.imports import (
    KINDS,
    Binding,
    Record,
    RowError,
    TableError,
    bind,
    parse_row,
    quote,
    read_table,
    refuse_sample_row,
    rows_with_errors,
    shown_path,
    spec_for,
)
from hallmonitor.services.hall import (
    SINCE_EVER,
    HallContext,
    ServiceError,
    calendar_changed,
    complaints_changed,
    facts_changed,
)
from hallmonitor.services.imports.cases import CaseImporter, ComplaintImporter
from hallmonitor.services.imports.inserting import insert_rows, roomy_cache
from hallmonitor.services.imports.kinds import (
    CalendarImporter,
    ItemImporter,
    Key,
    KindImporter,
    RosterImporter,
    StaffImporter,
    WindowImporter,
    chunked,
)
from hallmonitor.services.imports.procedures import ProcedureImporter
from hallmonitor.services.rules import one_change, run_rules

__all__ = ["KINDS", "ImportResult", "Progress", "import_file"]

#: Called with (units done, units in all); returning False cancels and nothing is written.
Progress = Callable[[int, int], bool | None]

#: Rows written per bulk statement: big enough to be fast, small enough to report progress.
WRITE_CHUNK = 1000
_REPORT_EVERY = 200

IMPORTERS: dict[str, type[KindImporter]] = {
    "windows": WindowImporter,
    "staff": StaffImporter,
    "items": ItemImporter,
    "roster": RosterImporter,
    "cases": CaseImporter,
    "complaints": ComplaintImporter,
    "procedures": ProcedureImporter,
    "calendar": CalendarImporter,
}


@dataclass
class ImportResult:
    kind: str
    path: Path
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    #: Bad rows left out under skip_invalid.
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    #: Data rows found in the file.
    rows: int = 0
    #: True when bad rows stopped the import and nothing was written.
    stopped: bool = False
    cancelled: bool = False
    #: ID numbers and credit codes found in the written rows' free text and masked.
    masked_ids: int = 0

    @property
    def written(self) -> int:
        return self.inserted + self.updated

    @property
    def bad_rows(self) -> int:
        return len(rows_with_errors(self.errors))

    @property
    def title(self) -> str:
        """The kind as the hall names it (办件, 排班…): the template's sheet, never the key."""
        return spec_for(self.kind).title

    def summary(self) -> str:
        """One line in the user's language; the kind is named in it (办件, 排班… in Chinese)."""
        kind = spec_for(self.kind).named()
        if self.cancelled:
            return say("Import of {kind}: cancelled; nothing was written", kind=kind)
        if self.stopped:
            return say(
                "Import of {kind}: nothing was written; rows with errors: {bad} of {rows}",
                kind=kind,
                bad=self.bad_rows,
                rows=self.rows,
            )
        text = say(
            "Import of {kind}: added {inserted}, updated {updated}, unchanged {unchanged}",
            kind=kind,
            inserted=self.inserted,
            updated=self.updated,
            unchanged=self.unchanged,
        )
        if self.skipped:
            text += say(", skipped {skipped} with errors", skipped=self.skipped)
        if self.masked_ids:
            text += say("; suspected ID numbers masked: {count}", count=self.masked_ids)
        return text


class _Cancelled(Exception):
    pass


class _Ticker:
    """Progress in units: one per row read and checked, one per row written."""

    def __init__(self, callback: Progress | None, estimated_rows: int) -> None:
        self.callback = callback
        self.total = 2 * max(estimated_rows, 1)
        self.done = 0

    def advance(self, units: int = 1, *, force: bool = False) -> None:
        before = self.done
        self.done += units
        self.total = max(self.total, self.done)
        if self.callback is None or not (force or self.done // _REPORT_EVERY != before // _REPORT_EVERY):
            return
        if self.callback(self.done, self.total) is False:
            raise _Cancelled

    def plan(self, total: int) -> None:
        self.total = max(total, self.done, 1)
        self.advance(0, force=True)


def import_file(
    ctx: HallContext,
    kind: str,
    path: str | Path,
    *,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Check the whole file, then write its good rows in one transaction.

    Row problems come back in the result, never as exceptions; a file that
    cannot be read at all, a missing column or a refused permission raise
    ServiceError with one sentence for the user. The rules judge every day the
    file touched, up to ``now`` (the clock by default), in the same transaction
    as the rows: a kill or an error leaves neither (see ``rules.one_change``).
    """
    try:
        spec = spec_for(kind)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None
    importer_type = IMPORTERS[kind]
    ctx.require(importer_type.permission, say(importer_type.action))
    path = Path(path)
    result = ImportResult(kind, path)
    _check_ahead(ctx)
    # The file's records live until the import ends and make next to no garbage in cycles: the
    # collector's full passes over them (and over the rules' run after) would free nothing.
    with collector_paused():
        try:
            table = read_table(path)
            binding = bind(spec, table.headers, table.path)
            ticker = _Ticker(progress, table.estimated_rows)
            records, errors = _read_rows(table.rows(), binding, ticker, table.sheet)
        except TableError as exc:
            raise ServiceError(str(exc)) from None
        except _Cancelled:
            result.cancelled = True
            return result
        result.rows = len(records)
        if not records:
            raise ServiceError(
                say("The file {path} holds only the column names, no data rows.", path=shown_path(path))
            )
        errors.extend(_duplicates(binding, records))
        try:
            # The rows, their due dates and flags, the alerts and the rules' mark: one transaction.
            with one_change(ctx) as session, roomy_cache(session):
                importer = importer_type(ctx, binding, path, now)
                importer.preload(session, records)
                for rec in records:
                    errors.extend(RowError(rec.row, binding.shown(k), m) for k, m in importer.check(rec))
                order = {binding.shown(c.key): i for i, c in enumerate(spec.columns)}
                errors.sort(key=lambda e: (e.row, order.get(e.column, len(order))))
                result.errors = errors
                bad = rows_with_errors(errors)
                if bad and not skip_invalid:
                    result.stopped = True
                    return result
                good = [r for r in records if r.row not in bad]
                result.skipped = len(bad)
                result.masked_ids = sum(r.masked for r in good)
                ticker.plan(len(records) + len(good))
                _write(session, importer, good, ticker, result)
                ticker.advance(0, force=True)
                if result.written and kind in RULE_INPUTS:
                    _apply_rules(ctx, kind, now or datetime.now())
        except _Cancelled:
            result.inserted = result.updated = result.unchanged = 0
            result.cancelled = True
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            raise ServiceError(
                say(
                    "Writing to the database failed, and the data of the file {path} was not imported: {reason}",
                    path=shown_path(path),
                    reason=reason[0] if reason else type(exc).__name__,
                )
            ) from exc
        return result


def _check_ahead(ctx: HallContext) -> None:
    """Start the database's one check before its first write while the file is read and checked.

    A SQLite file's first write waits for its integrity check (storage.integrity),
    which reads the whole file: a second on a hall of 300,000 cases. Run on
    another connection while this thread parses the file, it is mostly done when
    the import writes; the write still waits for it, and is refused if it fails.
    """
    if not ctx.db.is_sqlite:
        return

    def check() -> None:
        # What it finds, the first write is told; if it could not run, that write runs it again.
        with contextlib.suppress(Exception):
            ctx.db.write_problem()

    threading.Thread(target=check, name="hallmonitor-check-before-import", daemon=True).start()


#: Kinds whose rows the rules read: importing them brings due dates, flags and alerts up to date
#: in the import's own transaction (a new calendar or new time limits move every due date).
RULE_INPUTS = frozenset(
    {"windows", "staff", "items", "roster", "cases", "complaints", "procedures", "calendar"}
)


def _apply_rules(ctx: HallContext, kind: str, now: datetime) -> None:
    """Due dates, flags and alerts for what the import wrote, before it commits: a failure takes back both."""
    run_rules(ctx, now, recompute_due_dates=kind in ("calendar", "items"))


def _read_rows(
    rows: Any, binding: Binding, ticker: _Ticker, sheet: str | None
) -> tuple[list[Record], list[RowError]]:
    records: list[Record] = []
    errors: list[RowError] = []
    for number, raw in rows:
        refuse_sample_row(binding, number, raw, sheet)
        record, row_errors = parse_row(binding, number, raw)
        records.append(record)
        errors.extend(row_errors)
        ticker.advance()
    return records, errors


#: Rows a repeated key's message lists before "…"; the count says how many there are in all.
_LISTED_ROWS = 5


def _duplicates(binding: Binding, records: Sequence[Record]) -> list[RowError]:
    """A repeated key is one error, at its first row, naming the rows it is in.

    Every one of those rows stays out of the import: which of them is right only
    the clerk knows. One message per key, not one per row listing every other,
    keeps 30,000 copies of a 工号 to one line instead of gigabytes.
    """
    spec = binding.spec
    seen: dict[tuple[Any, ...], list[int]] = {}
    for rec in records:
        key = rec.key(spec.key)
        if key is not None:
            seen.setdefault(key, []).append(rec.row)
    column = binding.shown(spec.key[0])
    what = say(", ").join(binding.shown(k) for k in spec.key)
    errors = []
    for key, rows in seen.items():
        if len(rows) < 2:
            continue
        listed = say(", ").join(str(r) for r in rows[:_LISTED_ROWS]) + (
            "…" if len(rows) > _LISTED_ROWS else ""
        )
        message = say(
            "{what} {value} appears in rows {listed} ({count} rows in all): keep only one of them",
            what=what,
            value=quote(" ".join(_key_text(part) for part in key), 30),
            listed=listed,
            count=len(rows),
        )
        errors.append(RowError(rows[0], column, message, also=tuple(rows[1:])))
    return errors


def _key_text(part: Any) -> str:
    if isinstance(part, datetime):
        return f"{part:%Y-%m-%d %H:%M}"
    return f"{part:%Y-%m-%d}" if hasattr(part, "strftime") else str(getattr(part, "value", part))


def _write(
    session: Session, importer: KindImporter, good: Sequence[Record], ticker: _Ticker, result: ImportResult
) -> None:
    model = importer.model
    hall = {"hall_id": importer.ctx.hall_id} if importer.hall_scoped else {}
    dated_by = importer.dated_by
    dates: list[Any] = []
    for chunk in chunked(good, WRITE_CHUNK):
        keys = [importer.key(rec) for rec in chunk]
        existing = importer.load_existing(session, keys)
        new_rows: list[dict[str, Any]] = []
        new_records: list[tuple[Key, Record]] = []
        changes: list[dict[str, Any]] = []
        changed: list[tuple[int, Record, list[str]]] = []
        for rec, key in zip(chunk, keys, strict=True):
            values = importer.values(session, rec)
            stored = existing.get(key)
            if stored is None:
                new_rows.append({**hall, **values, **importer.new_row_values(values)})
                new_records.append((key, rec))
                if dated_by is not None:
                    dates.append(values.get(dated_by))
                continue
            diff = {attr: value for attr, value in values.items() if stored[attr] != value}
            if diff:
                changes.append({"id": stored["id"], **diff})
                changed.append((stored["id"], rec, list(diff)))
                if dated_by is not None:
                    dates += [values.get(dated_by), stored.get(dated_by)]
            else:
                result.unchanged += 1
        inserted: list[tuple[int, Record]] = []
        if new_rows:
            # A plain Core executemany: the ORM's bulk path costs a third more.
            ids = insert_rows(session, model.__table__, new_rows, ids=importer.wants_new_ids)
            if ids is not None:
                inserted = [(id_, rec) for id_, (_key, rec) in zip(ids, new_records, strict=True)]
            elif importer.wants_new_ids:
                found = importer.load_existing(session, [key for key, _rec in new_records])
                inserted = [(found[key]["id"], rec) for key, rec in new_records]
        if changes:
            session.execute(update(model), changes)
        importer.after_write(session, inserted, changed)
        result.inserted += len(new_rows)
        result.updated += len(changes)
        ticker.advance(len(chunk))
    if result.inserted or result.updated:
        known = [d for d in dates if d is not None]
        since = min(known) if dated_by is not None and known else SINCE_EVER
        if importer.shared_by_halls:
            calendar_changed(session, since)
        elif importer.complaints:
            complaints_changed(session, importer.ctx.hall_id, since)
        else:
            facts_changed(session, importer.ctx.hall_id, since)
