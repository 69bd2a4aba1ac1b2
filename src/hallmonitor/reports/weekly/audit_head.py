"""The audit chain's head as a weekly report printed it, read back for ``audit verify --against``."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from hallmonitor.domain.texts import say
from hallmonitor.reports.weekly.columns import F, S
from hallmonitor.reports.weekly.rollup import MergeError


def read_audit_head(path: Path) -> tuple[int, str]:
    """(审计序号, 审计哈希) from 概览; MergeError with a sentence when the file holds none."""
    path = Path(path)
    if not path.is_file():
        raise MergeError(say("File not found: {path}", path=path))
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise _refused(path, say("not an Excel workbook (.xlsx), so it cannot be read.")) from None
    try:
        if S.OVERVIEW not in workbook.sheetnames:
            raise _refused(
                path,
                say("not a window supervision weekly report: it has no sheet {sheet}.", sheet=S.OVERVIEW),
            )
        figures: dict[str, object] = {}
        for row in workbook[S.OVERVIEW].iter_rows(min_row=2, max_col=2, values_only=True):
            if row and isinstance(row[0], str):
                figures.setdefault(row[0].strip(), row[1] if len(row) > 1 else None)
    finally:
        workbook.close()
    seq, digest = figures.get(F.AUDIT_SEQ), figures.get(F.AUDIT_HASH)
    if seq is None or digest is None:
        raise _refused(
            path,
            say(
                "{sheet} has no {seq} and {hash}: the audit trail was still empty when this report was exported.",
                sheet=S.OVERVIEW,
                seq=F.AUDIT_SEQ,
                hash=F.AUDIT_HASH,
            ),
        )
    try:
        number = int(str(seq).strip())
    except ValueError:
        raise _refused(
            path,
            say(
                "the {figure} “{value}” in {sheet} is not a number.",
                figure=F.AUDIT_SEQ,
                value=seq,
                sheet=S.OVERVIEW,
            ),
        ) from None
    text = str(digest).strip().lower()
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        raise _refused(
            path,
            say(
                "the {figure} in {sheet} is not a 64-digit hexadecimal hash.",
                figure=F.AUDIT_HASH,
                sheet=S.OVERVIEW,
            ),
        )
    return number, text


def _refused(path: Path, reason: str) -> MergeError:
    return MergeError(say("{file}: {reason}", file=path.name, reason=reason))
