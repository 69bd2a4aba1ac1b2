"""Who is working on which hall: the context every use case receives.

Services take a HallContext rather than a bare session so that permissions
and the hall scope are checked in one place, the same for the UI and the CLI.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy import select

from hallmonitor.domain.enums import Role
from hallmonitor.storage.database import Database, open_database
from hallmonitor.storage.models import Hall, Operator


class ServiceError(Exception):
    """A use case could not be carried out; the message is a sentence for the user."""


class PermissionDenied(ServiceError):
    pass


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    role: Role


_RANK = {Role.VIEWER: 0, Role.CLERK: 1, Role.SUPERVISOR: 2}


@dataclass(frozen=True, slots=True)
class HallContext:
    db: Database
    hall_id: int
    hall_code: str
    hall_name: str
    actor: Actor

    def require(self, role: Role, action: str) -> None:
        """Refuse ``action`` unless the actor's role is at least ``role``."""
        if _RANK[self.actor.role] < _RANK[role]:
            raise PermissionDenied(f"{self.actor.name}（{self.actor.role}）无权{action}，需要{role}权限。")


def current_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def resolve_actor(db: Database, hall_id: int, login: str | None = None) -> Actor:
    """The operator registered for this login, or a supervisor when the hall registers nobody.

    A hall that has not registered operators is a single-supervisor install;
    once any operator is registered, unknown logins may only look.
    """
    login = login or current_login()
    with db.session() as session:
        operators = session.scalars(select(Operator).where(Operator.hall_id == hall_id)).all()
    if not operators:
        return Actor(login, Role.SUPERVISOR)
    for op in operators:
        if op.login == login:
            return Actor(op.name, op.role)
    return Actor(login, Role.VIEWER)


def hall_context(
    db: Database, *, code: str | None = None, login: str | None = None, actor: Actor | None = None
) -> HallContext:
    """The context for the hall ``code`` in ``db``; without a code, the first hall created there.

    Callers that serve a person (the app, the command line) ask which hall when a
    database holds several (``list_halls``) and pass its code.
    """
    with db.session() as session:
        query = select(Hall).order_by(Hall.id)
        if code is not None:
            query = query.where(Hall.code == code.strip())
        hall = session.scalars(query).first()
        if hall is None:
            if code is not None:
                raise ServiceError(f"数据库中没有编码为 {code.strip()} 的大厅。")
            raise ServiceError(
                "数据库中还没有大厅，请先创建大厅（hallmonitor init，或在应用的首次启动向导中）。"
            )
        hall_id, code, name = hall.id, hall.code, hall.name
    db.actor = (chosen := actor or resolve_actor(db, hall_id, login)).name  # the audit trail names them
    return HallContext(db, hall_id, code, name, chosen)


def open_hall(url: str | None = None, *, login: str | None = None) -> HallContext:
    return hall_context(open_database(url), login=login)
