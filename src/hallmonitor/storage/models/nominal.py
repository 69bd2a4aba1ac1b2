"""挂名 reviews: a supervisor's word on each suspected session, appended, never edited."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hallmonitor.domain.enums import Session
from hallmonitor.storage.base import Base, EnumText


class NominalReview(Base):
    """One session of a 人员挂名 alert confirmed or dismissed, with the note given.

    The last review of a session decides: a confirmed one counts as 仅辅助人员
    in the staffing verdicts, whatever the roster says. Earlier reviews stay, so
    the history shows a confirmation later reversed.
    """

    __tablename__ = "nominal_review"
    __table_args__ = (Index("ix_nominal_review_window_day", "window_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"), index=True)
    window_id: Mapped[int] = mapped_column(ForeignKey("service_window.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    session: Mapped[Session] = mapped_column(EnumText(Session))
    confirmed: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(50))
    at: Mapped[datetime] = mapped_column(DateTime)
    #: The alert the review was made on; kept when the alert is gone, since the review still stands.
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alert.id", ondelete="SET NULL"), nullable=True)
