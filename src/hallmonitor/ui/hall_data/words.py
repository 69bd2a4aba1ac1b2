"""The words of the hall's data as the page shows them: window kinds, item fields, history fields."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from hallmonitor.domain.enums import CaseType, ItemCategory, StaffCategory, WindowKind, WindowState
from hallmonitor.ui.common import category_name, window_state_name

_CTX = "HallDataWords"

_KINDS = {
    WindowKind.COMBINED: QT_TRANSLATE_NOOP("HallDataWords", "Combined window"),
    WindowKind.DEPARTMENT: QT_TRANSLATE_NOOP("HallDataWords", "Department window"),
    WindowKind.COMPLAINTS: QT_TRANSLATE_NOOP("HallDataWords", "Complaints window"),
    WindowKind.POLICY_PAYOUT: QT_TRANSLATE_NOOP("HallDataWords", "Policy payout window"),
}
_ITEM_CATEGORIES = {
    ItemCategory.BUSINESS_LICENCE: QT_TRANSLATE_NOOP("HallDataWords", "Business licence"),
    ItemCategory.SEAL_ENGRAVING: QT_TRANSLATE_NOOP("HallDataWords", "Seal engraving"),
    ItemCategory.BANK_ACCOUNT: QT_TRANSLATE_NOOP("HallDataWords", "Bank account"),
    ItemCategory.TAX: QT_TRANSLATE_NOOP("HallDataWords", "Tax"),
    ItemCategory.REAL_ESTATE: QT_TRANSLATE_NOOP("HallDataWords", "Real-estate registration"),
    ItemCategory.CONSTRUCTION_PROJECT: QT_TRANSLATE_NOOP("HallDataWords", "Construction project approval"),
    ItemCategory.POLICY_PAYOUT: QT_TRANSLATE_NOOP("HallDataWords", "Policy payout"),
    ItemCategory.OTHER: QT_TRANSLATE_NOOP("HallDataWords", "Other"),
}
_CASE_TYPES = {
    CaseType.IMMEDIATE: QT_TRANSLATE_NOOP("HallDataWords", "Immediate"),
    CaseType.PROMISED: QT_TRANSLATE_NOOP("HallDataWords", "Promised"),
}
#: The fields a history entry names, by the keys the change log stores.
_FIELDS = {
    "name": QT_TRANSLATE_NOOP("HallDataWords", "Name"),
    "number": QT_TRANSLATE_NOOP("HallDataWords", "Number"),
    "department": QT_TRANSLATE_NOOP("HallDataWords", "Department"),
    "kind": QT_TRANSLATE_NOOP("HallDataWords", "Kind"),
    "zone": QT_TRANSLATE_NOOP("HallDataWords", "Zone"),
    "grid_row": QT_TRANSLATE_NOOP("HallDataWords", "Board row"),
    "grid_col": QT_TRANSLATE_NOOP("HallDataWords", "Board column"),
    "state": QT_TRANSLATE_NOOP("HallDataWords", "State"),
    "effective_from": QT_TRANSLATE_NOOP("HallDataWords", "From"),
    "roster_removed": QT_TRANSLATE_NOOP("HallDataWords", "Roster entries removed"),
    "staff_no": QT_TRANSLATE_NOOP("HallDataWords", "Staff number"),
    "category": QT_TRANSLATE_NOOP("HallDataWords", "Category"),
    "from": QT_TRANSLATE_NOOP("HallDataWords", "From"),
    "active": QT_TRANSLATE_NOOP("HallDataWords", "On duty"),
    "left_on": QT_TRANSLATE_NOOP("HallDataWords", "Left on"),
    "code": QT_TRANSLATE_NOOP("HallDataWords", "Code"),
    "case_type": QT_TRANSLATE_NOOP("HallDataWords", "Case type"),
    "promised_days": QT_TRANSLATE_NOOP("HallDataWords", "Promised days"),
    "legal_days": QT_TRANSLATE_NOOP("HallDataWords", "Legal days"),
    "admitted": QT_TRANSLATE_NOOP("HallDataWords", "Admitted"),
    "window_may_approve": QT_TRANSLATE_NOOP("HallDataWords", "Window may approve"),
    "in_use": QT_TRANSLATE_NOOP("HallDataWords", "Status"),
}
_ACTIONS = {
    "add": QT_TRANSLATE_NOOP("HallDataWords", "Added"),
    "edit": QT_TRANSLATE_NOOP("HallDataWords", "Edited"),
    "state": QT_TRANSLATE_NOOP("HallDataWords", "State changed"),
    "category": QT_TRANSLATE_NOOP("HallDataWords", "Category changed"),
    "leave": QT_TRANSLATE_NOOP("HallDataWords", "Left"),
    "return": QT_TRANSLATE_NOOP("HallDataWords", "Returned"),
    "deactivate": QT_TRANSLATE_NOOP("HallDataWords", "Deactivated"),
    "activate": QT_TRANSLATE_NOOP("HallDataWords", "Activated"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def kind_name(kind: WindowKind) -> str:
    return _t(_KINDS[kind])


def item_category_name(category: ItemCategory) -> str:
    return _t(_ITEM_CATEGORIES[category])


def case_type_name(case_type: CaseType) -> str:
    return _t(_CASE_TYPES[case_type])


def action_name(action: str) -> str:
    return _t(_ACTIONS[action]) if action in _ACTIONS else action


def field_name(field: str) -> str:
    return _t(_FIELDS[field]) if field in _FIELDS else field


_YES = QT_TRANSLATE_NOOP("HallDataWords", "Yes")
_NO = QT_TRANSLATE_NOOP("HallDataWords", "No")


def yes_no(value: bool) -> str:
    return _t(_YES) if value else _t(_NO)


_IN_USE = QT_TRANSLATE_NOOP("HallDataWords", "In use")
_DEACTIVATED = QT_TRANSLATE_NOOP("HallDataWords", "Deactivated")


def in_use_name(active: bool) -> str:
    """An item's status: in use (启用), or deactivated (停用) and kept for the cases that name it."""
    return _t(_IN_USE) if active else _t(_DEACTIVATED)


def logged_value(field: str, value: object) -> str:
    """A value as the change log stored it (enums by their Chinese value), in the interface's words."""
    if value is None or value == "":
        return "—"
    if field == "in_use" and isinstance(value, bool):
        return in_use_name(value)
    if isinstance(value, bool):
        return yes_no(value)
    text = str(value)
    if field == "state" and text in _STATE_VALUES:
        return window_state_name(WindowState(text))
    if field == "kind" and text in _KIND_VALUES:
        return kind_name(WindowKind(text))
    if field == "category" and text in _STAFF_CATEGORY_VALUES:
        return category_name(StaffCategory(text))
    if field == "category" and text in _ITEM_CATEGORY_VALUES:
        return item_category_name(ItemCategory(text))
    if field == "case_type" and text in _CASE_TYPE_VALUES:
        return case_type_name(CaseType(text))
    return text


_STATE_VALUES = {s.value for s in WindowState}
_KIND_VALUES = {k.value for k in WindowKind}
_STAFF_CATEGORY_VALUES = {c.value for c in StaffCategory}
_ITEM_CATEGORY_VALUES = {c.value for c in ItemCategory}
_CASE_TYPE_VALUES = {c.value for c in CaseType}
