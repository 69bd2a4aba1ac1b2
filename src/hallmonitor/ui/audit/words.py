"""The audit trail's kinds of record and actions as the interface names them.

The services name them in Chinese (``ENTITY_KINDS``); an English interface
still needs English words, so the page names them through these functions.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from hallmonitor.services.audit import ENTITY_KINDS

_KINDS = {
    "window": QT_TRANSLATE_NOOP("AuditWords", "Window"),
    "staff": QT_TRANSLATE_NOOP("AuditWords", "Staff"),
    "item": QT_TRANSLATE_NOOP("AuditWords", "Item"),
    "case": QT_TRANSLATE_NOOP("AuditWords", "Case"),
    "alert": QT_TRANSLATE_NOOP("AuditWords", "Alert"),
    "account": QT_TRANSLATE_NOOP("AuditWords", "Account"),
    "roster": QT_TRANSLATE_NOOP("AuditWords", "Roster"),
    "setting": QT_TRANSLATE_NOOP("AuditWords", "Setting"),
    "rule_settings": QT_TRANSLATE_NOOP("AuditWords", "Rule settings"),
    "calendar": QT_TRANSLATE_NOOP("AuditWords", "Work calendar"),
    "department": QT_TRANSLATE_NOOP("AuditWords", "Department"),
    "window_state": QT_TRANSLATE_NOOP("AuditWords", "Window state"),
    "staff_category": QT_TRANSLATE_NOOP("AuditWords", "Staff category"),
    "case_event": QT_TRANSLATE_NOOP("AuditWords", "Case record"),
    "special_period": QT_TRANSLATE_NOOP("AuditWords", "Special procedure"),
    "flag": QT_TRANSLATE_NOOP("AuditWords", "Front-shop flag"),
    "complaint": QT_TRANSLATE_NOOP("AuditWords", "Complaint"),
    "alert_event": QT_TRANSLATE_NOOP("AuditWords", "Alert record"),
    "alert_occurrence": QT_TRANSLATE_NOOP("AuditWords", "Alert occurrence"),
    "account_window": QT_TRANSLATE_NOOP("AuditWords", "Account's window"),
    "change_log": QT_TRANSLATE_NOOP("AuditWords", "Hall data change"),
    "hall": QT_TRANSLATE_NOOP("AuditWords", "Hall"),
    "hall_key": QT_TRANSLATE_NOOP("AuditWords", "Hall key"),
}
_ACTIONS = {
    "insert": QT_TRANSLATE_NOOP("AuditWords", "Added"),
    "update": QT_TRANSLATE_NOOP("AuditWords", "Changed"),
    "delete": QT_TRANSLATE_NOOP("AuditWords", "Deleted"),
}
_TABLES = {kind.table: kind.key for kind in ENTITY_KINDS}


def kind_name(key: str) -> str:
    text = _KINDS.get(key)
    return QCoreApplication.translate("AuditWords", text) if text else key


def table_name(table: str) -> str:
    """The kind of record a table of the trail holds; the table's own name for one no kind covers."""
    key = _TABLES.get(table)
    return kind_name(key) if key else table


def action_name(action: str) -> str:
    text = _ACTIONS.get(action)
    return QCoreApplication.translate("AuditWords", text) if text else action


def kind_choices() -> list[tuple[str, str]]:
    """(shown name, kind key) for every kind, in the services' order (the records people ask about first)."""
    return [(kind_name(kind.key), kind.key) for kind in ENTITY_KINDS]


def action_choices() -> list[tuple[str, str]]:
    return [(action_name(action), action) for action in _ACTIONS]
