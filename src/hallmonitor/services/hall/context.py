"""Who is working on which hall: the context every use case receives.

Services take a HallContext rather than a bare session so that permissions
and the hall scope are checked in one place, the same for the UI and the CLI.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy import select

from hallmonitor.domain.enums import Role
from hallmonitor.domain.permissions import WINDOW_SCOPED, Permission, permissions_of
from hallmonitor.domain.texts import say
from hallmonitor.storage.database import Database, open_database
from hallmonitor.storage.models import Hall, Operator


class ServiceError(Exception):
    """A use case could not be carried out; the message is a sentence for the user."""


class PermissionDenied(ServiceError):
    pass


@dataclass(frozen=True, slots=True)
class Actor:
    """The person acting. ``role`` None: nobody has signed in yet on a hall that has accounts."""

    name: str
    role: Role | None
    #: The account's login ("" for the operating-system login of a hall without accounts).
    login: str = ""
    #: Roles held besides ``role``: a hall without accounts lets its one user do everything.
    also: tuple[Role, ...] = ()
    #: The windows assigned to a 窗口负责人 (their alerts are the ones they answer).
    windows: frozenset[int] = frozenset()

    @property
    def roles(self) -> tuple[Role, ...]:
        return ((self.role,) if self.role else ()) + self.also

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(*self.roles)

    @property
    def signed_in(self) -> bool:
        return bool(self.login)

    def may(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def title(self) -> str:
        """How the actor is named in a sentence: name and role."""
        if not self.roles:
            return say("{name} (not signed in)", name=self.name)
        return say("{name} ({roles})", name=self.name, roles=say(", ").join(r.value for r in self.roles))


@dataclass(frozen=True, slots=True)
class HallContext:
    db: Database
    hall_id: int
    hall_code: str
    hall_name: str
    actor: Actor

    def require(self, permission: Permission, action: str) -> None:
        """Refuse ``action`` unless one of the actor's roles grants ``permission``."""
        if self.actor.may(permission):
            return
        action = _words(action)
        if not self.actor.roles:
            raise PermissionDenied(say("This hall uses accounts: sign in first to {action}.", action=action))
        raise PermissionDenied(
            say(
                "{actor} may not {action}: it needs the “{permission}” permission.",
                actor=self.actor.title,
                action=action,
                permission=permission.words,
            )
        )

    @property
    def window_scope(self) -> frozenset[int] | None:
        """The only windows this person's lists show (a 窗口负责人's own); None for every window."""
        actor = self.actor
        if actor.role not in WINDOW_SCOPED or actor.also:
            return None
        return actor.windows

    def require_window(self, window_id: int | None, action: str) -> None:
        """Refuse ``action`` on a window not assigned to a 窗口负责人 (other roles act on every window)."""
        actor = self.actor
        if actor.role not in WINDOW_SCOPED or actor.also or window_id in actor.windows:
            return
        raise PermissionDenied(
            say(
                "{actor} works only on the windows assigned to them and may not {action} at this window.",
                actor=actor.title,
                action=_words(action),
            )
        )


def _words(action: str) -> str:
    """An action named by a permission's value (``Permission.READ_HALL.value``) in the user's words.

    ``action`` is a verb phrase ("change the rule settings"), ending a sentence
    such as "sign in first to {action}".
    """
    try:
        return Permission(action).words
    except ValueError:
        return action


#: The length of every actor column (CaseEvent, AlertEvent, the change log...).
ACTOR_LENGTH = 50


def current_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def hall_has_accounts(db: Database, hall_id: int) -> bool:
    """Whether the hall requires sign-in: it has an account with a password.

    Rows without a password (operators registered before accounts existed) are
    not accounts: nobody could sign in with them.
    """
    with db.session() as session:
        found = session.scalar(
            select(Operator.id)
            .where(Operator.hall_id == hall_id, Operator.password_hash.is_not(None))
            .limit(1)
        )
    return found is not None


def resolve_actor(db: Database, hall_id: int, login: str | None = None) -> Actor:
    """Without accounts, the operating-system login may do everything; with them, nobody until signed in.

    A hall that has not created accounts is a single-PC install with one
    responsible person, as before accounts existed; once any account exists,
    sign-in (``services.accounts.sign_in``) is the only way to act.
    """
    # Every record names its actor in 50 characters; a domain login can be longer, and PostgreSQL
    # would refuse the first write it names rather than cut it.
    login = (login or current_login())[:ACTOR_LENGTH]
    if not hall_has_accounts(db, hall_id):
        # Every role, the audit trail's reading included: one person answers for everything here.
        return Actor(login, Role.SUPERVISOR, also=(Role.ADMIN, Role.AUDITOR))
    return Actor(login, None)


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
                raise ServiceError(say("The database holds no hall with the code {code}.", code=code.strip()))
            raise ServiceError(
                say(
                    "The database holds no hall yet: create one first (hallmonitor init, or the app's "
                    "first-start wizard)."
                )
            )
        hall_id, code, name = hall.id, hall.code, hall.name
    db.actor = (chosen := actor or resolve_actor(db, hall_id, login)).name  # the audit trail names them
    return HallContext(db, hall_id, code, name, chosen)


def open_hall(url: str | None = None, *, login: str | None = None) -> HallContext:
    return hall_context(open_database(url), login=login)
