"""The 大厅密钥: the ID-number hash key as people see it, and who may do what with it.

The key itself lives beside the database on each PC (hallmonitor.storage.keys).
Typing it on a further PC needs no account: whoever knows it already holds
what it protects, and a wrong one is refused by its fingerprint. Seeing it
again or starting a new one is the administrator's, like the other settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from hallmonitor.domain.permissions import Permission
from hallmonitor.services.hall.context import HallContext, ServiceError
from hallmonitor.storage import keys
from hallmonitor.storage.database import Database
from hallmonitor.storage.keys import KeyState

__all__ = ["KeyState"]  # re-exported: the UI and commands reach storage only through services

#: Why an ID number cannot be written without the key, and how to get it.
NO_KEY = (
    "本机还没有这个数据库的大厅密钥，不能保存证件号码（否则无法与已有办件比对）："
    "请在“设置 ▸ 大厅密钥”输入，或运行 hallmonitor key enter。"
)

#: What a hall loses without its key: matching, not data.
WITHOUT_KEY = (
    "没有大厅密钥时，已记录的办件和证件号掩码都不受影响；只是不能再登记或导入带证件号码的办件，"
    "也无法按证件号码把新办件与已有办件对应起来。"
)

#: What a new key costs, said before an administrator starts one.
NEW_KEY_COST = (
    "启用新的大厅密钥后，此前办件的证件号码无法再与新办件比对（掩码和数据都保留）；"
    "其他电脑需要输入新密钥才能继续登记证件号码。"
)


@dataclass(frozen=True, slots=True)
class KeyStatus:
    state: KeyState

    @property
    def sentence(self) -> str:
        if self.state is KeyState.READY:
            return "本机已保存大厅密钥。"
        if self.state is KeyState.MISSING:
            return "本机还没有大厅密钥。" + WITHOUT_KEY
        return "这个数据库还没有大厅密钥（创建大厅时生成）。"


def ensure_hash_key(session: Session) -> bytes:
    """The key for hashing ID numbers in this operation; refused in a sentence when this PC lacks it."""
    held = session.info.get("keys") or {}
    raw = held.get("hall_key")
    if not isinstance(raw, bytes):
        raise ServiceError(NO_KEY)
    return raw


def hall_key_status(db: Database) -> KeyStatus:
    state = db.keys.get("state")
    return KeyStatus(state if isinstance(state, KeyState) else keys.load(db))


def make_hall_key(db: Database) -> None:
    """Give a database without a key its first one; the 大厅密钥 waits in ``take_new_hall_key``."""
    made = keys.create(db)
    if made is not None:
        db.keys["new"] = made


def take_new_hall_key(db: Database) -> str | None:
    """The 大厅密钥 made by this open database, once: the caller shows it to be written down."""
    made = db.keys.pop("new", None)
    return made if isinstance(made, str) else None


def enter_hall_key(db: Database, typed: str) -> None:
    try:
        keys.enter(db, typed)
    except keys.HallKeyError as exc:
        raise ServiceError(str(exc)) from exc


def show_hall_key(ctx: HallContext) -> str:
    ctx.require(Permission.EDIT_SETTINGS, "查看大厅密钥")
    shown = keys.shown(ctx.db)
    if shown is None:
        raise ServiceError("本机没有大厅密钥，无法显示。" + WITHOUT_KEY)
    return shown


def start_new_hall_key(ctx: HallContext) -> str:
    """A fresh key for the database (the old one lost or leaked); returns it to be written down."""
    ctx.require(Permission.EDIT_SETTINGS, "启用新的大厅密钥")
    made = keys.create(ctx.db, replace=True)
    assert made is not None
    return made
