"""挂名 reviews as the staffing verdicts read them: which sessions a supervisor confirmed, and when.

A confirmed session counts as 仅辅助人员 whatever the roster says, so every
reader of verdicts (the board, the roster page, the rules, the weekly report)
asks here. The last review of a session decides; a review is never edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from hallmonitor.domain.enums import Session
from hallmonitor.services.hall import HallContext
from hallmonitor.storage.models import NominalReview

__all__ = ["ReviewRecord", "SessionRef", "confirmed_nominal", "last_reviews", "nominal_reviews"]

#: (window id, day, session): one window's session.
SessionRef = tuple[int, date, Session]


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    window_id: int
    day: date
    session: Session
    confirmed: bool
    at: datetime
    actor: str
    note: str

    @property
    def ref(self) -> SessionRef:
        return (self.window_id, self.day, self.session)


def nominal_reviews(
    ctx: HallContext, *, window_ids: set[int] | None = None, session: DbSession | None = None
) -> list[ReviewRecord]:
    """Every review of the hall (or of ``window_ids``), oldest first."""
    query = (
        select(
            NominalReview.window_id,
            NominalReview.day,
            NominalReview.session,
            NominalReview.confirmed,
            NominalReview.at,
            NominalReview.actor,
            NominalReview.note,
        )
        .where(NominalReview.hall_id == ctx.hall_id)
        .order_by(NominalReview.at, NominalReview.id)
    )
    if window_ids is not None:
        query = query.where(NominalReview.window_id.in_(sorted(window_ids)))
    if session is not None:
        return [ReviewRecord(*row) for row in session.execute(query)]
    with ctx.db.session() as own:
        return [ReviewRecord(*row) for row in own.execute(query)]


def last_reviews(
    reviews: list[ReviewRecord], until: datetime | None = None
) -> dict[SessionRef, ReviewRecord]:
    """Each session's last review made by ``until`` (every one when None)."""
    last: dict[SessionRef, ReviewRecord] = {}
    for review in reviews:
        if until is None or review.at <= until:
            last[review.ref] = review
    return last


def confirmed_nominal(
    ctx: HallContext, *, until: datetime | None = None, session: DbSession | None = None
) -> dict[SessionRef, datetime]:
    """The sessions whose last review (by ``until``) confirmed 挂名, with the moment it was confirmed."""
    return {
        ref: review.at
        for ref, review in last_reviews(nominal_reviews(ctx, session=session), until).items()
        if review.confirmed
    }
