"""Creating a hall and the lookups every import and entry form needs."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.services.hall.context import ServiceError
from hallmonitor.services.hall.marks import ensure_mark
from hallmonitor.storage.database import Database
from hallmonitor.storage.models import Department, Hall, Secret, Setting

ID_HASH_KEY = "id_hash_key"


def init_hall(db: Database, code: str, name: str) -> int:
    """Create the hall with default rule settings; refuse a second hall with the same code."""
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise ServiceError("大厅编码和名称都不能为空。")
    with db.session() as session:
        if session.scalar(select(Hall).where(Hall.code == code)) is not None:
            raise ServiceError(f"大厅编码 {code} 已存在。")
        hall = Hall(code=code, name=name, created_at=datetime.now().replace(microsecond=0))
        session.add(hall)
        session.flush()
        for key, value in RuleSettings().to_strings().items():
            session.add(Setting(hall_id=hall.id, key=key, value=value))
        ensure_mark(session, hall.id)
        ensure_hash_key(session)
        return hall.id


def ensure_hash_key(session: Session) -> bytes:
    """The database's key for hashing ID numbers, created once and shared by every PC.

    Kept in the session's info for the rest of the operation: an import of many
    persons' cases would otherwise read it again for every row.
    """
    cached = session.info.get(ID_HASH_KEY)
    if cached is not None:
        return cached
    row = session.get(Secret, ID_HASH_KEY)
    if row is None:
        row = Secret(name=ID_HASH_KEY, value=secrets.token_hex(32))
        session.add(row)
        session.flush()
    key = bytes.fromhex(row.value)
    session.info[ID_HASH_KEY] = key
    return key


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
