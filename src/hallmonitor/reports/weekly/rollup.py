"""The center's roll-up: several halls' weekly reports in, one ranking of halls and departments out.

The center does this by hand today, copying figures between workbooks. Rates
are recomputed from the counts in each report (never averaged), so a hall
with ten windows weighs more in a department's rate than a hall with one,
and ties are ties exactly, not by floating-point accident. A file that is not
a weekly report, a hall sent twice, or a mix of weeks is refused with a
sentence naming the file: a ranking built from the wrong inputs is worse than
none.
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from hallmonitor.domain.texts import say
from hallmonitor.files import private_temp
from hallmonitor.reports.weekly.columns import (
    COLUMNS,
    DEPARTMENT_RANKING_COLUMNS,
    HALL_RANKING_COLUMNS,
    LATER_SHEETS,
    MERGE_FIGURES,
    RANKED_RATES,
    REQUIRED_COLUMNS,
    SHEETS,
    SUMMARY_COLUMNS,
    F,
    M,
    S,
)
from hallmonitor.reports.weekly.model import parse_iso_week
from hallmonitor.reports.weekly.style import RowStyle, save_atomically
from hallmonitor.reports.weekly.table import write_table

__all__ = ["HallWeek", "MergeError", "merge_reports", "read_report"]

#: The counts each ranked rate is made of, as 部门汇总 names them; one-trip cases are derived.
_COUNTS = (F.SESSIONS, F.COMPLIANT, F.DECIDED, F.FRONT_SHOP, F.HANDLED, F.OVERDUE, F.CASES, F.MULTI_TRIP)
_ONE_TRIP = RANKED_RATES[3][1]


class MergeError(Exception):
    """The inputs cannot be merged; the message names the file and says why, for the center's clerk."""


@dataclass
class Counts:
    """Numerators and denominators of the four ranked rates; adding them up is how halls combine."""

    values: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_COUNTS, 0))

    def add(self, other: Counts) -> None:
        for key in _COUNTS:
            self.values[key] += other.values[key]

    def get(self, name: str) -> int:
        if name == _ONE_TRIP:
            return self.values[F.CASES] - self.values[F.MULTI_TRIP]
        return self.values[name]


@dataclass
class HallWeek:
    path: Path
    code: str
    name: str
    week: str
    as_of: datetime | None
    totals: Counts
    departments: dict[str, Counts]


def _fail(path: Path, reason: str) -> MergeError:
    return MergeError(say("{file}: {reason}", file=path.name, reason=reason))


def _count(path: Path, where: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or int(value) != value:
        raise _fail(
            path,
            say(
                "the value “{value}” of {where} is not a whole number of zero or more; the file may have been edited.",
                value=value,
                where=where,
            ),
        )
    return int(value)


def _listed(names: Iterable[str]) -> str:
    """Sheet, column and file names in a sentence: 、 between them in Chinese, a comma in English."""
    return say(", ").join(names)


def _department_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


def read_report(path: str | Path) -> HallWeek:
    """Read one hall's weekly report, checking it is one; MergeError otherwise."""
    path = Path(path)
    if not path.is_file():
        raise MergeError(say("File not found: {path}", path=path))
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise _fail(
            path,
            say(
                "not an Excel workbook (.xlsx), so it cannot be read; send the weekly report HallMonitor exported."
            ),
        ) from None
    try:
        return _read(path, workbook)
    finally:
        workbook.close()


def _read(path: Path, workbook: Any) -> HallWeek:
    missing = [sheet for sheet in SHEETS if sheet not in workbook.sheetnames and sheet not in LATER_SHEETS]
    if missing:
        raise _fail(
            path,
            say(
                "not a window supervision weekly report: it lacks the sheets {sheets}.",
                sheets=_listed(missing),
            ),
        )
    tables: dict[str, list[tuple[Any, ...]]] = {}
    for sheet in SHEETS:
        if sheet not in workbook.sheetnames:
            continue
        # Closed at once: a sheet read only as far as its header, or refused, keeps no file open.
        with closing(workbook[sheet].iter_rows(values_only=True)) as rows:
            header = [str(v).strip() if v is not None else "" for v in next(rows, ())]
            absent = [c for c in REQUIRED_COLUMNS[sheet] if c not in header]
            if absent:
                raise _fail(
                    path,
                    say(
                        "not a window supervision weekly report: the sheet “{sheet}” lacks the columns {columns}.",
                        sheet=sheet,
                        columns=_listed(absent),
                    ),
                )
            if sheet in (S.OVERVIEW, S.DEPARTMENTS):
                wanted = [header.index(c.name) for c in COLUMNS[sheet][: 2 if sheet == S.OVERVIEW else None]]
                tables[sheet] = [
                    tuple(row[i] if i < len(row) else None for i in wanted)
                    for row in rows
                    if row and any(v is not None for v in row)
                ]

    figures: dict[str, Any] = {}
    for name, value in tables[S.OVERVIEW]:
        if isinstance(name, str) and name.strip():
            figures.setdefault(name.strip(), value)
    absent = [f for f in MERGE_FIGURES if f not in figures]
    if absent:
        raise _fail(
            path,
            say(
                "not a window supervision weekly report: {sheet} lacks {figures}.",
                sheet=S.OVERVIEW,
                figures=_listed(absent),
            ),
        )
    try:
        week = parse_iso_week(str(figures[F.WEEK])).label
    except ValueError:
        raise _fail(
            path,
            say("the week “{week}” in {sheet} is not understood.", week=figures[F.WEEK], sheet=S.OVERVIEW),
        ) from None
    code = str(figures[F.HALL_CODE] or "").strip()
    if not code:
        raise _fail(path, say("{sheet} has no {figure}.", sheet=S.OVERVIEW, figure=F.HALL_CODE))

    totals = Counts(
        {
            key: _count(path, say("“{figure}” in {sheet}", figure=key, sheet=S.OVERVIEW), figures[key])
            for key in _COUNTS
        }
    )
    departments: dict[str, Counts] = {}
    names = [c.name for c in COLUMNS[S.DEPARTMENTS]]
    for row in tables[S.DEPARTMENTS]:
        values = dict(zip(names, row, strict=True))
        name = _department_key(str(values["部门"] or ""))
        if not name:
            continue
        counts = Counts(
            {
                key: _count(
                    path,
                    say(
                        "{figure} of “{department}” in {sheet}",
                        figure=key,
                        department=name,
                        sheet=S.DEPARTMENTS,
                    ),
                    values[key],
                )
                for key in _COUNTS
            }
        )
        departments.setdefault(name, Counts()).add(counts)
    added = Counts()
    for counts in departments.values():
        added.add(counts)
    differing = [key for key in _COUNTS if added.values[key] != totals.values[key]]
    if differing:
        raise _fail(
            path,
            say(
                "the {figures} of {departments} and {overview} do not agree; the file may have been edited: "
                "export it again.",
                figures=_listed(differing),
                departments=S.DEPARTMENTS,
                overview=S.OVERVIEW,
            ),
        )
    as_of = figures.get(F.AS_OF)
    return HallWeek(
        path,
        code,
        str(figures[F.HALL_NAME] or "").strip(),
        week,
        as_of if isinstance(as_of, datetime) else None,
        totals,
        departments,
    )


def competition_ranks(rates: Sequence[Fraction | None], higher_is_better: bool) -> list[int | None]:
    """1, 2, 2, 4 ranking; rows without a rate (nothing to divide by) get no rank."""
    ranks: list[int | None] = []
    for rate in rates:
        if rate is None:
            ranks.append(None)
            continue
        better = sum(
            1 for other in rates if other is not None and (other > rate if higher_is_better else other < rate)
        )
        ranks.append(better + 1)
    return ranks


def _ranking_rows(entries: Sequence[tuple[tuple[Any, ...], Counts]]) -> list[list[Any]]:
    rows: list[list[Any]] = [list(lead) for lead, _ in entries]
    for _name, numerator, denominator, higher in RANKED_RATES:
        exact = [
            Fraction(counts.get(numerator), counts.get(denominator)) if counts.get(denominator) else None
            for _, counts in entries
        ]
        ranks = competition_ranks(exact, higher)
        for row, (_, counts), rate, rank in zip(rows, entries, exact, ranks, strict=True):
            row += [
                counts.get(denominator),
                counts.get(numerator),
                None if rate is None else float(rate),
                rank,
            ]
    first_rank = len(rows[0]) - 4 * len(RANKED_RATES) + 3 if rows else 0
    rows.sort(key=lambda r: (r[first_rank] is None, r[first_rank] or 0, str(r[0])))
    return rows


def _check_together(halls: Sequence[HallWeek]) -> None:
    weeks: dict[str, list[str]] = {}
    for hall in halls:
        weeks.setdefault(hall.week, []).append(hall.path.name)
    if len(weeks) > 1:
        listed = say("; ").join(
            say("{week}: {files}", week=week, files=_listed(names)) for week, names in sorted(weeks.items())
        )
        raise MergeError(
            say(
                "These weekly reports are not of one week ({listed}): merge only the reports of one week.",
                listed=listed,
            )
        )
    seen: dict[str, Path] = {}
    for hall in halls:
        if hall.code in seen:
            raise MergeError(
                say(
                    "Hall {code} is there twice: {first} and {second}.",
                    code=hall.code,
                    first=seen[hall.code].name,
                    second=hall.path.name,
                )
            )
        seen[hall.code] = hall.path


def merge_reports(paths: Iterable[str | Path], out: str | Path) -> Path:
    """Read every report, check they belong together, write the ranking to ``out`` (.xlsx)."""
    sources = [Path(p) for p in paths]
    target = Path(out)
    if not sources:
        raise MergeError(say("There are no weekly reports to merge."))
    if target.suffix.lower() != ".xlsx":
        raise MergeError(say("The output file's name must end in .xlsx: {path}", path=target))
    if any(target.resolve() == s.resolve() for s in sources):
        raise MergeError(
            say("The output file {name} cannot be one of the weekly reports merged.", name=target.name)
        )
    halls = [read_report(p) for p in sources]
    _check_together(halls)
    with private_temp():  # openpyxl's own temporary file for each streamed sheet
        return _write(halls, target)


def _write(halls: list[HallWeek], target: Path) -> Path:
    week = halls[0].week

    hall_rows = _ranking_rows([((h.code, h.name), h.totals) for h in halls])
    by_department: dict[str, tuple[int, Counts]] = {}
    for hall in halls:
        for name, counts in hall.departments.items():
            seen, total = by_department.get(name, (0, Counts()))
            total.add(counts)
            by_department[name] = (seen + 1, total)
    department_rows = _ranking_rows(
        [((name, seen), total) for name, (seen, total) in sorted(by_department.items())]
    )

    workbook = Workbook(write_only=True)
    workbook.properties.title = f"{week} 各大厅窗口监管周报汇总"
    workbook.properties.creator = "窗口监管台 HallMonitor"
    header = f"{week} 各大厅窗口监管周报汇总（{len(halls)} 个大厅）"
    summary = [(h.path.name, h.code, h.name, h.week, h.as_of) for h in halls]
    write_table(workbook, M.SUMMARY, SUMMARY_COLUMNS, summary, page_header=header)
    for title, columns, rows in (
        (M.HALLS, HALL_RANKING_COLUMNS, hall_rows),
        (M.DEPARTMENTS, DEPARTMENT_RANKING_COLUMNS, department_rows),
    ):
        write_table(workbook, title, columns, rows, page_header=header, styles=[RowStyle()] * len(rows))
    return save_atomically(workbook, target)
