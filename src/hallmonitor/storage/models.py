"""The hall's tables as typed SQLAlchemy 2 models.

Everything a hall owns carries ``hall_id`` so that several halls can share one
PostgreSQL database; keys users type (window number, 工号, item code, case
number) are unique per hall, which is also what imports match rows on.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
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
    ApplicantType,
    ApprovalPlace,
    CalendarSource,
    CaseStatus,
    CaseType,
    FlagState,
    ItemCategory,
    Role,
    Session,
    StaffCategory,
    WindowKind,
    WindowState,
)
from hallmonitor.storage.base import Base, EnumText


class Hall(Base):
    __tablename__ = "hall"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Department(Base):
    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("hall_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))


class Window(Base):
    __tablename__ = "service_window"
    __table_args__ = (UniqueConstraint("hall_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    kind: Mapped[WindowKind] = mapped_column(EnumText(WindowKind))
    state: Mapped[WindowState] = mapped_column(EnumText(WindowState), default=WindowState.OPEN)
    #: Where the tile stands on the hall board: a zone name (区) and a grid position.
    zone: Mapped[str] = mapped_column(String(40), default="")
    grid_row: Mapped[int] = mapped_column(Integer, default=0)
    grid_col: Mapped[int] = mapped_column(Integer, default=0)
    #: When the window was entered here; it is not judged before then unless its roster says it served.
    #: None for windows entered before this was recorded: they are judged from the hall's first roster day.
    created_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    department: Mapped[Department] = relationship(lazy="joined")


class WindowStateChange(Base):
    """Append-only history of a window's state, so past days are judged by the state they had."""

    __tablename__ = "window_state_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    window_id: Mapped[int] = mapped_column(ForeignKey("service_window.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    from_state: Mapped[WindowState] = mapped_column(EnumText(WindowState))
    to_state: Mapped[WindowState] = mapped_column(EnumText(WindowState))
    actor: Mapped[str] = mapped_column(String(50), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (UniqueConstraint("hall_id", "staff_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"))
    staff_no: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(50))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    category: Mapped[StaffCategory] = mapped_column(EnumText(StaffCategory))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    department: Mapped[Department] = relationship(lazy="joined")


class RosterEntry(Base):
    """One staff member planned at one window for one half-day session.

    ``attendance`` is None while only planned (counted as present), True when
    confirmed present and False when absent.
    """

    __tablename__ = "roster_entry"
    __table_args__ = (
        UniqueConstraint("day", "session", "window_id", "staff_id"),
        Index("ix_roster_entry_staff_day", "staff_id", "day"),
        Index("ix_roster_entry_window_day", "window_id", "day"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    session: Mapped[Session] = mapped_column(EnumText(Session))
    window_id: Mapped[int] = mapped_column(ForeignKey("service_window.id", ondelete="CASCADE"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    attendance: Mapped[bool | None] = mapped_column(Boolean, nullable=True)


class Item(Base):
    __tablename__ = "item"
    __table_args__ = (UniqueConstraint("hall_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    category: Mapped[ItemCategory] = mapped_column(EnumText(ItemCategory))
    case_type: Mapped[CaseType] = mapped_column(EnumText(CaseType))
    promised_days: Mapped[int] = mapped_column(Integer, default=0)
    legal_days: Mapped[int] = mapped_column(Integer, default=0)
    admitted: Mapped[bool] = mapped_column(Boolean, default=True)
    window_may_approve: Mapped[bool] = mapped_column(Boolean, default=True)

    department: Mapped[Department] = relationship(lazy="joined")


class Case(Base):
    """One application (办件).

    A person's ID number is never stored: only its mask and a keyed hash.
    """

    __tablename__ = "service_case"
    __table_args__ = (
        UniqueConstraint("hall_id", "case_no"),
        Index("ix_service_case_hall_received", "hall_id", "received_at"),
        Index("ix_service_case_window_received", "window_id", "received_at"),
        Index("ix_service_case_hall_status", "hall_id", "status"),
        Index("ix_service_case_hall_completed", "hall_id", "completed_at"),
        Index("ix_service_case_hall_approved", "hall_id", "approved_at"),
        Index("ix_service_case_bundle", "hall_id", "bundle_key"),
        Index("ix_service_case_item", "item_id"),
        Index("ix_service_case_hall_due", "hall_id", "due_date"),
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

    special_periods: Mapped[list[SpecialPeriod]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="SpecialPeriod.start_day"
    )


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


class CalendarOverrideRow(Base):
    """A day whose working status differs from the library's (or the library lacks the year)."""

    __tablename__ = "calendar_override"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[CalendarSource] = mapped_column(EnumText(CalendarSource))


class Setting(Base):
    """Rule settings as key/value strings, per hall (see domain.rule_settings)."""

    __tablename__ = "setting"
    __table_args__ = (UniqueConstraint("hall_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(Text)


class RuleSettingsVersion(Base):
    """Every saved set of rule settings, from the moment it took effect.

    The rules judge each moment by the settings in force then, so changing a
    threshold today does not rewrite what was decided last month.
    """

    __tablename__ = "rule_settings_version"
    __table_args__ = (Index("ix_rule_settings_version_hall_from", "hall_id", "effective_from"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"))
    effective_from: Mapped[datetime] = mapped_column(DateTime)
    #: RuleSettings.to_strings(), as JSON.
    values: Mapped[str] = mapped_column(Text)


class RulesMark(Base):
    """How far the rules have judged a hall, and from when facts changed since.

    ``dirty_seq`` grows with every change, so a rules run that read the mark
    before another PC's change never clears that change's ``dirty_from``.
    """

    __tablename__ = "rules_mark"
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"), primary_key=True)
    judged_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    dirty_from: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    dirty_seq: Mapped[int] = mapped_column(Integer, default=0)
    #: Counts calendar changes (shared by every hall); due dates were last worked out at ``due_dates_seq``.
    calendar_seq: Mapped[int] = mapped_column(Integer, default=0)
    due_dates_seq: Mapped[int] = mapped_column(Integer, default=0)


class Operator(Base):
    """A person who uses the app, with the role that decides what they may do."""

    __tablename__ = "operator"
    __table_args__ = (UniqueConstraint("hall_id", "login"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"))
    login: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(50))
    role: Mapped[Role] = mapped_column(EnumText(Role))


class Secret(Base):
    """Per-database secrets, such as the key of the ID-number hash.

    Kept in the database so that every PC of a hall hashes the same number the same way.
    """

    __tablename__ = "secret"
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
