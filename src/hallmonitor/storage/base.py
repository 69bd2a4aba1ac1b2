"""Declarative base with a naming convention.

Alembic's SQLite batch mode recreates tables and must be able to name every
constraint it copies; an explicit convention also keeps constraint names the
same on SQLite and PostgreSQL, so one migration serves both.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from sqlalchemy import MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E]):
    """Stores a StrEnum as its (Chinese) value in a plain VARCHAR.

    Plain text rather than a database ENUM type: adding a value later is then a
    code change, not a migration that PostgreSQL and SQLite handle differently.
    """

    impl = String(16)
    cache_ok = True

    def __init__(self, enum_type: type[E]) -> None:
        super().__init__()
        self.enum_type = enum_type

    def process_bind_param(self, value, dialect):  # type: ignore[override]
        if value is None:
            return None
        return self.enum_type(value).value

    def process_result_value(self, value, dialect):  # type: ignore[override]
        if value is None:
            return None
        return self.enum_type(value)
