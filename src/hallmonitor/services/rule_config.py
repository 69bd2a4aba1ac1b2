"""Loading and saving the hall's rule settings and work calendar from the database."""

from __future__ import annotations

from sqlalchemy import select

from hallmonitor.domain.enums import Role
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.domain.work_calendar import CalendarOverride, WorkCalendar
from hallmonitor.services.context import HallContext, ServiceError
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


def load_calendar(ctx: HallContext) -> WorkCalendar:
    with ctx.db.session() as session:
        rows = session.scalars(select(CalendarOverrideRow)).all()
        overrides = [CalendarOverride(r.day, r.is_workday, r.note, r.source) for r in rows]
    return WorkCalendar(overrides)


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
