"""Loading and saving the hall's rule settings and work calendar from the database.

Saved settings take effect from the moment they are saved, and every saved
set is kept (``rule_settings_version``), so the rules judge each moment by the
settings in force then: a threshold changed today does not rewrite what was
decided last month. A hall whose rules have not judged anything yet takes its
settings as in force from the start, since nothing has been decided by others.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.domain.texts import say
from hallmonitor.domain.work_calendar import CalendarOverride, WorkCalendar, YearStatus
from hallmonitor.services.hall.context import HallContext, ServiceError
from hallmonitor.services.hall.guessed_holidays import guessed_overrides
from hallmonitor.services.hall.marks import calendar_changed, facts_changed, read_mark
from hallmonitor.storage.models import CalendarOverrideRow, RuleSettingsVersion, Setting

#: Settings in force before any was saved (and those saved before settings were versioned) count from here.
SINCE_EVER = datetime(2000, 1, 1)
#: The first year whose official arrangement the calendar library may lack (it knows 2004 to 2026).
FIRST_GUESSED_YEAR = 2027


def load_settings(ctx: HallContext) -> RuleSettings:
    with ctx.db.session() as session:
        rows = session.execute(select(Setting.key, Setting.value).where(Setting.hall_id == ctx.hall_id)).all()
    try:
        return RuleSettings.from_strings(dict(rows))
    except ValueError as exc:
        raise ServiceError(str(exc)) from exc


def save_settings(ctx: HallContext, settings: RuleSettings, *, at: datetime | None = None) -> datetime:
    """Store ``settings`` as in force from ``at`` (now by default); returns that moment."""
    ctx.require(Permission.EDIT_SETTINGS, say("change the rule settings"))
    values = settings.to_strings()
    moment = (at or datetime.now()).replace(microsecond=0)
    with ctx.db.session() as session:
        existing = {s.key: s for s in session.scalars(select(Setting).where(Setting.hall_id == ctx.hall_id))}
        for key, value in values.items():
            if key in existing:
                existing[key].value = value
            else:
                session.add(Setting(hall_id=ctx.hall_id, key=key, value=value))
        if read_mark(session, ctx.hall_id).judged_until is None:
            moment = SINCE_EVER
        session.add(
            RuleSettingsVersion(
                hall_id=ctx.hall_id, effective_from=moment, values=json.dumps(values, sort_keys=True)
            )
        )
        facts_changed(session, ctx.hall_id, moment)
    return moment


@dataclass(frozen=True)
class SettingsTimeline:
    """The rule settings in force at each moment of the hall's history."""

    starts: tuple[datetime, ...]
    versions: tuple[RuleSettings, ...]

    def at(self, moment: datetime) -> RuleSettings:
        index = bisect.bisect_right(self.starts, moment) - 1
        return self.versions[max(index, 0)]

    @property
    def current(self) -> RuleSettings:
        return self.versions[-1]


def settings_timeline(ctx: HallContext) -> SettingsTimeline:
    with ctx.db.session() as session:
        rows = session.execute(
            select(RuleSettingsVersion.effective_from, RuleSettingsVersion.values)
            .where(RuleSettingsVersion.hall_id == ctx.hall_id)
            .order_by(RuleSettingsVersion.effective_from, RuleSettingsVersion.id)
        ).all()
    if not rows:
        return SettingsTimeline((SINCE_EVER,), (load_settings(ctx),))
    starts: list[datetime] = []
    versions: list[RuleSettings] = []
    for start, values in rows:
        try:
            settings = RuleSettings.from_strings(json.loads(values))
        except ValueError as exc:
            raise ServiceError(str(exc)) from exc
        if starts and starts[-1] == start:
            versions[-1] = settings
        else:
            starts.append(start)
            versions.append(settings)
    if starts[0] > SINCE_EVER:
        starts.insert(0, SINCE_EVER)
        versions.insert(0, RuleSettings())
    return SettingsTimeline(tuple(starts), tuple(versions))


def load_calendar(ctx: HallContext, *, today: date | None = None) -> WorkCalendar:
    """The hall's calendar: official data, the hall's overrides, and guesses where both are missing.

    Every year from the library's last one to next year that the hall has not
    imported gets the `holidays` package's guesses (marked 推测), which
    are closer to the truth than Monday to Friday; the calendar's warning still
    says the year lacks official data until the arrangement is imported.
    """
    row = CalendarOverrideRow
    with ctx.db.session() as session:
        # Its columns, not its rows as objects: every rules run and every check reads the calendar.
        days = session.execute(select(row.day, row.is_workday, row.note, row.source)).all()
    calendar = WorkCalendar([CalendarOverride(*day) for day in days])
    this_year = (today or date.today()).year
    guesses: list[CalendarOverride] = []
    # Every year the library lacks, not only the ones around today: a past day must be judged
    # by the same calendar whenever the rules judge it.
    for year in range(min(FIRST_GUESSED_YEAR, this_year - 1), this_year + 2):
        if calendar.year_status(year) is YearStatus.FALLBACK:
            guesses.extend(_guesses(year))
    return calendar.with_overrides(guesses) if guesses else calendar


#: The length of a calendar day's note (calendar_override.note).
NOTE_LENGTH = 200

#: A year's guessed holidays, read once per process: every rules run loads the calendar. Across
#: processes they are kept in the user's cache folder, since working them out costs every start.
_GUESSED: dict[int, list[CalendarOverride]] = {}


def _guesses(year: int) -> list[CalendarOverride]:
    if year not in _GUESSED:
        _GUESSED[year] = guessed_overrides(year)
    return _GUESSED[year]


def save_overrides(ctx: HallContext, overrides: list[CalendarOverride]) -> int:
    """Insert or replace overrides by day; returns how many rows changed."""
    ctx.require(Permission.EDIT_SETTINGS, say("change the work calendar"))
    for o in overrides:
        if len(o.note) > NOTE_LENGTH:
            raise ServiceError(
                say(
                    "The note of {day} may be at most {limit} characters long; it has {count}. The calendar "
                    "was not changed.",
                    day=o.day.isoformat(),
                    limit=NOTE_LENGTH,
                    count=len(o.note),
                )
            )
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
        if changed:
            calendar_changed(session, min(o.day for o in overrides))
    return changed
