"""Creating a hall and the lookups every import and entry form needs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.domain.texts import say
from hallmonitor.domain.work_calendar import ChineseCalendarSource
from hallmonitor.services.hall.context import ServiceError
from hallmonitor.services.hall.hall_key import make_hall_key
from hallmonitor.services.hall.marks import ensure_mark
from hallmonitor.storage.database import Database
from hallmonitor.storage.models import Department, Hall, Setting

#: Hall codes people type on every PC and in file names: letters, digits, - and _.
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


@dataclass(frozen=True, slots=True)
class HallSummary:
    code: str
    name: str


def list_halls(db: Database) -> list[HallSummary]:
    """The halls in ``db``, in the order they were created."""
    with db.session() as session:
        return [HallSummary(c, n) for c, n in session.execute(select(Hall.code, Hall.name).order_by(Hall.id))]


def init_hall(db: Database, code: str, name: str, settings: RuleSettings | None = None) -> int:
    """Create the hall with ``settings`` (the defaults when None); refuse a second hall with the same code."""
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise ServiceError(say("The hall's code and name must both be filled in."))
    if not _CODE.match(code):
        raise ServiceError(
            say(
                "The hall code “{code}” may hold only letters, digits, - and _, at most 32 of them.",
                code=code,
            )
        )
    if len(name) > 200:
        raise ServiceError(say("The hall's name may be at most {count} characters long.", count=200))
    settings = settings or RuleSettings()
    if problem := settings.session_times.problem():
        raise ServiceError(problem)
    # The key first, in its own transaction: its file must exist before anything is hashed with it.
    make_hall_key(db)
    with db.session() as session:
        if session.scalar(select(Hall).where(Hall.code == code)) is not None:
            raise ServiceError(say("The hall code {code} already exists.", code=code))
        hall = Hall(code=code, name=name, created_at=datetime.now().replace(microsecond=0))
        session.add(hall)
        session.flush()
        for key, value in settings.to_strings().items():
            session.add(Setting(hall_id=hall.id, key=key, value=value))
        ensure_mark(session, hall.id)
        return hall.id


def official_coverage(years: list[int]) -> dict[int, bool]:
    """Whether the official holiday arrangements shipped with the app cover each year."""
    source = ChineseCalendarSource()
    return {year: source.covers(year) for year in years}


def department_id(session: Session, hall_id: int, name: str) -> int:
    """The department's id, created when missing (imports name departments freely)."""
    name = name.strip()
    found = session.scalar(
        select(Department.id).where(Department.hall_id == hall_id, Department.name == name)
    )
    if found is not None:
        return found
    dept = Department(hall_id=hall_id, name=name)
    session.add(dept)
    session.flush()
    return dept.id
