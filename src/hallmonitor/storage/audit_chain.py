"""The audit trail's chain: entries encoded, hashed one after the other, appended in one statement.

Each entry's hash is SHA-256 over the canonical JSON of all its other fields,
the previous entry's hash included: sorted keys, no spaces, ISO dates, enums
by value (``canonical``). Anyone holding the database can recompute the chain
(services.audit), and the weekly report prints its head so a later rewrite of
the whole chain does not match the copy the center holds.

An import of 30,000 cases appends some 70,000 entries at its commit, and the
general encoder spent longer on them than SQLite on the rows. So the text
each hash covers is written field by field here, the fields that every entry
of one commit shares quoted once; the row texts go through the same compiled
encoder ``canonical`` uses, without building it anew for every row. Both are
byte for byte what ``canonical`` writes (tests compare them, and an import's
entries with those the former code wrote), so every trail, old or new,
verifies the same way. On SQLite the entries go to the driver as tuples, the
shared ``at`` converted once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from json.encoder import c_make_encoder, encode_basestring
from typing import Any, NamedTuple

from sqlalchemy import Table, func, select, update
from sqlalchemy.engine import Connection

from hallmonitor.storage.models import AuditEntry, AuditHead
from hallmonitor.storage.upsert import upsert

__all__ = [
    "ZERO_HASH",
    "Change",
    "Inserted",
    "append",
    "canonical",
    "entry_hash",
    "head",
    "head_at",
    "lock_head",
    "row_text",
]

ZERO_HASH = "0" * 64
HEAD_ID = 1
_LOG: Table = AuditEntry.__table__  # type: ignore[assignment]
_HEAD: Table = AuditHead.__table__  # type: ignore[assignment]


class Change(NamedTuple):
    """One entry to be: a row inserted, updated (the changed fields) or deleted."""

    table: str
    row_key: str
    action: str
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None


class Inserted(NamedTuple):
    """The rows one many-row INSERT added, one entry each: kept as they are until the commit encodes them."""

    table: str
    #: The primary key's column names, in order.
    key: tuple[str, ...]
    rows: list[dict[str, Any]]


def _plain(value: Any) -> Any:
    if value.__class__ is datetime:  # nearly every value that gets here
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


#: json.dumps with these options builds an encoder per call.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain)


def canonical(value: Any) -> str:
    """One text for one value: sorted keys, no spaces, ISO dates, enums by value."""
    return _ENCODER.encode(value)


# The compiled encoder JSONEncoder.encode builds for every call, built once. Without the markers
# that catch a row holding itself, which a row of column values never does.
_ROW = (
    c_make_encoder(None, _plain, encode_basestring, None, ":", ",", True, False, True)
    if c_make_encoder is not None
    else None
)


def row_text(row: Mapping[str, Any]) -> str:
    """``canonical(row)`` for a row of column values, without building the encoder again."""
    return "".join(_ROW(row, 0)) if _ROW is not None and row.__class__ is dict else canonical(row)


#: The columns the hash covers (every one but ``hash``), in the order canonical JSON sorts them.
_HASHED = tuple(sorted(c.name for c in _LOG.columns if c.name != "hash"))
_LAYOUT = ("action", "actor", "after", "at", "before", "pc", "prev_hash", "row_key", "seq", "table_name")
if _HASHED != _LAYOUT:  # append() writes the text in this layout
    raise RuntimeError(f"audit_log's columns are {_HASHED}; the chain's text is written for {_LAYOUT}")
_NAMES = tuple(f"{encode_basestring(name)}:" for name in _HASHED)


def _value(value: Any) -> str:
    cls = value.__class__
    if cls is str:
        return encode_basestring(value)
    if cls is int:
        return int.__repr__(value)
    return canonical(value)


def entry_fields(entry: Mapping[str, Any]) -> dict[str, Any]:
    """What the hash covers: every column of audit_log but ``hash``."""
    return {name: entry[name] for name in _HASHED}


def entry_hash(entry: Mapping[str, Any]) -> str:
    """SHA-256 of ``canonical(entry_fields(entry))``, the text written field by field."""
    text = (
        "{" + ",".join([name + _value(entry[key]) for name, key in zip(_NAMES, _HASHED, strict=True)]) + "}"
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def row_key(values: Iterable[Any]) -> str:
    """An entry's ``row_key``: the primary key's values, joined by "/"."""
    return "/".join(canonical(v) if not isinstance(v, str | int) else str(v) for v in values)


# --- appending ------------------------------------------------------------------------------


def _insert_for(conn: Connection) -> Any:
    return upsert(conn.dialect.name, _HEAD)


def lock_head(conn: Connection) -> tuple[int, str]:
    """Take the chain's head row (creating it if a wholesale TRUNCATE removed it): (seq, hash)."""
    query = select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == HEAD_ID)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is not None:
        return int(row.seq), str(row.hash)
    last = conn.execute(select(_LOG.c.seq, _LOG.c.hash).order_by(_LOG.c.seq.desc()).limit(1)).first()
    seq, digest = (int(last.seq), str(last.hash)) if last is not None else (0, ZERO_HASH)
    conn.execute(
        _insert_for(conn)
        .values(id=HEAD_ID, seq=seq, hash=digest)
        .on_conflict_do_nothing(index_elements=["id"])
    )
    row = conn.execute(query).one()
    return int(row.seq), str(row.hash)


def _expanded(changes: Iterable[Change | Inserted]) -> Iterable[tuple[str, str, str, str, str]]:
    """(table, row key, action, before, after) of each entry, in the order the changes were made."""
    for change in changes:
        if change.__class__ is Inserted:
            table, key, rows = change  # type: ignore[misc]
            if len(key) == 1:
                (name,) = key
                for row in rows:
                    value = row.get(name)
                    text = str(value) if value.__class__ is int else row_key((value,))
                    yield table, text, "insert", "", row_text(row)
            else:
                for row in rows:
                    yield table, row_key(row.get(k) for k in key), "insert", "", row_text(row)
            continue
        before, after = change.before, change.after  # type: ignore[union-attr]
        yield (
            change.table,
            change.row_key,  # type: ignore[union-attr]
            change.action,  # type: ignore[union-attr]
            row_text(before) if before is not None else "",
            row_text(after) if after is not None else "",
        )


#: Table names and actions, as plain text and quoted: a commit's entries name a handful of each.
_NAMED: dict[str, tuple[str, str]] = {}


def _named(text: str) -> tuple[str, str]:
    found = _NAMED.get(text)
    if found is None:
        # A table's name is SQLAlchemy's subclass of str, which the driver would ask about every time.
        plain = str.__str__(text)
        found = _NAMED[plain] = (plain, encode_basestring(plain))
    return found


def append(conn: Connection, changes: list[Change | Inserted], *, actor: str, pc: str, at: datetime) -> int:
    """Append ``changes`` to the chain on ``conn``'s transaction; the new head's seq."""
    seq, previous = lock_head(conn)
    actor, pc = actor[:50], pc[:100]
    # What every entry of this commit shares, quoted once: the layout is _LAYOUT's.
    shared_actor = f',"actor":{_value(actor)},"after":'
    shared_at = f',"at":{_value(at)},"before":'
    shared_pc = f',"pc":{_value(pc)},"prev_hash":'
    sha256 = hashlib.sha256
    quote = encode_basestring
    shared = _shared_values(conn, actor=actor, pc=pc, at=at)
    rows: list[tuple[Any, ...]] = []
    for table_name, key, action_name, before, after in _expanded(changes):
        seq += 1
        key = key[:200]
        table, quoted_table = _named(table_name)
        action, quoted_action = _named(action_name)
        text = (
            f'{{"action":{quoted_action}{shared_actor}{quote(after)}{shared_at}{quote(before)}'
            f'{shared_pc}{quote(previous)},"row_key":{quote(key)},"seq":{seq},"table_name":{quoted_table}}}'
        )
        digest = sha256(text.encode("utf-8")).hexdigest()
        rows.append((seq, table, key, action, before, after, previous, digest, *shared))
        previous = digest
    if rows:
        _insert_entries(conn, rows)
    conn.execute(update(_HEAD).where(_HEAD.c.id == HEAD_ID).values(seq=seq, hash=previous))
    return seq


#: The order of an entry's values in ``append``: its own, then the ones every entry of a commit shares.
_ORDER = (
    "seq",
    "table_name",
    "row_key",
    "action",
    "before",
    "after",
    "prev_hash",
    "hash",
    "at",
    "actor",
    "pc",
)


def _driver_ready(conn: Connection) -> bool:
    """Whether the entries can go to the driver as they are: on SQLite, when no column but ``at`` converts."""
    if conn.dialect.name != "sqlite":
        return False
    return not any(_LOG.c[name].type._cached_bind_processor(conn.dialect) for name in _ORDER if name != "at")


def _shared_values(conn: Connection, *, actor: str, pc: str, at: datetime) -> tuple[Any, ...]:
    """``at``, ``actor`` and ``pc`` as the entries' tuples carry them: ``at`` converted once for the driver."""
    if _driver_ready(conn):
        process = _LOG.c.at.type._cached_bind_processor(conn.dialect)
        return (process(at) if process is not None else at, str.__str__(actor), str.__str__(pc))
    return (at, actor, pc)


def _insert_entries(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
    """One executemany: straight to SQLite's driver as tuples; PostgreSQL's takes them as multi-row INSERTs."""
    if not _driver_ready(conn):
        conn.execute(_LOG.insert(), [dict(zip(_ORDER, row, strict=True)) for row in rows])
        return
    names = ", ".join(conn.dialect.identifier_preparer.quote(name) for name in _ORDER)
    marks = ", ".join("?" * len(_ORDER))
    conn.exec_driver_sql(f"INSERT INTO {_LOG.name} ({names}) VALUES ({marks})", rows)


# --- reading the head -----------------------------------------------------------------------


def head(conn: Connection) -> tuple[int, str]:
    """The stored head (seq, hash), without locking; (0, zeros) for an empty chain."""
    row = conn.execute(select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == HEAD_ID)).first()
    return (int(row.seq), str(row.hash)) if row is not None else (0, ZERO_HASH)


def head_at(conn: Connection, moment: datetime) -> tuple[int, str]:
    """The last entry written at or before ``moment``: (seq, hash), (0, zeros) when none was.

    PCs' clocks differ, so the entry dated last by then need not be the last written by then;
    the answer is read from whichever end of the trail is nearer the moment: walking back from
    the head for a recent week, or reading the index of dates up to it for an old one (on a
    trail of a million entries, an old week's report waited a second for the walk back).
    """
    dated_last = conn.execute(
        select(_LOG.c.seq).where(_LOG.c.at <= moment).order_by(_LOG.c.at.desc()).limit(1)
    ).scalar()
    if dated_last is None:
        return 0, ZERO_HASH
    newest = int(conn.execute(select(func.max(_LOG.c.seq))).scalar_one())
    # "seq + 0" is the same number, but no longer one the database finds by walking back its key.
    seq_of = _LOG.c.seq if newest - dated_last <= dated_last else _LOG.c.seq + 0
    seq = conn.execute(select(func.max(seq_of)).where(_LOG.c.at <= moment)).scalar_one()
    return int(seq), str(conn.execute(select(_LOG.c.hash).where(_LOG.c.seq == seq)).scalar_one())
