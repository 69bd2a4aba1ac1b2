"""What more than one page shows the same way: the field's words and how staffing looks."""

from hallmonitor.ui.common.alert_words import (
    LEVEL_COLOURS,
    action_name,
    action_prompt,
    alert_kind_name,
    alert_level_name,
    alert_state_name,
    event_action_name,
    stored_alert_state_name,
)
from hallmonitor.ui.common.look import (
    AUXILIARY_BADGE_COLOUR,
    FORMAL_BADGE_COLOUR,
    PALETTE,
    badge,
    key_label,
    status_text,
)
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

__all__ = [
    "AUXILIARY_BADGE_COLOUR",
    "FORMAL_BADGE_COLOUR",
    "LEVEL_COLOURS",
    "PALETTE",
    "action_name",
    "action_prompt",
    "alert_kind_name",
    "alert_level_name",
    "alert_state_name",
    "auxiliary_badge",
    "badge",
    "category_name",
    "day_label",
    "event_action_name",
    "formal_badge",
    "key_label",
    "long_day_label",
    "session_name",
    "status_text",
    "stored_alert_state_name",
    "verdict_name",
    "weekday_name",
    "window_state_name",
]
