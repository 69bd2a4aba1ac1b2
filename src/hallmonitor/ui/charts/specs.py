"""What a chart shows, as plain data: the panel draws it, and draws it again when its size changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

BLUE = "#1677ff"
GREY = "#bfbfbf"
GREEN = "#52c41a"
ORANGE = "#fa541c"
RED = "#f5222d"
MUTED = "#8c8c8c"
#: A bar's share of its slot, the rest is the gap to the next category.
BAR_SHARE = 0.8


def number(value: float) -> str:
    return f"{value:,.0f}" if abs(value - round(value)) < 1e-9 or abs(value) >= 100 else f"{value:.1f}"


@dataclass(frozen=True)
class Series:
    name: str
    #: One per label; None where there is no value (drawn as the chart's ``missing`` text, not as 0).
    values: Sequence[float | None]
    colour: str
    # One colour per bar, when bars mean different things (over or under a target).
    colours: Sequence[str] = ()


@dataclass(frozen=True)
class BarChart:
    """Bars per label per series; ``texts`` are the hover sentences per label.

    ``missing`` is written where a value is None; ``rest`` (%1 how many, %2 the list) is the
    hover sentence of the last slot when not every bar fits, ``rest_label`` that slot's name.
    """

    labels: tuple[str, ...]
    series: tuple[Series, ...]
    texts: tuple[str, ...]
    y_max: float | None
    reference: float | None
    percent: bool
    value_text: Callable[[float], str]
    missing: str
    rest: str
    rest_label: str
    reference_label: str


@dataclass(frozen=True)
class LineChart:
    labels: tuple[str, ...]
    values: tuple[float, ...]
    texts: tuple[str, ...]
    #: Indices where a new week starts: a faint line there, since the days between are skipped.
    breaks: tuple[int, ...] = ()
    #: Indices of days the hall does not work (drawn grey: cases came in anyway).
    off_days: tuple[int, ...] = ()
