"""The audit trail's tables in the hall's words, and who may read one record's history.

The trail names tables as the database does (``service_window``); an auditor
asks for 窗口. Each kind is one table; the records people ask the history of
(a window, a staff member, an item, a case, an alert, an account) also name the
tables that hold their dependent rows (a case's events, an alert's steps), so
their history shows those too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hallmonitor.domain.permissions import Permission
from hallmonitor.services.hall import ServiceError
from hallmonitor.storage.models import (
    Alert,
    AlertEvent,
    AlertOccurrence,
    Case,
    CaseEvent,
    FrontShopFlag,
    Item,
    Operator,
    SpecialPeriod,
    Staff,
    StaffCategoryChange,
    Window,
    WindowStateChange,
)
from hallmonitor.storage.models.config import OperatorWindow


@dataclass(frozen=True, slots=True)
class EntityKind:
    #: What the command line and the filters call it: ``window``.
    key: str
    #: What the hall calls it: 窗口.
    word: str
    #: Its table in the trail: ``service_window``.
    table: str
    #: Besides READ_AUDIT, the permissions that let one read a record's history; empty: auditors only.
    readers: frozenset[Permission] = frozenset()
    #: The record's model, when its history may be asked for (the hall and window it belongs to).
    model: Any = None
    #: Dependent rows shown in the record's history: (model, column naming the record).
    children: tuple[tuple[Any, Any], ...] = ()


_HALL = frozenset({Permission.READ_HALL})

ENTITY_KINDS: tuple[EntityKind, ...] = (
    EntityKind(
        "window", "窗口", "service_window", _HALL, Window, ((WindowStateChange, WindowStateChange.window_id),)
    ),
    EntityKind(
        "staff", "人员", "staff", _HALL, Staff, ((StaffCategoryChange, StaffCategoryChange.staff_id),)
    ),
    EntityKind("item", "事项", "item", _HALL, Item),
    EntityKind(
        "case",
        "办件",
        "service_case",
        _HALL,
        Case,
        (
            (CaseEvent, CaseEvent.case_id),
            (SpecialPeriod, SpecialPeriod.case_id),
            (FrontShopFlag, FrontShopFlag.case_id),
        ),
    ),
    EntityKind(
        "alert",
        "预警",
        "alert",
        _HALL,
        Alert,
        ((AlertEvent, AlertEvent.alert_id), (AlertOccurrence, AlertOccurrence.alert_id)),
    ),
    EntityKind(
        "account",
        "账号",
        "operator",
        frozenset({Permission.MANAGE_ACCOUNTS}),
        Operator,
        ((OperatorWindow, OperatorWindow.operator_id),),
    ),
    EntityKind("roster", "排班", "roster_entry"),
    EntityKind("setting", "设置", "setting"),
    EntityKind("rule_settings", "规则设置", "rule_settings_version"),
    EntityKind("calendar", "工作日历", "calendar_override"),
    EntityKind("department", "部门", "department"),
    EntityKind("window_state", "窗口状态", "window_state_change"),
    EntityKind("staff_category", "人员类别", "staff_category_change"),
    EntityKind("case_event", "办件记录", "case_event"),
    EntityKind("special_period", "特别程序", "special_period"),
    EntityKind("flag", "前店后厂标记", "front_shop_flag"),
    EntityKind("nominal_review", "挂名核查", "nominal_review"),
    EntityKind("complaint", "办不成事反映", "complaint"),
    EntityKind("alert_event", "预警记录", "alert_event"),
    EntityKind("alert_occurrence", "预警明细", "alert_occurrence"),
    EntityKind("account_window", "账号窗口", "operator_window"),
    EntityKind("change_log", "资料变更记录", "change_log"),
    EntityKind("hall", "大厅", "hall"),
    EntityKind("hall_key", "大厅密钥", "hall_key"),
)

_BY_NAME: dict[str, EntityKind] = {
    name: kind for kind in ENTITY_KINDS for name in (kind.key, kind.word, kind.table)
}
_BY_TABLE: dict[str, EntityKind] = {kind.table: kind for kind in ENTITY_KINDS}


def find_kind(name: str) -> EntityKind:
    """The kind called ``name`` (``window``, 窗口 or ``service_window``); a sentence listing them when unknown."""
    found = _BY_NAME.get(name.strip())
    if found is None:
        listed = "、".join(f"{k.word}（{k.key}）" for k in ENTITY_KINDS)
        raise ServiceError(f"审计记录中没有“{name.strip()}”这类记录；可选：{listed}。")
    return found


def word_for_table(table: str) -> str:
    """The hall's word for a table of the trail; the table's own name for one no kind covers."""
    found = _BY_TABLE.get(table)
    return found.word if found is not None else table
