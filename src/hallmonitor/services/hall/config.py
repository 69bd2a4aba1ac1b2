"""Loading and saving the hall's rule settings and work calendar from the database."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from hallmonitor.domain.enums import Role
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.domain.work_calendar import CalendarOverride, WorkCalendar, YearStatus, guess_overrides
from hallmonitor.services.hall.context import HallContext, ServiceError
from hallmonitor.storage.models import CalendarOverrideRow, Setting


def load_settings(ctx: HallContext) -> RuleSettings:
    with ctx.db.session() as session:
        rows = session.execute(select(Setting.key, Setting.value).where(Setting.hall_id == ctx.hall_id)).all()
    try:
        return RuleSettings.from_strings(dict(rows))
    except ValueError as exc:
        raise ServiceError(str(exc)) from exc


def save_settings(ctx: HallContext, settings: RuleSettings) -> None:
    ctx.require(Role.SUPERVISOR, "修改规则设置")
    values = settings.to_strings()
    with ctx.db.session() as session:
        existing = {s.key: s for s in session.scalars(select(Setting).where(Setting.hall_id == ctx.hall_id))}
        for key, value in values.items():
            if key in existing:
                existing[key].value = value
            else:
                session.add(Setting(hall_id=ctx.hall_id, key=key, value=value))


def load_calendar(ctx: HallContext, *, today: date | None = None) -> WorkCalendar:
    """The hall's calendar: official data, the hall's overrides, and guesses where both are missing.

    For last, this and next year, a year the library does not know and the hall
    has not imported gets the `holidays` package's guesses (marked 推测), which
    are closer to the truth than Monday to Friday; the calendar's warning still
    says the year lacks official data until the arrangement is imported.
    """
    with ctx.db.session() as session:
        rows = session.scalars(select(CalendarOverrideRow)).all()
        overrides = [CalendarOverride(r.day, r.is_workday, r.note, r.source) for r in rows]
    calendar = WorkCalendar(overrides)
    this_year = (today or date.today()).year
    guesses: list[CalendarOverride] = []
    for year in (this_year - 1, this_year, this_year + 1):
        if calendar.year_status(year) is YearStatus.FALLBACK:
            guesses.extend(guess_overrides(year))
    return calendar.with_overrides(guesses) if guesses else calendar


def save_overrides(ctx: HallContext, overrides: list[CalendarOverride]) -> int:
    """Insert or replace overrides by day; returns how many rows changed."""
    ctx.require(Role.SUPERVISOR, "修改工作日历")
    changed = 0
    with ctx.db.session() as session:
        by_day = {
            r.day: r
            for r in session.scalars(
                select(CalendarOverrideRow).where(CalendarOverrideRow.day.in_([o.day for o in overrides]))
            )
        }
        for o in overrides:
            row = by_day.get(o.day)
            if row is None:
                session.add(
                    CalendarOverrideRow(day=o.day, is_workday=o.is_workday, note=o.note, source=o.source)
                )
                changed += 1
            elif (row.is_workday, row.note, row.source) != (o.is_workday, o.note, o.source):
                row.is_workday, row.note, row.source = o.is_workday, o.note, o.source
                changed += 1
    return changed
