"""Signing in: the password checked against its hash, wrong ones counted in the database.

The count and the lock live in the account's row, so five wrong passwords
typed on two PCs lock the account on both; the count is raised by one UPDATE,
so two PCs failing at the same moment both count.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select, update

from hallmonitor.domain.texts import say
from hallmonitor.services.accounts.passwords import hash_password, needs_rehash, verify_password
from hallmonitor.services.accounts.policy import load_policy
from hallmonitor.services.hall import Actor, HallContext, ServiceError, hall_context
from hallmonitor.storage.database import Database
from hallmonitor.storage.models import ChangeLog, Operator
from hallmonitor.storage.models.config import OperatorWindow

log = logging.getLogger("hallmonitor.accounts")


class SignInRefused(ServiceError):
    """The account may not sign in now; the message says why and what to do."""


def _at(now: datetime | None) -> datetime:
    return (now or datetime.now()).replace(microsecond=0)


def locked_sentence(login: str, until: datetime) -> str:
    return say(
        "Account {login} is locked after too many wrong passwords: sign in again after {until}, "
        "or ask an administrator to unlock it.",
        login=login,
        until=f"{until:%Y-%m-%d %H:%M}",
    )


def actor_of(db: Database, op: Operator) -> Actor:
    with db.session() as session:
        windows = frozenset(
            session.scalars(select(OperatorWindow.window_id).where(OperatorWindow.operator_id == op.id))
        )
    return Actor(op.name, op.role, login=op.login, windows=windows)


def sign_in(
    db: Database, hall: str | None, login: str, password: str, *, now: datetime | None = None
) -> HallContext:
    """The hall's context acting as ``login``, or SignInRefused with the reason.

    ``hall`` is the hall's code (None: the database's first hall).
    """
    ctx = hall_context(db, code=hall)
    moment = _at(now)
    login = login.strip()
    policy = load_policy(db, ctx.hall_id)
    with db.session() as session:
        op = session.scalars(
            select(Operator).where(Operator.hall_id == ctx.hall_id, Operator.login == login)
        ).first()
        if op is None or not op.password_hash:
            log.info("sign-in refused: no account %r in hall %s", login, ctx.hall_code)
            raise SignInRefused(
                say(
                    "Hall {hall} has no account {login}; check the account name.",
                    hall=ctx.hall_name,
                    login=login,
                )
            )
        if not op.active:
            raise SignInRefused(
                say(
                    "Account {login} was locked by an administrator; ask an administrator to unlock it.",
                    login=login,
                )
            )
        if op.locked_until is not None and op.locked_until > moment:
            raise SignInRefused(locked_sentence(login, op.locked_until))
        op_id, stored = op.id, op.password_hash
    if not verify_password(stored, password):
        _count_failure(db, ctx, op_id, login, moment, policy.max_failures, policy.lock_minutes)
    with db.session() as session:
        op = session.get_one(Operator, op_id)
        op.failed_attempts = 0
        op.locked_until = None
        if needs_rehash(stored):
            op.password_hash = hash_password(password)
    log.info("signed in: %s in hall %s", login, ctx.hall_code)
    return hall_context(db, code=ctx.hall_code, actor=actor_of(db, op))


def _count_failure(
    db: Database, ctx: HallContext, op_id: int, login: str, moment: datetime, most: int, minutes: int
) -> None:
    with db.session() as session:
        session.execute(
            update(Operator).where(Operator.id == op_id).values(failed_attempts=Operator.failed_attempts + 1)
        )
        failures = session.scalar(select(Operator.failed_attempts).where(Operator.id == op_id)) or 0
        if failures >= most:
            until = moment + timedelta(minutes=minutes)
            session.execute(
                update(Operator).where(Operator.id == op_id).values(failed_attempts=0, locked_until=until)
            )
            session.add(
                ChangeLog(
                    hall_id=ctx.hall_id,
                    at=moment,
                    actor="系统",
                    entity="account",
                    entity_id=op_id,
                    action="lockout",
                    reason=say("{count} wrong passwords in a row", count=most),
                    before="{}",
                    after="{}",
                )
            )
    log.warning("sign-in refused: wrong password for %s (%d of %d)", login, failures, most)
    if failures >= most:
        raise SignInRefused(locked_sentence(login, until))
    left = most - failures
    raise SignInRefused(
        say(
            "The password is wrong: {left} more tries; {left} more wrong ones lock the account for {minutes} minutes.",
            left=left,
            minutes=minutes,
        )
    )


def has_accounts(ctx: HallContext) -> bool:
    """Whether the hall asks who is there before anything is shown."""
    with ctx.db.session() as session:
        found = session.scalar(
            select(Operator.id)
            .where(Operator.hall_id == ctx.hall_id, Operator.password_hash.is_not(None))
            .limit(1)
        )
    return found is not None
