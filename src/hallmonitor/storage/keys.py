"""The key of the ID-number hash, kept outside the database.

An ID number's mask hides only its 8 birth-date digits, so whoever holds the
hash key and a copy of the database can try the ~40,000 plausible birth dates
and recover every number in seconds. The key therefore never goes into the
database, its backups or its dumps. Each PC keeps it in a file of its own in
the user's config folder (readable by the user alone); the database holds only
an identifier naming that file and a fingerprint that recognises the right key
without revealing it. The administrator writes the key down once, as the
大厅密钥, and types it on every further PC of a shared hall and after a restore
onto a PC that never had it.

Without the key nothing recorded is lost: cases keep their masks, only new ID
numbers cannot be hashed, so they could not be matched with earlier cases.
That is why writing an ID number without the key is refused, not done blind.
"""

from __future__ import annotations

import base64
import contextlib
import enum
import hashlib
import hmac
import os
import re
import secrets
import uuid
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from hallmonitor.domain.texts import say
from hallmonitor.storage.models import HallKey, Secret

if TYPE_CHECKING:
    from hallmonitor.storage.database import Database

#: Where an IT department (or a test) puts the key files instead of the user's config folder.
KEY_DIR_ENV = "HALLMONITOR_KEY_DIR"
#: A 大厅密钥 given to headless commands on a PC that does not have it yet.
KEY_ENV = "HALLMONITOR_HALL_KEY"

#: The row of the key before it moved out of the database (version 0.1).
LEGACY_SECRET = "id_hash_key"

_KEY_BYTES = 20  # 160 bits: 32 letters and digits, eight groups of four
_CHECK_LABEL = b"HallMonitor hall key check v1"
_NOT_BASE32 = re.compile(r"[^A-Z2-7]")


class KeyState(enum.Enum):
    #: This PC holds the database's key.
    READY = "ready"
    #: The database has a key, this PC does not (a further PC, or a restore onto a new PC).
    MISSING = "missing"
    #: No key was ever made for this database (no hall yet).
    NONE = "none"


class HallKeyError(ValueError):
    """A typed 大厅密钥 that is malformed or not this database's; the message is for the user."""


def key_folder() -> Path:
    given = os.environ.get(KEY_DIR_ENV)
    if given:
        return Path(given)
    from platformdirs import user_config_dir

    return Path(user_config_dir("HallMonitor", appauthor=False)) / "keys"


def format_key(raw: bytes) -> str:
    """The key as people write it down: groups of four letters and digits (base32)."""
    letters = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def parse_key(typed: str) -> bytes:
    """The key from what someone typed: case, spaces and dashes do not matter, 0/1/8 read as O/I/B."""
    letters = typed.upper().translate(str.maketrans({"0": "O", "1": "I", "8": "B"}))
    letters = re.sub(r"[\s\-_.,，。—]", "", letters)
    if not letters or _NOT_BASE32.search(letters) or len(letters) < 32:
        raise HallKeyError(
            say(
                "The hall key is not written right: it is 8 groups of 4 letters or digits (like ABCD-EFGH-…)."
            )
        )
    try:
        return base64.b32decode(letters + "=" * (-len(letters) % 8))
    except ValueError as exc:
        raise HallKeyError(
            say(
                "The hall key is not written right: a letter or digit was copied wrongly. Check it group by group."
            )
        ) from exc


def fingerprint(raw: bytes) -> str:
    """Recognises the right key; a keyed digest of a fixed label reveals nothing of a 160-bit key."""
    return hmac.new(raw, _CHECK_LABEL, hashlib.sha256).hexdigest()


def _key_file(key_id: str) -> Path:
    return key_folder() / f"{key_id}.key"


def _save(key_id: str, raw: bytes) -> None:
    """Write the key file readable by the user alone; temp file and rename, so a kill leaves none half-written."""
    folder = key_folder()
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(0o700)
    target = _key_file(key_id)
    temp = folder / f".{key_id}.{uuid.uuid4().hex[:8]}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(format_key(raw) + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _read(key_id: str) -> bytes | None:
    try:
        return parse_key(_key_file(key_id).read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError, HallKeyError):
        return None


def _use(db: Database, raw: bytes | None, state: KeyState) -> KeyState:
    db.keys["hall_key"] = raw
    db.keys["state"] = state
    return state


def load(db: Database) -> KeyState:
    """Find this database's key on this PC (moving a 0.1 database's key out of it first)."""
    try:
        _move_legacy_key_out(db)
        with db.session() as session:
            row = session.get(HallKey, 1)
            known = None if row is None else (row.key_id, row.fingerprint)
    except SQLAlchemyError:
        return _use(db, None, KeyState.NONE)
    if known is None:
        return _use(db, None, KeyState.NONE)
    key_id, check = known
    raw = _read(key_id)
    if raw is not None and hmac.compare_digest(fingerprint(raw), check):
        return _use(db, raw, KeyState.READY)
    given = os.environ.get(KEY_ENV)
    if given:
        try:
            raw = parse_key(given)
        except HallKeyError:
            raw = None
        if raw is not None and hmac.compare_digest(fingerprint(raw), check):
            _save(key_id, raw)
            return _use(db, raw, KeyState.READY)
    return _use(db, None, KeyState.MISSING)


def enter(db: Database, typed: str) -> None:
    """Keep a typed 大厅密钥 on this PC after checking it is this database's."""
    raw = parse_key(typed)
    with db.session() as session:
        row = session.get(HallKey, 1)
        known = None if row is None else (row.key_id, row.fingerprint)
    if known is None:
        raise HallKeyError(say("This database has no hall key yet: there is none to enter."))
    if not hmac.compare_digest(fingerprint(raw), known[1]):
        raise HallKeyError(
            say(
                "This is not this database's hall key: its check does not match. Check it group by group and enter it again."
            )
        )
    _save(known[0], raw)
    _use(db, raw, KeyState.READY)


def create(db: Database, *, replace: bool = False) -> str | None:
    """Make the database's key (or a new one, ``replace``); the 大厅密钥 to show once, None if one exists.

    The file is written before the fingerprint commits: a kill in between
    leaves a stray file, never a database whose key is nowhere.
    """
    raw = secrets.token_bytes(_KEY_BYTES)
    key_id = uuid.uuid4().hex
    try:
        with db.session() as session:
            row = session.get(HallKey, 1)
            if row is not None and not replace:
                return None
            _save(key_id, raw)
            if row is None:
                session.add(HallKey(id=1, key_id=key_id, fingerprint=fingerprint(raw), created_at=_now()))
            else:
                row.key_id, row.fingerprint, row.created_at = key_id, fingerprint(raw), _now()
    except IntegrityError:  # another PC made the first key at the same moment: theirs stands
        _key_file(key_id).unlink(missing_ok=True)
        load(db)
        return None
    _use(db, raw, KeyState.READY)
    return format_key(raw)


def shown(db: Database) -> str | None:
    """The 大厅密钥 this PC holds, as written down (for an administrator who needs it again)."""
    raw = db.keys.get("hall_key")
    return None if raw is None else format_key(raw)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _move_legacy_key_out(db: Database) -> None:
    """A 0.1 database kept its key in table ``secret``: move it to this PC's key file, then erase it.

    On SQLite the row is deleted with secure_delete on and the WAL checkpointed,
    so the key's bytes do not linger in free pages of the file. Backups made
    before the move still hold it (the release notes say so).
    """
    with db.session() as session:
        legacy = session.scalar(select(Secret).where(Secret.name == LEGACY_SECRET))
        if legacy is None:
            return
        raw = bytes.fromhex(legacy.value)
        if db.is_sqlite:
            session.execute(text("PRAGMA secure_delete=ON"))
        row = session.get(HallKey, 1)
        if row is None:
            key_id = uuid.uuid4().hex
            _save(key_id, raw)
            session.add(HallKey(id=1, key_id=key_id, fingerprint=fingerprint(raw), created_at=_now()))
        elif hmac.compare_digest(row.fingerprint, fingerprint(raw)):
            _save(row.key_id, raw)
        session.delete(legacy)
    if db.is_sqlite:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
