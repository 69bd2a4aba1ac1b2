"""What every kind of file read for an import shares: its errors, its bad cells, its way of giving rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
        return TableError(f"无法读取文件 {shown_path(path)}：没有权限，或文件正被其他程序（如 Excel）占用。")
    return TableError(f"无法读取文件 {shown_path(path)}：{exc.strerror or type(exc).__name__}。")
