"""What the settings page needs beyond loading and saving rule settings.

The hall's name, the work calendar's days one at a time, the due dates that
follow a calendar change, and a connection test that tells the supervisor in
one sentence whether a database can be used, without changing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from hallmonitor.domain.enums import CalendarSource
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.rule_settings import SessionTimes
from hallmonitor.domain.texts import say
from hallmonitor.domain.work_calendar import CalendarOverride, YearStatus
from hallmonitor.services.cases import refresh_due_dates
from hallmonitor.services.hall import (
    HallContext,
    ServiceError,
    calendar_changed,
    load_calendar,
    save_overrides,
)
from hallmonitor.storage.database import DatabaseError, current_revision, head_revision, open_database
from hallmonitor.storage.models import CalendarOverrideRow, Hall


def session_times_problem(times: SessionTimes) -> str | None:
    """A sentence when the half-day sessions are out of order, else None."""
    return times.problem()


def rename_hall(ctx: HallContext, name: str) -> None:
    ctx.require(Permission.EDIT_SETTINGS, say("rename the hall"))
    name = name.strip()
    if not name:
        raise ServiceError(say("The hall's name cannot be empty."))
    if len(name) > 200:
        raise ServiceError(say("The hall's name may be at most {count} characters long.", count=200))
    with ctx.db.session() as session:
        hall = session.get(Hall, ctx.hall_id)
        if hall is None:
            raise ServiceError(say("The hall does not exist."))
        hall.name = name


def hall_name(ctx: HallContext) -> str:
    """The stored name: the context's copy is from when the app started."""
    with ctx.db.session() as session:
        return session.scalar(select(Hall.name).where(Hall.id == ctx.hall_id)) or ctx.hall_name


# --- work calendar -----------------------------------------------------------------------


def overrides_in_year(ctx: HallContext, year: int) -> list[CalendarOverride]:
    with ctx.db.session() as session:
        rows = session.scalars(
            select(CalendarOverrideRow)
            .where(CalendarOverrideRow.day >= date(year, 1, 1), CalendarOverrideRow.day <= date(year, 12, 31))
            .order_by(CalendarOverrideRow.day)
        ).all()
        return [CalendarOverride(r.day, r.is_workday, r.note, r.source) for r in rows]


def set_day(ctx: HallContext, day: date, is_workday: bool, note: str) -> bool:
    """Record one day typed in by the supervisor; True when something changed."""
    return save_overrides(ctx, [CalendarOverride(day, is_workday, note.strip(), CalendarSource.MANUAL)]) > 0


def remove_day(ctx: HallContext, day: date) -> bool:
    """Drop a day's override, so the official calendar (or Monday–Friday) decides again."""
    ctx.require(Permission.EDIT_SETTINGS, say("change the work calendar"))
    with ctx.db.session() as session:
        result = session.execute(delete(CalendarOverrideRow).where(CalendarOverrideRow.day == day))
        if result.rowcount:
            calendar_changed(session, day)
        return bool(result.rowcount)


def calendar_status(ctx: HallContext, years: list[int]) -> tuple[str | None, dict[int, YearStatus]]:
    """The warning for years without an official calendar, and where each year's days come from."""
    calendar = load_calendar(ctx)
    return calendar.warning_for(years), {year: calendar.year_status(year) for year in years}


def recompute_due_dates(ctx: HallContext) -> int:
    """After the calendar changed, every stored due date may have moved; returns how many did."""
    return refresh_due_dates(ctx, load_calendar(ctx), everything=True)


# --- database ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DatabaseCheck:
    ok: bool
    message: str
    url: str


def database_url(text: str) -> str:
    """A SQLAlchemy URL from what the supervisor typed: a URL, or a path to a SQLite file."""
    text = text.strip()
    if not text:
        raise ServiceError(say("Enter a SQLite database file's path or a PostgreSQL address."))
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def shown_url(url: str) -> str:
    """The URL with any password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def check_database(text: str) -> DatabaseCheck:
    """Can the app use this database? Connects without creating or upgrading anything."""
    try:
        url = database_url(text)
        parsed = make_url(url)
    except ServiceError as exc:
        return DatabaseCheck(False, str(exc), text)
    except ArgumentError:
        return DatabaseCheck(False, say("The database address cannot be read: {url}", url=text), text)
    shown = shown_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        if not parsed.database or not path.exists():
            return DatabaseCheck(
                True,
                say(
                    "The file {path} does not exist yet; once this is saved, the next start creates the database there.",
                    path=path,
                ),
                url,
            )
    try:
        db = open_database(url, migrate=False)
    except DatabaseError as exc:
        return DatabaseCheck(False, str(exc), url)
    try:
        revision = current_revision(db.engine)
        if revision is None:
            return DatabaseCheck(
                True,
                say(
                    "Connected to {url}, an empty database: the tables are made in it, then the hall.",
                    url=shown,
                ),
                url,
            )
        if revision != head_revision():
            return DatabaseCheck(
                True,
                say(
                    "Connected to {url}; the database is of an older version, upgraded at the next start.",
                    url=shown,
                ),
                url,
            )
        with db.session() as session:
            halls = session.execute(select(Hall.code, Hall.name).order_by(Hall.id)).all()
        if not halls:
            return DatabaseCheck(
                True,
                say("Connected to {url}; it holds no hall yet: one can be created in it next.", url=shown),
                url,
            )
        listed = say(", ").join(say("{name} ({code})", name=name, code=code) for code, name in halls)
        return DatabaseCheck(True, say("Connected to {url}: {halls}.", url=shown, halls=listed), url)
    except Exception as exc:  # any failure while looking inside is the answer to "can it be used?"
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        return DatabaseCheck(
            False,
            say(
                "Connected to {url}, but it cannot be read: {reason}",
                url=shown,
                reason=reason[0] if reason else type(exc).__name__,
            ),
            url,
        )
    finally:
        db.close()
