"""What the roster page does to a week's cells before it saves: add and remove staff, mark attendance, copy last week.

Pure functions of the cells' contents: a cell is a tuple of assignments,
formal civil servants first, and each edit returns the new tuple, so the
page's undo keeps the contents before and after and never a change to replay.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from hallmonitor.domain.enums import WindowState
from hallmonitor.services.staffing.roster import Assignment, Cell, CellKey, RosterWeek, StaffOption


def with_staff(entries: Cell, person: StaffOption | Assignment) -> Cell:
    """The cell with ``person`` added as planned (unchanged when already there)."""
    staff_id = person.id if isinstance(person, StaffOption) else person.staff_id
    if any(a.staff_id == staff_id for a in entries):
        return entries
    added = Assignment(staff_id, person.staff_no, person.name, person.category, None)
    return tuple(sorted((*entries, added), key=lambda a: (not a.formal, a.staff_no)))


def with_attendance(entries: Cell, staff_ids: Iterable[int] | None, attendance: bool | None) -> Cell:
    """The cell with the attendance of ``staff_ids`` (everyone when None) set."""
    ids = None if staff_ids is None else set(staff_ids)
    return tuple(
        replace(a, attendance=attendance) if ids is None or a.staff_id in ids else a for a in entries
    )


def without_staff(entries: Cell, staff_ids: Iterable[int] | None) -> Cell:
    """The cell without ``staff_ids`` (empty when None)."""
    if staff_ids is None:
        return ()
    ids = set(staff_ids)
    return tuple(a for a in entries if a.staff_id not in ids)


def find_staff(staff: Sequence[StaffOption], text: str) -> list[StaffOption]:
    """Staff matching typed text: an exact 工号 or name first, else those containing it."""
    text = text.strip()
    if not text:
        return []
    head = text.split()[0]
    exact = [s for s in staff if head in (s.staff_no, s.name) or text in (s.staff_no, s.name)]
    if exact:
        return exact
    needle = text.casefold()
    return [s for s in staff if needle in s.staff_no.casefold() or needle in s.name]


def copied_cells(source: RosterWeek, target: RosterWeek, current: dict[CellKey, Cell]) -> dict[CellKey, Cell]:
    """Last week's plan moved seven days on, for the target's empty cells only.

    Cells already planned this week are kept, so copying never destroys work;
    attendance is not copied (it is a fact of last week), and days that are
    not working days this week receive nothing.
    """
    shift = target.monday - source.monday
    windows = {w.id for w in target.windows}
    active = {s.id for s in target.staff}
    result: dict[CellKey, Cell] = {}
    for key, entries in source.cells.items():
        new_key = CellKey(key.window_id, key.day + shift, key.session)
        if new_key.day not in target.workdays or new_key.window_id not in windows or current.get(new_key):
            continue
        if target.states.get(new_key.day, {}).get(new_key.window_id) is WindowState.OUT_OF_SERVICE:
            continue
        planned = tuple(replace(a, attendance=None) for a in entries if a.staff_id in active)
        if planned:
            result[new_key] = planned
    return result
