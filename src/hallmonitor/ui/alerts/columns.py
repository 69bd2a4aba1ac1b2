"""The alert table's column widths, measured from the text of the rows that matter.

Sized when a new list arrives, not by the header measuring each cell's every
role (ResizeToContents): that took a tenth of a second after each action. The
first rows are as wide as any (the same kinds of text in every row), and the
rows in view are measured too; the summary, last, takes what is left.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView

from hallmonitor.ui.alerts.models import AlertTableModel

# Rows measured to size the columns.
RESIZE_PRECISION = 40
# The level and state columns, bold while the alert is open (AlertTableModel's font).
BOLD_COLUMNS = (3, 4)


def fit_columns(table: QTableView, model: AlertTableModel) -> None:
    """Each column but the summary as wide as its heading and its text in the first and the visible rows."""
    head, held = table.horizontalHeader(), model.rows
    top = max(table.rowAt(0), 0)
    bottom = table.rowAt(table.viewport().height() - 1)
    shown = range(top, (bottom if bottom >= 0 else len(held) - 1) + 1)
    rows = [held[n] for n in sorted({*range(min(RESIZE_PRECISION, len(held))), *shown}) if n < len(held)]
    plain = table.fontMetrics()
    bold_font = QFont(table.font())
    bold_font.setBold(True)
    bold = QFontMetrics(bold_font)
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 8
    for column in range(model.columnCount() - 1):
        widths = [
            (bold if row.is_open and column in BOLD_COLUMNS else plain).horizontalAdvance(
                model.text(row, column)
            )
            for row in rows
        ]
        head.resizeSection(column, max([head.sectionSizeHint(column), *(w + margin for w in widths)]))
