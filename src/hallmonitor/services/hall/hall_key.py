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
from hallmonitor.domain.texts import say
from hallmonitor.services.hall.context import HallContext, ServiceError
from hallmonitor.storage import keys
from hallmonitor.storage.database import Database
from hallmonitor.storage.keys import KeyState

__all__ = ["KeyState"]  # re-exported: the UI and commands reach storage only through services


def no_key() -> str:
    """Why an ID number cannot be written without the key, and how to get it."""
    return say(
        "This PC does not hold this database's hall key yet, so ID numbers cannot be stored (they could "
        "not be matched with the cases already there): enter it in “Settings ▸ Hall key”, or run "
        "hallmonitor key enter."
    )


def without_key() -> str:
    """What a hall loses without its key: matching, not data."""
    return say(
        "Without the hall key, the cases recorded and their masked ID numbers stay as they are; only "
        "cases with an ID number can no longer be entered or imported, and new cases cannot be matched "
        "with earlier ones by ID number."
    )


def new_key_cost() -> str:
    """What a new key costs, said before an administrator starts one."""
    return say(
        "After a new hall key is started, the ID numbers of earlier cases can no longer be matched with "
        "new cases (the masks and the data are kept); the other PCs must enter the new key to go on "
        "entering ID numbers."
    )


@dataclass(frozen=True, slots=True)
class KeyStatus:
    state: KeyState

    @property
    def sentence(self) -> str:
        if self.state is KeyState.READY:
            return say("This PC holds the hall key.")
        if self.state is KeyState.MISSING:
            return say("This PC does not hold the hall key yet. {without}", without=without_key())
        return say("This database has no hall key yet (it is made when the hall is created).")


def ensure_hash_key(session: Session) -> bytes:
    """The key for hashing ID numbers in this operation; refused in a sentence when this PC lacks it."""
    held = session.info.get("keys") or {}
    raw = held.get("hall_key")
    if not isinstance(raw, bytes):
        raise ServiceError(no_key())
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
    ctx.require(Permission.EDIT_SETTINGS, say("see the hall key"))
    shown = keys.shown(ctx.db)
    if shown is None:
        raise ServiceError(
            say("This PC does not hold the hall key, so it cannot be shown. {without}", without=without_key())
        )
    return shown


def start_new_hall_key(ctx: HallContext) -> str:
    """A fresh key for the database (the old one lost or leaked); returns it to be written down."""
    ctx.require(Permission.EDIT_SETTINGS, say("start a new hall key"))
    made = keys.create(ctx.db, replace=True)
    assert made is not None
    return made
