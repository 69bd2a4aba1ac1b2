"""The audit trail's tables in the hall's words, and who may read one record's history.

The trail names tables as the database does (``service_window``); an auditor
asks for 窗口. Each kind is one table; the records people ask the history of
(a window, a staff member, an item, a case, an alert, an account) also name the
tables that hold their dependent rows (a case's events, an alert's steps), so
their history shows those too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.texts import mark, say, translated
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
    #: What the hall calls it, as a message's source ("Window", 窗口): shown with ``say(word)``.
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
        "window",
        mark("Window"),
        "service_window",
        _HALL,
        Window,
        ((WindowStateChange, WindowStateChange.window_id),),
    ),
    EntityKind(
        "staff", mark("Staff"), "staff", _HALL, Staff, ((StaffCategoryChange, StaffCategoryChange.staff_id),)
    ),
    EntityKind("item", mark("Item"), "item", _HALL, Item),
    EntityKind(
        "case",
        mark("Case"),
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
        mark("Alert"),
        "alert",
        _HALL,
        Alert,
        ((AlertEvent, AlertEvent.alert_id), (AlertOccurrence, AlertOccurrence.alert_id)),
    ),
    EntityKind(
        "account",
        mark("Account"),
        "operator",
        frozenset({Permission.MANAGE_ACCOUNTS}),
        Operator,
        ((OperatorWindow, OperatorWindow.operator_id),),
    ),
    EntityKind("roster", mark("Roster"), "roster_entry"),
    EntityKind("setting", mark("Setting"), "setting"),
    EntityKind("rule_settings", mark("Rule settings"), "rule_settings_version"),
    EntityKind("calendar", mark("Work calendar"), "calendar_override"),
    EntityKind("department", mark("Department"), "department"),
    EntityKind("window_state", mark("Window state"), "window_state_change"),
    EntityKind("staff_category", mark("Staff category"), "staff_category_change"),
    EntityKind("case_event", mark("Case record"), "case_event"),
    EntityKind("special_period", mark("Special procedure"), "special_period"),
    EntityKind("flag", mark("Front-shop flag"), "front_shop_flag"),
    EntityKind("nominal_review", mark("Nominal presence review"), "nominal_review"),
    EntityKind("complaint", mark("Complaint"), "complaint"),
    EntityKind("alert_event", mark("Alert record"), "alert_event"),
    EntityKind("alert_occurrence", mark("Alert occurrence"), "alert_occurrence"),
    EntityKind("account_window", mark("Account's window"), "operator_window"),
    EntityKind("change_log", mark("Hall data change"), "change_log"),
    EntityKind("hall", mark("Hall"), "hall"),
    EntityKind("hall_key", mark("Hall key"), "hall_key"),
)

_BY_TABLE: dict[str, EntityKind] = {kind.table: kind for kind in ENTITY_KINDS}


@cache
def _by_name() -> dict[str, EntityKind]:
    """Every name a kind answers to, whatever the language spoken: key, table, English and Chinese word."""
    return {
        name: kind
        for kind in ENTITY_KINDS
        for name in (kind.key, kind.table, kind.word, translated(kind.word, "zh_CN"))
    }


def find_kind(name: str) -> EntityKind:
    """The kind called ``name`` (``window``, 窗口, Window or ``service_window``); a sentence listing them when unknown."""
    found = _by_name().get(name.strip())
    if found is None:
        listed = say(", ").join(say("{name} ({code})", name=say(k.word), code=k.key) for k in ENTITY_KINDS)
        raise ServiceError(
            say(
                'The audit trail holds no kind of record called "{name}"; the kinds are: {kinds}.',
                name=name.strip(),
                kinds=listed,
            )
        )
    return found


def word_for_table(table: str) -> str:
    """The hall's word for a table of the trail; the table's own name for one no kind covers."""
    found = _BY_TABLE.get(table)
    return say(found.word) if found is not None else table
