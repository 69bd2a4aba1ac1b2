"""How the zones share the board's width: side by side where they fit, their tiles as wide as that allows.

Each zone keeps the hall's own grid (its windows' rows and columns) as long
as the width holds that many columns; narrower, its tiles wrap in the grid's
reading order rather than pushing the board sideways. Among the ways of
putting zones side by side, the board takes the one that needs the least
height, so a 1920-pixel screen shows two zones a row instead of leaving 40%
of its width empty, and then widens the tiles into what is left.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Frame:
    """The space around tiles: a zone box's border and title, the gaps between tiles and zones."""

    available: int
    spacing: int
    zone_gap: int
    chrome_width: int
    chrome_height: int


@dataclass(frozen=True, slots=True)
class Packing:
    #: Each row of zones: (zone index, columns it is laid out in).
    rows: tuple[tuple[tuple[int, int], ...], ...]
    tile_width: int
    tile_height: int
    height: int


def zone_width(columns: int, tile_width: int, frame: Frame) -> int:
    return columns * tile_width + (columns - 1) * frame.spacing + frame.chrome_width


def _columns_that_fit(natural: int, tile_width: int, frame: Frame) -> int:
    room = frame.available - frame.chrome_width + frame.spacing
    return max(1, min(natural, room // (tile_width + frame.spacing)))


def _rows_of(columns: Sequence[int], per_row: int) -> tuple[tuple[tuple[int, int], ...], ...]:
    indexed = list(enumerate(columns))
    return tuple(tuple(indexed[i : i + per_row]) for i in range(0, len(indexed), per_row))


def pack(
    natural_columns: Sequence[int],
    counts: Sequence[int],
    minimum: int,
    maximum: int,
    frame: Frame,
    tile_height: Callable[[int], tuple[int, int]],
) -> Packing:
    """The lowest arrangement of zones in rows (``per_row`` zones each) whose tiles are at least ``minimum`` wide.

    ``natural_columns[i]`` is zone i's grid width, ``counts[i]`` its number of
    tiles; ``tile_height(width)`` gives the height every tile needs at that width
    and how many tiles then hide something ("+N", "…"). Hiding less comes first:
    narrower tiles are taken to save height only when they show as much.
    """
    columns = [_columns_that_fit(n, minimum, frame) for n in natural_columns]
    best: Packing | None = None
    best_score: tuple[int, int] | None = None
    for per_row in range(1, len(columns) + 1):
        rows = _rows_of(columns, per_row)
        widths = []
        for row in rows:
            fixed = sum((c - 1) * frame.spacing + frame.chrome_width for _z, c in row)
            fixed += (len(row) - 1) * frame.zone_gap
            widths.append((frame.available - fixed) // sum(c for _z, c in row))
        width = min(maximum, min(widths))
        if width < minimum:
            break  # more zones side by side only get narrower
        height_of_tile, hiding = tile_height(width)
        height = sum(
            max(-(-counts[z] // c) for z, c in row) * (height_of_tile + frame.spacing) + frame.chrome_height
            for row in rows
        )
        height += (len(rows) - 1) * frame.zone_gap
        if best_score is None or (hiding, height) < best_score:
            best, best_score = Packing(rows, width, height_of_tile, height), (hiding, height)
    if best is None:  # not even one zone a row holds a tile of the minimum width: take the minimum
        rows = _rows_of(columns, 1)
        best = Packing(rows, minimum, tile_height(minimum)[0], 0)
    return best
