"""An import cell longer than its database column is a row error naming row and column, on both backends.

PostgreSQL would refuse the row with a raw StringDataRightTruncation in the middle of the
transaction; SQLite would keep it. Every text column of every kind is tried with a cell of
5,000 characters in an otherwise valid sample row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hallmonitor.reports.imports.specs import SPECS
from hallmonitor.services.hall import HallContext
from hallmonitor.services.imports import import_file
from tests.support.import_files import snapshot, write_xlsx

LONG = "长" * 5000

#: (kind, column title) of every column that holds text the hall types.
TEXT_COLUMNS = [
    (kind, column.title)
    for kind, spec in SPECS.items()
    for column in spec.columns
    if isinstance(column.sample, str) and not column.choices
]


@pytest.mark.parametrize(("kind", "title"), TEXT_COLUMNS, ids=[f"{k}-{t}" for k, t in TEXT_COLUMNS])
def test_an_over_long_cell_is_named_by_row_and_column_and_nothing_is_written(
    hall: HallContext, tmp_path: Path, kind: str, title: str
) -> None:
    spec = SPECS[kind]
    row = [LONG if c.title == title else c.sample for c in spec.columns]
    path = write_xlsx(tmp_path / f"{kind}.xlsx", [c.title for c in spec.columns], [row])
    before = snapshot(hall)
    result = import_file(hall, kind, path)
    named = [e for e in result.errors if e.row == 2 and e.column == title]
    assert named, [str(e) for e in result.errors]
    assert all("\n" not in str(e) and len(str(e)) < 300 for e in result.errors)
    assert result.written == 0 and snapshot(hall) == before


def test_every_kind_has_its_text_columns_tried() -> None:
    assert {kind for kind, _title in TEXT_COLUMNS} == set(SPECS)
