"""What every form of the hall's data checks the same way: required text, search, dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.domain.texts import say
from hallmonitor.services.hall import HallContext, ServiceError


def required_text(value: str | None, what: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ServiceError(say("{what} cannot be empty.", what=what))
    if len(text) > limit:
        raise ServiceError(_too_long(what, limit, len(text)))
    return text


def optional_text(value: str | None, what: str, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise ServiceError(_too_long(what, limit, len(text)))
    return text


def _too_long(what: str, limit: int, length: int) -> str:
    return say(
        "{what} takes at most {limit} characters; it has {length}.", what=what, limit=limit, length=length
    )


def reason_text(value: str | None, what: str | None = None) -> str:
    """A reason is what the next supervisor reads in the history, so it is required where asked for."""
    return required_text(value, what or say("Reason"), 500)


def matches(search: str, *fields: str) -> bool:
    """Whether a row holds the typed text in any of its fields (case-insensitive)."""
    needle = search.strip().casefold()
    return not needle or any(needle in (f or "").casefold() for f in fields)


def effective_day(day: date | None, today: date | None, what: str) -> tuple[date, date]:
    """(the day a change takes effect, today); a change dated in the future is refused."""
    today = today or date.today()
    day = day or today
    if day > today:
        raise ServiceError(
            say(
                "{what} cannot be later than today ({today}); it is {day}.",
                what=what,
                today=f"{today:%Y-%m-%d}",
                day=f"{day:%Y-%m-%d}",
            )
        )
    return day, today


def hall_row(session: Session, ctx: HallContext, model: Any, row_id: int, missing: str) -> Any:
    """The hall's row of ``model`` with this id; ``missing`` (a sentence) when it is gone or another hall's."""
    row = session.get(model, row_id)
    if row is None or row.hall_id != ctx.hall_id:
        raise ServiceError(missing)
    return row


def refuse_taken(
    session: Session, ctx: HallContext, key: Any, value: str, own_id: int | None, sentence: str
) -> None:
    """Refuse a key (窗口编号, 工号, 事项编码) another row of the hall already has, in a sentence."""
    model = key.class_
    found = session.scalar(select(model.id).where(model.hall_id == ctx.hall_id, key == value))
    if found is not None and found != own_id:
        raise ServiceError(sentence)
