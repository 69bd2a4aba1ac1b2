"""The calendar, settings in force over time, the rules' mark, operators and secrets."""

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
from sqlalchemy.orm import Mapped, mapped_column

from hallmonitor.domain.enums import (
    CalendarSource,
    Role,
)
from hallmonitor.storage.base import Base, EnumText


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
    before another PC's change never clears that change's ``dirty_from`` (or
    ``complaints_from``).
    """

    __tablename__ = "rules_mark"
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"), primary_key=True)
    judged_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    dirty_from: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    #: From when complaints changed since: only the complaint cards need judging again from there.
    complaints_from: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    dirty_seq: Mapped[int] = mapped_column(Integer, default=0)
    #: Counts calendar changes (shared by every hall); due dates were last worked out at ``due_dates_seq``.
    calendar_seq: Mapped[int] = mapped_column(Integer, default=0)
    due_dates_seq: Mapped[int] = mapped_column(Integer, default=0)


class Operator(Base):
    """A hall's account: a person who signs in, with the role that decides what they may do.

    Kept in the hall's database so that every PC of the hall shares the accounts
    and their lock: five wrong passwords lock the account on every PC at once.
    """

    __tablename__ = "operator"
    __table_args__ = (UniqueConstraint("hall_id", "login"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"))
    login: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(50))
    role: Mapped[Role] = mapped_column(EnumText(Role))
    #: The argon2id hash (with its parameters and salt); never the password itself.
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True, default=None)
    #: Wrong passwords since the last sign-in or unlock.
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, default=None)
    #: A deactivated account cannot sign in; it stays for the history that names it.
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class OperatorWindow(Base):
    """A window assigned to a 窗口负责人: the alerts they see and answer."""

    __tablename__ = "operator_window"
    __table_args__ = (UniqueConstraint("operator_id", "window_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator.id", ondelete="CASCADE"), index=True)
    window_id: Mapped[int] = mapped_column(ForeignKey("service_window.id", ondelete="CASCADE"))


class Secret(Base):
    """Where version 0.1 kept the key of the ID-number hash; emptied when such a database is opened.

    A key in the database let anyone holding a copy recover every ID number from
    its mask: see hallmonitor.storage.keys, which moves it out.
    """

    __tablename__ = "secret"
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class HallKey(Base):
    """Which key file holds the ID-number hash key, and its fingerprint: never the key itself.

    One row. ``key_id`` names the file on each PC (hallmonitor.storage.keys);
    ``fingerprint`` tells a typed 大厅密钥 right from wrong without revealing it.
    """

    __tablename__ = "hall_key"
    id: Mapped[int] = mapped_column(primary_key=True)
    key_id: Mapped[str] = mapped_column(String(32))
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ChangeLog(Base):
    """Who changed the hall's master data, when, why, and the record before and after.

    One row per change of a department, window, staff member or item; ``before``
    and ``after`` are JSON objects of the fields that matter (empty for an addition's
    ``before``). Nothing here is ever updated or deleted.
    """

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_entity", "hall_id", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    hall_id: Mapped[int] = mapped_column(ForeignKey("hall.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(50))
    #: "department", "window", "staff" or "item".
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(Integer)
    #: "add", "edit", "state" (a window's 开放/停用), "leave" (调离) or "return".
    action: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")


class ChangeFeed(Base):
    """One row per committed write: which tables it touched and which open database wrote it.

    Every PC's app reads the rows after the last it saw and redraws what they
    touched, so a change made on one PC shows on the others. Rows are trimmed
    after two days; nothing depends on them beyond that.
    """

    __tablename__ = "change_feed"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    #: Which open database (one per running app) wrote it, so an app skips its own.
    origin: Mapped[str] = mapped_column(String(32))
    #: The tables touched, comma-separated.
    tables: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """One change of the hall's data, chained to the one before by its hash.

    Written in the same transaction as the change and never updated or deleted
    (the database refuses both); ``hash`` covers every other field, ``prev_hash``
    included, so an edited, removed, inserted or reordered row breaks the chain
    where it happened (storage/audit.py).
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        # One entity's history, newest first, without reading the whole trail.
        Index("ix_audit_log_entity", "table_name", "row_key", "seq"),
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(50))
    #: The machine it was made on.
    pc: Mapped[str] = mapped_column(String(100))
    table_name: Mapped[str] = mapped_column(String(64))
    row_key: Mapped[str] = mapped_column(String(200))
    #: "insert", "update" or "delete".
    action: Mapped[str] = mapped_column(String(10))
    #: Canonical JSON of the row (or, for an update, the changed fields) before and after.
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's last sequence number and hash, one row that every writer locks.

    Taking this row first makes writers on different PCs append one after the
    other, so the chain never forks; it also shows a truncated tail.
    """

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
