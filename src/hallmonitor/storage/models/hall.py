"""The hall itself and its master data: departments, windows, staff, items, the roster."""

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
    CaseType,
    ItemCategory,
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
    #: Counts the changes people made to the row; a save based on an older count is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)

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
    #: False once the person has left the hall (调离); kept, since past rosters and cases name them.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: The day the person left (调离), when known.
    left_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    #: Counts the changes people made to the row; a save based on an older count is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)

    department: Mapped[Department] = relationship(lazy="joined")


class StaffCategoryChange(Base):
    """Append-only history of a person's category, so past weeks are judged by the category they had.

    ``category`` on the staff row is the latest; before the first change the
    person had that change's ``from_category``.
    """

    __tablename__ = "staff_category_change"
    __table_args__ = (UniqueConstraint("staff_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    #: The first day the new category applies.
    day: Mapped[date] = mapped_column(Date)
    from_category: Mapped[StaffCategory] = mapped_column(EnumText(StaffCategory))
    to_category: Mapped[StaffCategory] = mapped_column(EnumText(StaffCategory))


class RosterEntry(Base):
    """One staff member planned at one window for one half-day session.

    ``attendance`` is None while only planned (counted as present), True when
    confirmed present and False when absent.
    """

    __tablename__ = "roster_entry"
    __table_args__ = (
        UniqueConstraint("day", "session", "window_id", "staff_id"),
        Index("ix_roster_entry_staff_day", "staff_id", "day"),
        # A window's days, and on each who was there (migration 0007): the staffing chart reads which
        # sessions had a formal civil servant from the index alone, and a window's first day is its
        # first entry.
        Index("ix_roster_entry_window_day", "window_id", "day", "session", "staff_id", "attendance"),
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
    #: Counts the changes people made to the row; a save based on an older count is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)
    #: False once the item is deactivated (停用): no new case may use it, but it is kept,
    #: since past cases name it and stay correctable.
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    department: Mapped[Department] = relationship(lazy="joined")
