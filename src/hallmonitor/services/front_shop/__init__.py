"""前店后厂: cases whose approval evidence says it happened outside the hall, and their review."""

from hallmonitor.services.front_shop.flags import (
    REASON_SEPARATOR,
    FlagRow,
    day_of,
    evaluate_flags,
    list_flags,
    review_flag,
)

__all__ = ["REASON_SEPARATOR", "FlagRow", "day_of", "evaluate_flags", "list_flags", "review_flag"]
