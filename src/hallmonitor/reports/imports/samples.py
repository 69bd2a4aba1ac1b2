"""The template's sample row: marked so that it can never be imported as a real record.

A clerk who fills a template below its sample row and forgets to delete it
would otherwise bring 张三 into the hall as a civil servant. The mark is on
the row itself (its first cell ends in 示例), not on the sample's values, so a
real person who happens to be called 张三 with 工号 1001 still imports.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hallmonitor.domain.texts import say
from hallmonitor.reports.imports.cells import fold
from hallmonitor.reports.imports.quoting import quote, shown_path
from hallmonitor.reports.imports.rows import Binding
from hallmonitor.reports.imports.tabular import TableError

__all__ = ["SAMPLE_COMMENT", "SAMPLE_MARK", "refuse_sample_row", "sample_cell"]

SAMPLE_MARK = "示例"
SAMPLE_COMMENT = "示例行：导入前请删除"
#: The first cell as the template writes it ("A01 — 示例"), or just the mark; dashes of any width.
_MARKED = re.compile(r"(?:^|[—–\-－]\s*)示例$")


def sample_cell(shown: str) -> str:
    """The first cell of a template's sample row: the sample value, then the mark."""
    return f"{shown} — {SAMPLE_MARK}" if shown else SAMPLE_MARK


def _marked(value: Any) -> bool:
    return isinstance(value, str) and SAMPLE_MARK in value and _MARKED.search(fold(value)) is not None


def refuse_sample_row(binding: Binding, number: int, raw: dict[str, Any], sheet: str | None) -> None:
    """Raise TableError naming file, sheet and row when ``raw`` is a template's sample row.

    The mark is looked for in the kind's first column and in the file's first
    column, which are the same cell in a template however the clerk reordered it.
    """
    first = binding.spec.columns[0].key
    cells = [raw.get(binding.headers[first])] if binding.present(first) else []
    cells += [next(iter(raw.values()), None)]
    if any(_marked(c) for c in cells):
        raise TableError(_message(binding.path, number, sheet))


def _message(path: Path, number: int, sheet: str | None) -> str:
    if sheet:
        return say(
            "Row {row} of the sheet {sheet} in the file {path} is the template's sample row: delete it and import again.",
            row=number,
            sheet=quote(sheet, 31),
            path=shown_path(path),
        )
    return say(
        "Row {row} of the file {path} is the template's sample row: delete it and import again.",
        row=number,
        path=shown_path(path),
    )
