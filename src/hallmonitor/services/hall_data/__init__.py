"""The hall's master data kept in the app: departments, windows, staff and items.

Search, add, edit and deactivate, never delete: past cases, rosters and alerts
name these records. Every change is logged with who, when, why, before and
after (``history``); a change that moves facts the rules judge (a window
停用 from a day, a category from a day, a person leaving, an item's time
limit) tells the rules from when to judge again.
"""

from hallmonitor.services.hall_data.departments import (
    DepartmentRow,
    add_department,
    list_departments,
    rename_department,
)
from hallmonitor.services.hall_data.items import (
    ItemInput,
    ItemRow,
    add_item,
    edit_item,
    list_items,
    set_item_active,
)
from hallmonitor.services.hall_data.log import ACTION_WORDS, HistoryEntry, history
from hallmonitor.services.hall_data.staff import (
    StaffInput,
    StaffRow,
    add_staff,
    change_category,
    edit_staff,
    leave_staff,
    list_staff,
    return_staff,
)
from hallmonitor.services.hall_data.window_state import (
    SETTABLE_STATES,
    StateResult,
    parse_state,
    set_window_state,
)
from hallmonitor.services.hall_data.windows import (
    WindowInput,
    WindowRow,
    add_window,
    edit_window,
    list_windows,
)

__all__ = [
    "ACTION_WORDS",
    "SETTABLE_STATES",
    "DepartmentRow",
    "HistoryEntry",
    "ItemInput",
    "ItemRow",
    "StaffInput",
    "StaffRow",
    "StateResult",
    "WindowInput",
    "WindowRow",
    "add_department",
    "add_item",
    "add_staff",
    "add_window",
    "change_category",
    "edit_item",
    "edit_staff",
    "edit_window",
    "history",
    "leave_staff",
    "list_departments",
    "list_items",
    "list_staff",
    "list_windows",
    "parse_state",
    "rename_department",
    "return_staff",
    "set_item_active",
    "set_window_state",
]
