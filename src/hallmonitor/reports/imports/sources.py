"""What every kind of file read for an import shares: its errors, its bad cells, its way of giving rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hallmonitor.domain.texts import say
from hallmonitor.reports.imports.quoting import shown_path

__all__ = ["BadCell", "Source", "TableError", "unreadable"]


class TableError(Exception):
    """The file as a whole cannot be read; the message names it and says why."""


@dataclass(frozen=True, slots=True)
class BadCell:
    """A cell whose value cannot be read from the file; ``message`` says why, for its row error."""

    message: str


class Source:
    """Where rows come from; each data row is (row number, cells in header order)."""

    sheet: str | None = None

    def header(self) -> tuple[list[Any], int]:  # pragma: no cover - interface
        raise NotImplementedError

    def data_rows(self) -> Iterator[tuple[int, list[Any]]]:  # pragma: no cover - interface
        raise NotImplementedError


def unreadable(path: Path, exc: OSError) -> TableError:
    if isinstance(exc, PermissionError):
        return TableError(
            say(
                "Cannot read the file {path}: no permission, or another program (such as Excel) has it open.",
                path=shown_path(path),
            )
        )
    return TableError(
        say(
            "Cannot read the file {path}: {reason}.",
            path=shown_path(path),
            reason=exc.strerror or type(exc).__name__,
        )
    )
