"""The field's words as the interface shows them, in the user's language.

Stored enum values are Chinese (they are what the hall imports and exports);
an English interface still needs English words, so every page names enum
members through these functions rather than showing ``.value``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from hallmonitor.domain.enums import Session, StaffCategory, StaffingVerdict, WindowState

_CTX = "Vocabulary"

_SESSIONS = {
    Session.MORNING: QT_TRANSLATE_NOOP("Vocabulary", "Morning"),
    Session.AFTERNOON: QT_TRANSLATE_NOOP("Vocabulary", "Afternoon"),
}
_VERDICTS = {
    StaffingVerdict.COMPLIANT: QT_TRANSLATE_NOOP("Vocabulary", "Compliant"),
    StaffingVerdict.AUXILIARY_ONLY: QT_TRANSLATE_NOOP("Vocabulary", "Auxiliary only"),
    StaffingVerdict.UNSTAFFED: QT_TRANSLATE_NOOP("Vocabulary", "Unstaffed"),
}
_STATES = {
    WindowState.OPEN: QT_TRANSLATE_NOOP("Vocabulary", "Open"),
    WindowState.RECTIFYING: QT_TRANSLATE_NOOP("Vocabulary", "Rectifying"),
    WindowState.CLOSED: QT_TRANSLATE_NOOP("Vocabulary", "Temporarily closed"),
    WindowState.OUT_OF_SERVICE: QT_TRANSLATE_NOOP("Vocabulary", "Out of service"),
}
_CATEGORIES = {
    StaffCategory.CIVIL_SERVANT: QT_TRANSLATE_NOOP("Vocabulary", "Civil servant"),
    StaffCategory.CIVIL_SERVANT_LAW_MANAGED: QT_TRANSLATE_NOOP("Vocabulary", "Managed as civil servant"),
    StaffCategory.PUBLIC_INSTITUTION: QT_TRANSLATE_NOOP("Vocabulary", "Public institution staff"),
    StaffCategory.LABOUR_DISPATCH: QT_TRANSLATE_NOOP("Vocabulary", "Labour dispatch"),
    StaffCategory.CONTRACT_OUTSIDE_QUOTA: QT_TRANSLATE_NOOP("Vocabulary", "Contract outside quota"),
    StaffCategory.TEMPORARY: QT_TRANSLATE_NOOP("Vocabulary", "Temporary hire"),
    StaffCategory.THIRD_PARTY: QT_TRANSLATE_NOOP("Vocabulary", "Third-party service"),
}
_WEEKDAYS = (
    QT_TRANSLATE_NOOP("Vocabulary", "Mon"),
    QT_TRANSLATE_NOOP("Vocabulary", "Tue"),
    QT_TRANSLATE_NOOP("Vocabulary", "Wed"),
    QT_TRANSLATE_NOOP("Vocabulary", "Thu"),
    QT_TRANSLATE_NOOP("Vocabulary", "Fri"),
    QT_TRANSLATE_NOOP("Vocabulary", "Sat"),
    QT_TRANSLATE_NOOP("Vocabulary", "Sun"),
)


def _t(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def session_name(session: Session) -> str:
    return _t(_SESSIONS[session])


def verdict_name(verdict: StaffingVerdict) -> str:
    return _t(_VERDICTS[verdict])


def window_state_name(state: WindowState) -> str:
    return _t(_STATES[state])


def category_name(category: StaffCategory) -> str:
    return _t(_CATEGORIES[category])


def weekday_name(day: date) -> str:
    return _t(_WEEKDAYS[day.weekday()])


def formal_badge() -> str:
    """The one-character mark of a formal civil servant (正 in Chinese)."""
    return QCoreApplication.translate("Vocabulary", "F")


def auxiliary_badge() -> str:
    """The one-character mark of auxiliary staff (辅 in Chinese)."""
    return QCoreApplication.translate("Vocabulary", "A")


def day_label(day: date) -> str:
    """A short date with its weekday, e.g. 5/11 周一."""
    return f"{day.month}/{day.day} {weekday_name(day)}"


def long_day_label(day: date) -> str:
    return QCoreApplication.translate("Vocabulary", "{year}-{month:02d}-{day:02d} {weekday}").format(
        year=day.year, month=day.month, day=day.day, weekday=weekday_name(day)
    )
