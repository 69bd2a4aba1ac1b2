"""Big files: the number of SQL statements does not grow with the rows, and 100,000 cases import."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from hallmonitor.services.hall import HallContext
from hallmonitor.services.imports.pipeline import import_file
from hallmonitor.storage.models import Case, CaseEvent
from tests.support.import_files import CASE_HEADER, PERSON_ID, case_row, seed_reference


@contextmanager
def statements(ctx: HallContext) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(ctx.db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", record)


def write_cases(path: Path, count: int) -> Path:
    template = case_row("X", 申请人类型="个人", 申请人="某人", 证件号码=PERSON_ID)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(CASE_HEADER)
        for i in range(count):
            writer.writerow([f"BIG{i:06d}", *template[1:]])
    return path


@pytest.mark.pg
def test_statements_do_not_grow_with_rows(hall: HallContext, tmp_path: Path) -> None:
    seed_reference(hall, tmp_path)
    small, big = write_cases(tmp_path / "small.csv", 30), write_cases(tmp_path / "big.csv", 3000)
    with statements(hall) as seen_small:
        import_file(hall, "cases", small)
    with statements(hall) as seen_big:
        result = import_file(hall, "cases", big)
    assert result.inserted == 2970 and result.unchanged == 30
    # Chunks of 1,000 rows and IN lists of 500 keys: a handful more statements, not thousands.
    assert len(seen_big) <= len(seen_small) + 30, len(seen_big)


@pytest.mark.slow
def test_a_hundred_thousand_cases(sqlite_hall: HallContext, tmp_path: Path) -> None:
    seed_reference(sqlite_hall, tmp_path)
    path = write_cases(tmp_path / "cases.csv", 100_000)
    calls: list[tuple[int, int]] = []
    result = import_file(sqlite_hall, "cases", path, progress=lambda d, t: calls.append((d, t)) or True)
    assert (result.inserted, result.errors) == (100_000, [])
    assert calls[-1] == (200_000, 200_000)
    with sqlite_hall.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 100_000
        assert session.scalar(select(func.count()).select_from(CaseEvent)) == 100_000
