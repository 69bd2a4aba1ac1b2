"""A year's guessed holidays, kept in the user's cache folder so that a start need not work them out.

Working out the guesses for a year the official calendar lacks imports the
``holidays`` package (every country's module) and computes the lunar holidays:
about a tenth of a second, paid by every start, since the first page's board
loads the calendar. What comes out depends only on the package's version, the
year and our own code, so it is kept in one file per year that names all three
and holds exactly what ``guess_overrides`` returned.

The file can only make a start faster, never change a day: whatever is in doubt
(no file, another version, unreadable, a day that is not the year's, a field of
the wrong kind) means the guesses are worked out again and the file rewritten,
and a cache folder that cannot be written is simply not used.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hallmonitor import __version__
from hallmonitor.domain.enums import CalendarSource
from hallmonitor.domain.work_calendar import GUESSES_REVISION, CalendarOverride, guess_overrides
from hallmonitor.files import cache_folder

log = logging.getLogger("hallmonitor.calendar")


def kept_file(year: int, folder: Path | None = None) -> Path:
    return (folder or cache_folder()) / "holidays" / f"guessed-{year}.json"


def _key(year: int) -> dict[str, Any] | None:
    """What the guesses of ``year`` depend on; None when the package's version cannot be told."""
    package = _package_version()
    if package is None:
        return None
    return {"year": year, "holidays": package, "revision": GUESSES_REVISION, "app": __version__}


def _package_version() -> str | None:
    """The installed ``holidays`` version, as ``importlib.metadata.version`` tells it, without importing it.

    ``importlib.metadata`` looks through every folder on the path for it; its
    metadata lies beside the package, so that folder is read first, and the
    search is made only when the package is not found there (or twice).
    """
    from importlib.util import find_spec

    spec = find_spec("holidays")
    if spec is not None and spec.origin is not None:
        found = list(Path(spec.origin).parent.parent.glob("holidays-*.dist-info"))
        if len(found) == 1:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                for line in (found[0] / "METADATA").read_text(encoding="utf-8").splitlines():
                    if not line:
                        break  # the headers end at the first empty line
                    if line.startswith("Version:"):
                        return line.removeprefix("Version:").strip()
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("holidays")
    except PackageNotFoundError:
        return None


def guessed_overrides(year: int, folder: Path | None = None) -> list[CalendarOverride]:
    """``guess_overrides(year)``, read from the kept file when it holds them for this version."""
    key = _key(year)
    path = kept_file(year, folder)
    if key is not None:
        kept = _read(path, key)
        if kept is not None:
            return kept
    guesses = guess_overrides(year)
    # An empty answer is the package failing (every year has holidays): never kept, tried again next time.
    if key is not None and guesses:
        _write(path, key, guesses)
    return guesses


def _read(path: Path, key: dict[str, Any]) -> list[CalendarOverride] | None:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.info("guessed holidays in %s not read (%s): worked out again", path, exc)
        return None
    try:
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        return [_override(day, key["year"]) for day in stored["days"]] or None
    except (KeyError, TypeError, ValueError) as exc:
        log.info("guessed holidays in %s not used (%s): worked out again", path, exc)
        return None


def _override(day: Any, year: int) -> CalendarOverride:
    when, is_workday, note = day
    parsed = date.fromisoformat(when)
    if parsed.year != year or not isinstance(is_workday, bool) or not isinstance(note, str):
        raise ValueError(f"not a guess for {year}: {day!r}")
    return CalendarOverride(parsed, is_workday, note, CalendarSource.GUESSED)


def _write(path: Path, key: dict[str, Any], guesses: list[CalendarOverride]) -> None:
    if any(g.source is not CalendarSource.GUESSED for g in guesses):
        return  # only guesses are kept: the file says nothing else
    days = [[g.day.isoformat(), g.is_workday, g.note] for g in guesses]
    text = json.dumps({"key": key, "days": days}, ensure_ascii=False)
    part: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".part")
        part = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        # Renamed into place whole: another start reading the file at that moment sees the old or the new.
        os.replace(part, path)
    except OSError as exc:
        log.info("guessed holidays not kept in %s: %s", path, exc)
        if part is not None:
            with contextlib.suppress(OSError):
                part.unlink()
