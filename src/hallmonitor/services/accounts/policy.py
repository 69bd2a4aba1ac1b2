"""How many wrong passwords lock an account, for how long, and when an idle screen locks.

Kept with the hall's settings (the ``setting`` table, keys ``account.*``), so every
PC of a hall applies the same lock-out.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.texts import say
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.storage.database import Database
from hallmonitor.storage.models import Setting

_KEYS = {
    "max_failures": "account.max_failures",
    "lock_minutes": "account.lock_minutes",
    "idle_minutes": "account.idle_minutes",
}


@dataclass(frozen=True, slots=True)
class AccountPolicy:
    #: Wrong passwords in a row that lock the account.
    max_failures: int = 5
    #: How long such a lock lasts.
    lock_minutes: int = 15
    #: Minutes without input after which the app locks its screen (0: never).
    idle_minutes: int = 15


def load_policy(db: Database, hall_id: int) -> AccountPolicy:
    with db.session() as session:
        rows = dict(
            session.execute(
                select(Setting.key, Setting.value).where(
                    Setting.hall_id == hall_id, Setting.key.in_(_KEYS.values())
                )
            ).all()
        )
    values = {}
    for field, key in _KEYS.items():
        if key in rows:
            try:
                values[field] = int(rows[key])
            except ValueError:
                continue
    return AccountPolicy(**values)


def save_policy(ctx: HallContext, policy: AccountPolicy) -> None:
    ctx.require(Permission.EDIT_SETTINGS, say("change the account security settings"))
    day = 24 * 60
    if not 1 <= policy.max_failures <= 20:
        raise ServiceError(
            say("The wrong passwords allowed before a lock must be between {low} and {high}.", low=1, high=20)
        )
    if not 1 <= policy.lock_minutes <= day:
        raise ServiceError(say("A lock must last between {low} and {high} minutes.", low=1, high=day))
    if not 0 <= policy.idle_minutes <= day:
        raise ServiceError(
            say(
                "The screen locks after between {low} and {high} idle minutes ({low}: never).",
                low=0,
                high=day,
            )
        )
    with ctx.db.session() as session:
        existing = {
            s.key: s
            for s in session.scalars(
                select(Setting).where(Setting.hall_id == ctx.hall_id, Setting.key.in_(_KEYS.values()))
            )
        }
        for field, key in _KEYS.items():
            value = str(getattr(policy, field))
            if key in existing:
                existing[key].value = value
            else:
                session.add(Setting(hall_id=ctx.hall_id, key=key, value=value))
