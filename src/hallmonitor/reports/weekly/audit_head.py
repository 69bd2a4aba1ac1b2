"""The audit chain's head as a weekly report printed it, read back for ``audit verify --against``."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from hallmonitor.reports.weekly.columns import F, S
from hallmonitor.reports.weekly.rollup import MergeError


def read_audit_head(path: Path) -> tuple[int, str]:
    """(审计序号, 审计哈希) from 概览; MergeError with a sentence when the file holds none."""
    path = Path(path)
    if not path.is_file():
        raise MergeError(f"找不到文件：{path}")
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise MergeError(f"{path.name}：不是 Excel 工作簿（.xlsx），无法读取。") from None
    try:
        if S.OVERVIEW not in workbook.sheetnames:
            raise MergeError(f"{path.name}：不是窗口监管周报，没有工作表 {S.OVERVIEW}。")
        figures: dict[str, object] = {}
        for row in workbook[S.OVERVIEW].iter_rows(min_row=2, max_col=2, values_only=True):
            if row and isinstance(row[0], str):
                figures.setdefault(row[0].strip(), row[1] if len(row) > 1 else None)
    finally:
        workbook.close()
    seq, digest = figures.get(F.AUDIT_SEQ), figures.get(F.AUDIT_HASH)
    if seq is None or digest is None:
        raise MergeError(
            f"{path.name}：{S.OVERVIEW}中没有{F.AUDIT_SEQ}和{F.AUDIT_HASH}，该周报导出时尚无审计记录。"
        )
    try:
        number = int(str(seq).strip())
    except ValueError:
        raise MergeError(f"{path.name}：{S.OVERVIEW}中的{F.AUDIT_SEQ}“{seq}”不是数字。") from None
    text = str(digest).strip().lower()
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        raise MergeError(f"{path.name}：{S.OVERVIEW}中的{F.AUDIT_HASH}不是 64 位十六进制哈希。")
    return number, text
