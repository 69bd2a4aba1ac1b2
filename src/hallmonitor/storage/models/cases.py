"""Cases (办件), their history and special procedures, 前店后厂 flags, complaints."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallmonitor.domain.enums import (
    ApplicantType,
    ApprovalPlace,
    CaseStatus,
    FlagState,
)
from hallmonitor.storage.base import Base, EnumText

#: The condition of the partial index on implausible trips; a query names it word for word to use it.
ODD_TRIPS = "trips < 0 OR trips > 99"
#: The condition of an index kept empty on a backend it cannot serve.
NO_ROWS = "0 = 1"
#: The conditions of the overdue count's two partial indexes (migration 0006); a query names them
#: word for word to use them: the cases not yet finished, and those finished after their due date.
UNFINISHED = "completed_at IS NULL AND voided_at IS NULL"
VOIDED = "voided_at IS NOT NULL"
#: The charts' index (migration 0007): a hall's cases by item and receipt, with what the charts count.
ITEM_RECEIVED_INDEX = "ix_service_case_item_received"
#: SQLite matches no function call in a partial index's condition, so there the completion is held
#: against the due date's last moment as text: "2026-05-14 24" follows every time of that day and
#: precedes the next day (SQLAlchemy stores "2026-05-14 23:59:00.000000").
FINISHED_LATE = {
    "sqlite": "voided_at IS NULL AND completed_at > due_date || ' 24'",
    "postgresql": "voided_at IS NULL AND date(completed_at) > due_date",
}


#: What the partial and trigram indexes of ``service_case`` are on PostgreSQL, added to them by
#: ``add_postgresql_options`` when a PostgreSQL database opens (storage.database). Named in the
#: indexes themselves, they would make SQLAlchemy load its PostgreSQL dialect whenever the models
#: are imported: 45 ms of every start of a hall on SQLite, which never reads them.
POSTGRESQL_OPTIONS: dict[str, dict[str, Any]] = {
    "ix_service_case_unfinished": {"postgresql_where": UNFINISHED},
    "ix_service_case_voided": {"postgresql_where": VOIDED},
    "ix_service_case_finished_late": {"postgresql_where": FINISHED_LATE["postgresql"]},
    "ix_service_case_odd_trips": {"postgresql_where": ODD_TRIPS},
    "ix_service_case_case_no_trgm": {
        "postgresql_using": "gin",
        "postgresql_ops": {"case_no": "gin_trgm_ops"},
    },
    "ix_service_case_applicant_trgm": {
        "postgresql_using": "gin",
        "postgresql_ops": {"applicant_name": "gin_trgm_ops"},
    },
}


class Case(Base):
    """One application (办件).

    A person's ID number is never stored: only its mask and a keyed hash.
    """

    __tablename__ = "service_case"
    __table_args__ = (
        UniqueConstraint("hall_id", "case_no"),
        # The case table's sort keys (services.cases.paging), each ending with what breaks its ties.
        Index("ix_service_case_hall_received", "hall_id", "received_at", "id"),
        Index("ix_service_case_hall_status", "hall_id", "status", "id"),
        # Received too: a case open at a moment is one range of this index (the weekly report's 经办件).
        Index("ix_service_case_hall_completed_received", "hall_id", "completed_at", "received_at"),
        Index("ix_service_case_hall_due", "hall_id", "due_date", "id"),
        Index("ix_service_case_hall_applicant", "hall_id", "applicant_name", "id"),
        Index("ix_service_case_hall_trips", "hall_id", "trips", "id"),
        Index("ix_service_case_hall_window", "hall_id", "window_id", "id"),
        Index("ix_service_case_hall_item", "hall_id", "item_id", "id"),
        Index("ix_service_case_window_received", "window_id", "received_at"),
        Index("ix_service_case_hall_approved", "hall_id", "approved_at"),
        Index("ix_service_case_bundle", "hall_id", "bundle_key"),
        Index("ix_service_case_item", "item_id"),
        # The charts' counts per item over a range of days (services.statistics, migration 0007): each
        # item's cases of the range are one stretch of this index, already in the item's order, and
        # hold every column the charts count by, so a chart of four weeks reads neither the table nor
        # a sort.
        Index(
            ITEM_RECEIVED_INDEX,
            "hall_id",
            "item_id",
            "received_at",
            "voided_at",
            "status",
            "trips",
            "completed_at",
            "bundle_key",
        ),
        # 超时 without reading every case: the unfinished ones by due date, and those finished late.
        # Each holds the columns its condition names, though they are the same in every entry: a
        # count then reads the index alone, not each case it lists.
        Index(
            "ix_service_case_unfinished",
            "hall_id",
            "due_date",
            "received_at",
            "completed_at",
            "voided_at",
            sqlite_where=text(UNFINISHED),
        ),
        # The few voided cases: those that count are all the others.
        Index(
            "ix_service_case_voided",
            "hall_id",
            "received_at",
            sqlite_where=text(VOIDED),
        ),
        Index(
            "ix_service_case_finished_late",
            "hall_id",
            "received_at",
            "voided_at",
            "completed_at",
            "due_date",
            sqlite_where=text(FINISHED_LATE["sqlite"]),
        ),
        # Empty on a healthy hall: trips no one could have made (domain.plausible.MAX_TRIPS). Finding
        # them reads two ranges of ix_service_case_hall_trips instead, which SQLite, keeping no
        # statistics, takes for an OR of the two before this index (services.hall.plausible).
        Index(
            "ix_service_case_odd_trips",
            "hall_id",
            sqlite_where=text(ODD_TRIPS),
        ),
        # The case search (services.cases.search): part of a number or a name through trigrams on
        # PostgreSQL (POSTGRESQL_OPTIONS). Where trigrams are not to be had (SQLite, a server without pg_trgm) the
        # migration makes these indexes of no rows.
        Index(
            "ix_service_case_case_no_trgm",
            "case_no",
            sqlite_where=text(NO_ROWS),
        ),
        Index(
            "ix_service_case_applicant_trgm",
            "applicant_name",
            sqlite_where=text(NO_ROWS),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"))
    case_no: Mapped[str] = mapped_column(String(64))
    window_id: Mapped[int] = mapped_column(ForeignKey("service_window.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"))
    applicant_type: Mapped[ApplicantType] = mapped_column(EnumText(ApplicantType))
    applicant_name: Mapped[str] = mapped_column(String(200))
    #: Masked ID number for persons, the whole credit code for enterprises.
    applicant_id_display: Mapped[str] = mapped_column(String(32), default="")
    applicant_id_hash: Mapped[str] = mapped_column(String(64), default="", index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    received_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    status: Mapped[CaseStatus] = mapped_column(EnumText(CaseStatus), default=CaseStatus.ACCEPTED)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    approval_place: Mapped[ApprovalPlace | None] = mapped_column(EnumText(ApprovalPlace), nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    trips: Mapped[int] = mapped_column(Integer, default=1)
    bundle_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: Due date under the hall's calendar, kept by the rules engine so that
    #: "overdue" filters and counts run in SQL on a million cases.
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    #: When the case was voided (作废): from then on it is left out of every figure and report.
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    #: Counts the changes people made to the row; a save based on an older count is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)

    special_periods: Mapped[list[SpecialPeriod]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="SpecialPeriod.start_day"
    )


class CaseTally(Base):
    """How many cases a hall received on a day, and how many of those are voided (PostgreSQL).

    Kept by triggers on service_case (migration 0006), never written by the
    app: every writer is counted, and the count of a hall's cases, or of a
    range of days, reads a row a day instead of every case. Empty on SQLite,
    whose file holds one hall (services.cases.query counts there).
    """

    __tablename__ = "case_tally"
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    cases: Mapped[int] = mapped_column(Integer, default=0)
    voided: Mapped[int] = mapped_column(Integer, default=0)


class SpecialPeriod(Base):
    """A special-procedure period (特别程序) that stops the case's clock."""

    __tablename__ = "special_period"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("service_case.id", ondelete="CASCADE"), index=True)
    start_day: Mapped[date] = mapped_column(Date)
    end_day: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(String(200), default="")

    case: Mapped[Case] = relationship(back_populates="special_periods")


class CaseEvent(Base):
    """Append-only history of a case: entry, completion, special procedures, corrections."""

    __tablename__ = "case_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("service_case.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(50))
    note: Mapped[str] = mapped_column(Text, default="")
    #: Why a correction was made, as the person gave it.
    reason: Mapped[str] = mapped_column(Text, default="")
    #: A correction's fields before and after, as JSON ``{"field": [before, after]}``; empty otherwise.
    changes: Mapped[str] = mapped_column(Text, default="")


class FrontShopFlag(Base):
    """A 前店后厂 flag on a case; reviewed, never deleted."""

    __tablename__ = "front_shop_flag"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("service_case.id", ondelete="CASCADE"), unique=True)
    #: Reasons (FrontShopReason values) joined by "；".
    reasons: Mapped[str] = mapped_column(Text)
    state: Mapped[FlagState] = mapped_column(EnumText(FlagState), default=FlagState.PENDING, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str] = mapped_column(String(50), default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Complaint(Base):
    """A report at the 办不成事反映窗口 about something that could not be done in one go."""

    __tablename__ = "complaint"
    __table_args__ = (
        UniqueConstraint("hall_id", "complaint_no"),
        Index("ix_complaint_hall_received", "hall_id", "received_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"))
    complaint_no: Mapped[str] = mapped_column(String(64))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("service_window.id"), nullable=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("service_case.id"), nullable=True)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    category: Mapped[str] = mapped_column(String(50), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    completed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


def add_postgresql_options() -> None:
    """Give the indexes of ``service_case`` their PostgreSQL options (``POSTGRESQL_OPTIONS``); again is harmless."""
    for index in Base.metadata.tables[Case.__tablename__].indexes:
        for key, value in POSTGRESQL_OPTIONS.get(index.name or "", {}).items():
            index.dialect_kwargs[key] = text(value) if key == "postgresql_where" else value
