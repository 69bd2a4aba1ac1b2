"""The fields filter bars share: a choice with "all" first, and a day that may be left open.

The alert center and the audit trail filter the same way; their bars keep
their own words (passed in, so each bar's translations stay its own).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit

#: The earliest day a filter offers; it stands for "no limit" and shows the bar's word for it.
NO_LIMIT = QDate(2000, 1, 1)


def choice_combo(everything: str, items: list[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox()
    combo.addItem(everything, None)
    for text, value in items:
        combo.addItem(text, value)
    return combo


def open_day_edit(any_text: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_LIMIT)
    edit.setSpecialValueText(any_text)
    edit.setDate(edit.minimumDate())
    return edit


def chosen_day(edit: QDateEdit) -> date | None:
    """The day set, or None while the edit still stands at "no limit"."""
    if edit.date() == edit.minimumDate():
        return None
    return edit.date().toPython()  # type: ignore[no-any-return]
