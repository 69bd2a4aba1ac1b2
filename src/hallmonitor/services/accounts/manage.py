"""The hall's accounts: created, listed, locked and unlocked by an administrator.

Every change goes into the change log (entity "account") with who, when and
why; the log holds the account's login, name, role and windows, never a
password or its hash.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hallmonitor.domain.enums import Role
from hallmonitor.domain.permissions import WINDOW_SCOPED, Permission
from hallmonitor.domain.texts import mark, say
from hallmonitor.services.accounts.passwords import check_strength, hash_password, verify_password
from hallmonitor.services.hall import HallContext, PermissionDenied, ServiceError
from hallmonitor.storage.models import ChangeLog, Operator, Window
from hallmonitor.storage.models.config import OperatorWindow

MANAGE = mark("manage accounts")


@dataclass(frozen=True, slots=True)
class AccountRow:
    login: str
    name: str
    role: Role
    #: Locked by the administrator until unlocked.
    locked_by_admin: bool
    #: Locked after wrong passwords until then (None: not locked that way).
    locked_until: datetime | None
    failed_attempts: int
    #: Window numbers assigned to a 窗口负责人.
    windows: tuple[str, ...]
    #: The account's record, whose history the audit trail gives (``services.audit.entity_history``).
    id: int

    def locked(self, now: datetime | None = None) -> bool:
        moment = now or datetime.now()
        return self.locked_by_admin or (self.locked_until is not None and self.locked_until > moment)


def _at(now: datetime | None) -> datetime:
    return (now or datetime.now()).replace(microsecond=0)


def _log(
    session: Session,
    ctx: HallContext,
    op: Operator,
    action: str,
    at: datetime,
    reason: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    session.flush()
    session.add(
        ChangeLog(
            hall_id=ctx.hall_id,
            at=at,
            actor=ctx.actor.name,
            entity="account",
            entity_id=op.id,
            action=action,
            reason=reason,
            before=json.dumps(before or {}, ensure_ascii=False),
            after=json.dumps(after or {}, ensure_ascii=False),
        )
    )


def _find(session: Session, ctx: HallContext, login: str) -> Operator:
    op = session.scalars(
        select(Operator).where(Operator.hall_id == ctx.hall_id, Operator.login == login.strip())
    ).first()
    if op is None or not op.password_hash:
        raise ServiceError(
            say("Hall {hall} has no account {login}.", hall=ctx.hall_name, login=login.strip())
        )
    return op


def _window_ids(session: Session, ctx: HallContext, numbers: Sequence[str]) -> list[int]:
    ids = []
    for number in numbers:
        found = session.scalar(
            select(Window.id).where(Window.hall_id == ctx.hall_id, Window.number == number.strip())
        )
        if found is None:
            raise ServiceError(
                say("There is no window numbered {number} to assign to a window lead.", number=number.strip())
            )
        ids.append(found)
    return ids


def _window_numbers(session: Session, op_id: int) -> tuple[str, ...]:
    return tuple(
        session.scalars(
            select(Window.number)
            .join(OperatorWindow, OperatorWindow.window_id == Window.id)
            .where(OperatorWindow.operator_id == op_id)
            .order_by(Window.number)
        )
    )


def add_account(
    ctx: HallContext,
    login: str,
    name: str,
    role: Role,
    password: str,
    *,
    windows: Sequence[str] = (),
    now: datetime | None = None,
) -> AccountRow:
    """A new account. The hall's first account must be an administrator, who then manages the rest."""
    ctx.require(Permission.MANAGE_ACCOUNTS, say("create an account"))
    login, name = login.strip(), name.strip()
    if not login or len(login) > 50 or any(c.isspace() for c in login):
        raise ServiceError(say("Enter the account name (no spaces, at most {most} characters).", most=50))
    if not name or len(name) > 50:
        raise ServiceError(
            say("Enter the name of the person who uses it (at most {most} characters).", most=50)
        )
    check_strength(password)
    if windows and role not in WINDOW_SCOPED:
        raise ServiceError(
            say("Only a {lead} is assigned windows; a {role} needs none.", lead=Role.WINDOW_LEAD, role=role)
        )
    at = _at(now)
    with ctx.db.session() as session:
        accounts = session.scalars(select(Operator).where(Operator.hall_id == ctx.hall_id)).all()
        with_password = [op for op in accounts if op.password_hash]
        if not with_password and role is not Role.ADMIN:
            raise ServiceError(
                say("The hall's first account must be an administrator's, who then creates the others.")
            )
        if any(op.login == login for op in with_password):
            raise ServiceError(
                say("Account {login} already exists; choose another account name.", login=login)
            )
        window_ids = _window_ids(session, ctx, windows)
        op = next((o for o in accounts if o.login == login), None)
        if op is None:  # a row registered before accounts existed is taken over
            op = Operator(hall_id=ctx.hall_id, login=login)
            session.add(op)
        op.name, op.role, op.password_hash = name, role, hash_password(password)
        op.failed_attempts, op.locked_until, op.active = 0, None, True
        session.flush()
        session.add_all(OperatorWindow(operator_id=op.id, window_id=w) for w in window_ids)
        after = {"账号": login, "姓名": name, "角色": role.value, "窗口": list(windows)}
        _log(session, ctx, op, "add", at, after=after)
    return _row_of(ctx, login)


def _row_of(ctx: HallContext, login: str) -> AccountRow:
    with ctx.db.session() as session:
        op = _find(session, ctx, login)
        return _row(session, op)


def _row(session: Session, op: Operator) -> AccountRow:
    return AccountRow(
        op.login,
        op.name,
        op.role,
        not op.active,
        op.locked_until,
        op.failed_attempts,
        _window_numbers(session, op.id),
        op.id,
    )


def list_accounts(ctx: HallContext) -> list[AccountRow]:
    ctx.require(Permission.MANAGE_ACCOUNTS, say("see the accounts"))
    with ctx.db.session() as session:
        ops = session.scalars(
            select(Operator)
            .where(Operator.hall_id == ctx.hall_id, Operator.password_hash.is_not(None))
            .order_by(Operator.login)
        ).all()
        return [_row(session, op) for op in ops]


def change_password(
    ctx: HallContext,
    login: str,
    new_password: str,
    *,
    old_password: str | None = None,
    now: datetime | None = None,
) -> None:
    """One's own password (with the old one), or anyone's by an administrator (a reset)."""
    own = ctx.actor.signed_in and ctx.actor.login == login.strip()
    if not own:
        ctx.require(Permission.MANAGE_ACCOUNTS, say("reset another person's password"))
    check_strength(new_password)
    at = _at(now)
    with ctx.db.session() as session:
        op = _find(session, ctx, login)
        if own and not verify_password(op.password_hash, old_password or ""):
            raise ServiceError(say("The old password is wrong; the password was not changed."))
        op.password_hash = hash_password(new_password)
        if not own:
            op.failed_attempts, op.locked_until = 0, None
        _log(
            session,
            ctx,
            op,
            "passwd" if own else "reset",
            at,
            reason=say("Password changed by its owner") if own else say("Password reset by an administrator"),
        )


def lock_account(ctx: HallContext, login: str, reason: str = "", *, now: datetime | None = None) -> None:
    """Lock an account until an administrator unlocks it (someone left, a password may be known)."""
    ctx.require(Permission.MANAGE_ACCOUNTS, say("lock an account"))
    if ctx.actor.signed_in and ctx.actor.login == login.strip():
        raise PermissionDenied(say("You cannot lock the account you are signed in with."))
    at = _at(now)
    with ctx.db.session() as session:
        op = _find(session, ctx, login)
        if op.role is Role.ADMIN and op.active:
            others = session.scalars(
                select(Operator.id).where(
                    Operator.hall_id == ctx.hall_id,
                    Operator.role == Role.ADMIN,
                    Operator.active.is_(True),
                    Operator.password_hash.is_not(None),
                    Operator.id != op.id,
                )
            ).first()
            if others is None:
                raise ServiceError(
                    say(
                        "{login} is the only administrator account in use: locked, nobody could manage the accounts.",
                        login=login,
                    )
                )
        op.active = False
        _log(session, ctx, op, "lock", at, reason=reason.strip())


def unlock_account(ctx: HallContext, login: str, reason: str = "", *, now: datetime | None = None) -> None:
    """Lift either lock: the administrator's, or the one after too many wrong passwords."""
    ctx.require(Permission.MANAGE_ACCOUNTS, say("unlock an account"))
    at = _at(now)
    with ctx.db.session() as session:
        op = _find(session, ctx, login)
        op.active, op.failed_attempts, op.locked_until = True, 0, None
        _log(session, ctx, op, "unlock", at, reason=reason.strip())


def assign_windows(
    ctx: HallContext, login: str, windows: Sequence[str], *, now: datetime | None = None
) -> None:
    """The windows a 窗口负责人 answers for, replacing those assigned before."""
    ctx.require(Permission.MANAGE_ACCOUNTS, say("assign windows"))
    at = _at(now)
    with ctx.db.session() as session:
        op = _find(session, ctx, login)
        if op.role not in WINDOW_SCOPED:
            raise ServiceError(
                say(
                    "Only a {lead} is assigned windows; {login} is a {role}.",
                    lead=Role.WINDOW_LEAD,
                    login=login,
                    role=op.role,
                )
            )
        before = list(_window_numbers(session, op.id))
        ids = _window_ids(session, ctx, windows)
        session.execute(delete(OperatorWindow).where(OperatorWindow.operator_id == op.id))
        session.add_all(OperatorWindow(operator_id=op.id, window_id=w) for w in ids)
        _log(session, ctx, op, "windows", at, before={"窗口": before}, after={"窗口": list(windows)})
