"""Alerts with their dated events and occurrences, from which any past moment is replayed."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallmonitor.domain.enums import (
    AlertKind,
    AlertLevel,
    AlertState,
)
from hallmonitor.storage.base import Base, EnumText


class Alert(Base):
    """One open alert per window and kind; each session, case or complaint is an occurrence.

    ``case_id`` and ``complaint_id`` are only set on alerts raised before the
    rules grouped them by window.
    """

    __tablename__ = "alert"
    __table_args__ = (
        Index("ix_alert_hall_state", "hall_id", "state"),
        Index("ix_alert_subject", "hall_id", "kind", "subject_key"),
        Index("ix_alert_hall_raised", "hall_id", "raised_at"),
        Index("ix_alert_hall_closed", "hall_id", "closed_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("service_window.id"), nullable=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("service_case.id"), nullable=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"), nullable=True)
    #: What the alert is about, e.g. "window:12" or "case:2026-000123": one open alert per subject and kind.
    subject_key: Mapped[str] = mapped_column(String(100))
    kind: Mapped[AlertKind] = mapped_column(EnumText(AlertKind))
    level: Mapped[AlertLevel] = mapped_column(EnumText(AlertLevel))
    state: Mapped[AlertState] = mapped_column(EnumText(AlertState), default=AlertState.OPEN)
    raised_at: Mapped[datetime] = mapped_column(DateTime)
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    occurrence_count: Mapped[int] = mapped_column(Integer, default=1)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    #: Counts the changes people made to the row; a save based on an older count is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)

    events: Mapped[list[AlertEvent]] = relationship(
        back_populates="alert", cascade="all, delete-orphan", order_by="[AlertEvent.at, AlertEvent.id]"
    )
    occurrences: Mapped[list[AlertOccurrence]] = relationship(
        back_populates="alert", cascade="all, delete-orphan", order_by="AlertOccurrence.id"
    )


class AlertOccurrence(Base):
    __tablename__ = "alert_occurrence"
    __table_args__ = (
        UniqueConstraint("alert_id", "occurrence_key"),
        Index("ix_alert_occurrence_alert_at", "alert_id", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id", ondelete="CASCADE"))
    #: Identifies a repeat so that re-running the rules adds nothing twice, e.g. "2026-05-11 上午".
    occurrence_key: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime)
    detail: Mapped[str] = mapped_column(Text, default="")
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_case.id", ondelete="CASCADE"), nullable=True, index=True
    )
    complaint_id: Mapped[int | None] = mapped_column(
        ForeignKey("complaint.id", ondelete="CASCADE"), nullable=True
    )

    alert: Mapped[Alert] = relationship(back_populates="occurrences")


class AlertEvent(Base):
    """Append-only history of an alert: who did what, when and why."""

    __tablename__ = "alert_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(50))
    from_state: Mapped[str] = mapped_column(String(16), default="")
    to_state: Mapped[str] = mapped_column(String(16), default="")
    level: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    alert: Mapped[Alert] = relationship(back_populates="events")
