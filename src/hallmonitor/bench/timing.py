"""Each figure against its floor, timed in alternated pairs, and the table they make.

A PC shared with other work drifts by tens of percent within minutes, so a
figure is never compared with a number from another run: its floor (the same
work done by the bare libraries) runs in the same minutes, ours and floor one
after the other, the order swapped every pair, and the medians are compared.
A goal is a ratio to the floor, or for what a person waits on in the app an
absolute time. Nothing here fails on a time: a figure that cannot be measured
says why in its row, and the command's exit status says only whether every
figure could be.
"""

from __future__ import annotations

import statistics
import time
import traceback
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Timer = Callable[[], float]


@dataclass(frozen=True)
class Goal:
    #: ours ≤ ratio × floor
    ratio: float | None = None
    #: ours < seconds
    seconds: float | None = None

    def met(self, ours: float, floor: float) -> bool:
        if self.ratio is not None:
            return ours <= self.ratio * floor
        return self.seconds is not None and ours < self.seconds

    def __str__(self) -> str:
        if self.ratio is not None:
            return f"≤ {self.ratio:g}x"
        return f"< {shown(self.seconds or 0)}"


@dataclass
class Figure:
    name: str
    #: What the floor does, in a few words.
    floor_name: str
    goal: Goal
    #: Each returns the seconds it measured (setup such as copying a file left out).
    ours: Timer
    floor: Timer
    #: Run once before the pairs, untimed (a first report to read back, a warm cache).
    setup: Callable[[], None] | None = None
    #: Run once after the pairs, whatever happened (a connection closed).
    teardown: Callable[[], None] | None = None
    #: Said under the table (how large the work was).
    note: str = ""


@dataclass
class Result:
    figure: Figure
    ours: list[float] = field(default_factory=list)
    floors: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def ours_median(self) -> float:
        return statistics.median(self.ours) if self.ours else 0.0

    @property
    def floor_median(self) -> float:
        return statistics.median(self.floors) if self.floors else 0.0

    @property
    def ratio(self) -> float:
        return self.ours_median / self.floor_median if self.floor_median else 0.0

    @property
    def met(self) -> bool:
        return not self.error and self.figure.goal.met(self.ours_median, self.floor_median)

    def as_json(self) -> dict[str, Any]:
        f = self.figure
        return {
            "figure": f.name,
            "floor": f.floor_name,
            "goal": str(f.goal),
            "ours_s": round(self.ours_median, 6),
            "floor_s": round(self.floor_median, 6),
            "ratio": round(self.ratio, 2),
            "met": self.met,
            "ours_samples_s": [round(s, 6) for s in self.ours],
            "floor_samples_s": [round(s, 6) for s in self.floors],
            "note": f.note,
            "error": self.error,
        }


def measure(figure: Figure, repeat: int, log: Callable[[str], None]) -> Result:
    """``repeat`` alternated pairs; a failure ends the figure with its reason, not the run."""
    result = Result(figure)
    started = time.perf_counter()
    try:
        if figure.setup is not None:
            figure.setup()
        for turn in range(repeat):
            sides = ((figure.ours, result.ours), (figure.floor, result.floors))
            for timer, samples in sides if turn % 2 == 0 else reversed(sides):
                samples.append(timer())
    except Exception as exc:
        result.error = f"{type(exc).__name__}: {exc}".strip()
        log(traceback.format_exc().rstrip())
    finally:
        if figure.teardown is not None:
            figure.teardown()
    log(
        f"  {figure.name}: ours {shown(result.ours_median)}, floor {shown(result.floor_median)}"
        f" ({time.perf_counter() - started:.0f} s){'  FAILED: ' + result.error if result.error else ''}"
    )
    return result


def shown(seconds: float) -> str:
    if seconds >= 100:
        return f"{seconds:.0f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.01:
        return f"{seconds * 1000:.0f} ms"
    if seconds >= 0.001:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1_000_000:.0f} µs"


HEADERS = ("figure", "ours", "floor", "ratio", "goal", "met")


def cells(result: Result) -> list[str]:
    f = result.figure
    if result.error:
        return [f.name, "failed", "", "", str(f.goal), result.error[:60]]
    return [
        f.name,
        shown(result.ours_median),
        f"{shown(result.floor_median)} ({f.floor_name})",
        # Two decimals where a goal (1.5x, 2x) is judged, so a ratio shown never seems to meet it when it does not.
        f"{result.ratio:.2f}x" if result.ratio < 10 else f"{result.ratio:.1f}x",
        str(f.goal),
        "yes" if result.met else "no",
    ]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def text_table(results: list[Result]) -> str:
    rows = [list(HEADERS), *(cells(r) for r in results)]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(HEADERS))]
    lines = []
    for n, row in enumerate(rows):
        padded = [
            c + " " * (w - _width(c)) if i in (0, 2) else " " * (w - _width(c)) + c
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(padded).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(results: list[Result]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|---|---:|---|---:|---|---|"]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in cells(r)) + " |" for r in results]
    return "\n".join(lines)
