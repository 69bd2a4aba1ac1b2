"""How many wrong passwords lock an account, for how long, and when an idle screen locks.

Kept with the hall's settings (the ``setting`` table, keys ``account.*``), so every
PC of a hall applies the same lock-out.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from hallmonitor.domain.permissions import Permission
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
    ctx.require(Permission.EDIT_SETTINGS, "修改账号安全设置")
    if not 1 <= policy.max_failures <= 20:
        raise ServiceError("锁定前允许的错误次数应在 1 到 20 之间。")
    if not 1 <= policy.lock_minutes <= 24 * 60:
        raise ServiceError("锁定时长应在 1 到 1440 分钟之间。")
    if not 0 <= policy.idle_minutes <= 24 * 60:
        raise ServiceError("空闲锁屏时间应在 0 到 1440 分钟之间（0 表示不锁屏）。")
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
