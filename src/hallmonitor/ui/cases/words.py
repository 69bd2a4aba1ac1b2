"""Case-related enum members as the interface shows them, in the user's language.

Stored values are the Chinese terms; an English interface still needs English
words, so the case, flag, chart and settings pages name members through these
functions (the zh_CN catalogue maps them back to the official terms).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from hallmonitor.domain.enums import (
    ApplicantType,
    ApprovalPlace,
    CaseStatus,
    CaseType,
    DeadlineState,
    FlagState,
)

_CTX = "CaseWords"

_STATUS = {
    CaseStatus.ACCEPTED: QT_TRANSLATE_NOOP("CaseWords", "Accepted"),
    CaseStatus.AWAITING_DOCUMENTS: QT_TRANSLATE_NOOP("CaseWords", "Awaiting documents"),
    CaseStatus.SPECIAL_PROCEDURE: QT_TRANSLATE_NOOP("CaseWords", "Special procedure"),
    CaseStatus.COMPLETED: QT_TRANSLATE_NOOP("CaseWords", "Completed"),
    CaseStatus.REFUSED: QT_TRANSLATE_NOOP("CaseWords", "Refused"),
    CaseStatus.RETURNED: QT_TRANSLATE_NOOP("CaseWords", "Returned"),
}
_VOIDED = QT_TRANSLATE_NOOP("CaseWords", "Voided")
_DEADLINE = {
    DeadlineState.ON_TIME: QT_TRANSLATE_NOOP("CaseWords", "On time"),
    DeadlineState.DUE_TODAY: QT_TRANSLATE_NOOP("CaseWords", "Due today"),
    DeadlineState.OVERDUE: QT_TRANSLATE_NOOP("CaseWords", "Overdue"),
}
_FLAG = {
    FlagState.PENDING: QT_TRANSLATE_NOOP("CaseWords", "To review"),
    FlagState.CONFIRMED: QT_TRANSLATE_NOOP("CaseWords", "Confirmed"),
    FlagState.DISMISSED: QT_TRANSLATE_NOOP("CaseWords", "Dismissed"),
}
_APPLICANT = {
    ApplicantType.PERSON: QT_TRANSLATE_NOOP("CaseWords", "Person"),
    ApplicantType.ENTERPRISE: QT_TRANSLATE_NOOP("CaseWords", "Enterprise"),
}
_PLACE = {
    ApprovalPlace.WINDOW: QT_TRANSLATE_NOOP("CaseWords", "At the window"),
    ApprovalPlace.BACK_OFFICE: QT_TRANSLATE_NOOP("CaseWords", "Department back office"),
}
_CASE_TYPE = {
    CaseType.IMMEDIATE: QT_TRANSLATE_NOOP("CaseWords", "Immediate case"),
    CaseType.PROMISED: QT_TRANSLATE_NOOP("CaseWords", "Promised case"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def status_name(status: CaseStatus) -> str:
    return _t(_STATUS[status])


def voided_name() -> str:
    """作废: shown where a status would be, for a case that counts nowhere."""
    return _t(_VOIDED)


def deadline_name(state: DeadlineState) -> str:
    return _t(_DEADLINE[state])


def flag_state_name(state: FlagState) -> str:
    return _t(_FLAG[state])


def applicant_type_name(kind: ApplicantType) -> str:
    return _t(_APPLICANT[kind])


def approval_place_name(place: ApprovalPlace) -> str:
    return _t(_PLACE[place])


def case_type_name(kind: CaseType) -> str:
    return _t(_CASE_TYPE[kind])
