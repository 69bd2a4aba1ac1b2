"""What more than one page shows the same way: the field's words and how staffing looks."""

from hallmonitor.ui.common.alert_words import (
    LEVEL_COLOURS,
    action_name,
    action_prompt,
    alert_kind_name,
    alert_level_name,
    alert_state_name,
    event_action_name,
    nominal_status_name,
    stored_alert_state_name,
)
from hallmonitor.ui.common.empty import EmptyHint
from hallmonitor.ui.common.filter_fields import choice_combo, chosen_day, open_day_edit
from hallmonitor.ui.common.look import (
    ABSENT_COLOUR,
    AUXILIARY_BADGE_COLOUR,
    FORMAL_BADGE_COLOUR,
    PALETTE,
    attendance_text,
    badge,
    key_label,
    ladder_badge,
    ladder_step,
    person_badge_style,
    status_text,
)
from hallmonitor.ui.common.table_model import ReadOnlyTableModel
from hallmonitor.ui.common.words import (
    auxiliary_badge,
    category_name,
    day_label,
    formal_badge,
    long_day_label,
    session_name,
    verdict_name,
    weekday_name,
    window_state_name,
)
from hallmonitor.ui.common.wrapping_bar import WrappingBar

__all__ = [
    "ABSENT_COLOUR",
    "AUXILIARY_BADGE_COLOUR",
    "FORMAL_BADGE_COLOUR",
    "LEVEL_COLOURS",
    "PALETTE",
    "EmptyHint",
    "ReadOnlyTableModel",
    "WrappingBar",
    "action_name",
    "action_prompt",
    "alert_kind_name",
    "alert_level_name",
    "alert_state_name",
    "attendance_text",
    "auxiliary_badge",
    "badge",
    "category_name",
    "choice_combo",
    "chosen_day",
    "day_label",
    "event_action_name",
    "formal_badge",
    "key_label",
    "ladder_badge",
    "ladder_step",
    "long_day_label",
    "nominal_status_name",
    "open_day_edit",
    "person_badge_style",
    "session_name",
    "status_text",
    "stored_alert_state_name",
    "verdict_name",
    "weekday_name",
    "window_state_name",
]
