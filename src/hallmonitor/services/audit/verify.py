"""Recompute the audit chain from seq 1 and name the first broken link in one sentence.

Reads only: it trusts neither the triggers (an intruder may have dropped them)
nor the head row (it is checked against the last entry). The chain has no
secret key, so an intruder who rewrites every entry after the one they changed
and the head as well leaves a chain that verifies; the head printed in a weekly
report the center keeps is what such a rewrite cannot match (``against``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from hallmonitor.domain.texts import say
from hallmonitor.storage.audit import ZERO_HASH, entry_hash, head, head_at
from hallmonitor.storage.database import Database
from hallmonitor.storage.models import AuditEntry

_LOG = AuditEntry.__table__
#: How far from its place a moved entry is looked for.
_REACH = 2000


@dataclass(frozen=True, slots=True)
class ChainVerdict:
    intact: bool
    #: Entries checked and found chained.
    count: int
    head_seq: int
    head_hash: str
    #: One sentence for the user.
    message: str
    #: The first entry found out of place or changed, when broken.
    broken_at: int | None = None


def report_head(db: Database, moment: datetime) -> tuple[int, str]:
    """The chain's (seq, hash) as of ``moment``, for a report to print."""
    with db.engine.connect() as conn:
        return head_at(conn, moment)


def _snapshot(db: Database) -> Connection:
    conn = db.engine.connect()
    if db.engine.dialect.name == "postgresql":
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
    return conn


def verify_chain(db: Database, against: tuple[int, str, str] | None = None) -> ChainVerdict:
    """Check every entry's hash and link, then the head; ``against`` is (seq, hash, where it was printed)."""
    with _snapshot(db) as conn, conn.begin():
        verdict = _walk(conn)
        if verdict.intact and against is not None:
            verdict = _against(conn, verdict, *against)
        return verdict


def _walk(conn: Connection) -> ChainVerdict:
    stored_seq, stored_hash = head(conn)
    rows = conn.execution_options(yield_per=1000).execute(select(_LOG).order_by(_LOG.c.seq))
    try:
        found = _links(conn, rows, stored_seq)
    finally:
        rows.close()
    if isinstance(found, ChainVerdict):
        return found
    count, previous = found
    if stored_seq > count:
        if count:
            cut = say(
                "The head names entry {head}, but the audit trail ends at entry {count}: the last entries "
                "were cut off.",
                head=stored_seq,
                count=count,
            )
        else:
            cut = say(
                "The head names entry {head}, but the audit trail holds no entry at all: the last entries "
                "were cut off.",
                head=stored_seq,
            )
        return _broken(count, count + 1, cut)
    if stored_hash != previous:
        return _broken(
            count,
            count,
            say(
                "The head's hash does not match entry {count}: the head or the last entries were changed.",
                count=count,
            ),
        )
    return ChainVerdict(
        True,
        count,
        count,
        previous,
        say(
            "The audit trail is whole: {count} entries, the latest #{count} with hash {hash}",
            count=count,
            hash=previous,
        ),
    )


def _links(conn: Connection, rows: Any, stored_seq: int) -> ChainVerdict | tuple[int, str]:
    """Each entry against its own hash and the one before; (count, last hash) when all hold."""
    expected, previous, count = 1, ZERO_HASH, 0
    for row in rows:
        entry = dict(row._mapping)
        seq = entry["seq"]
        if seq < expected:
            return _broken(count, seq, say("Entry {seq} appears twice: an entry was inserted.", seq=seq))
        if seq > expected:
            if seq == expected + 1:
                missing = say(
                    "Entry {seq} of the audit trail is missing: entries were deleted.", seq=expected
                )
            else:
                missing = say(
                    "Entries {first} to {last} of the audit trail are missing: entries were deleted.",
                    first=expected,
                    last=seq - 1,
                )
            return _broken(count, expected, missing)
        if seq > stored_seq:
            return _broken(
                count,
                seq,
                say(
                    "Entry {seq} comes after the head (entry {head}): it was inserted.",
                    seq=seq,
                    head=stored_seq,
                ),
            )
        recomputed = entry_hash(entry)
        if recomputed != entry["hash"] or entry["prev_hash"] != previous:
            return _broken(count, seq, _diagnose(conn, entry, recomputed))
        previous, expected, count = entry["hash"], expected + 1, count + 1
    return count, previous


def _broken(count: int, at: int, sentence: str) -> ChainVerdict:
    return ChainVerdict(
        False, count, count, "", say("The audit trail was tampered with: {sentence}", sentence=sentence), at
    )


def _diagnose(conn: Connection, entry: Mapping[str, Any], recomputed: str) -> str:
    seq = entry["seq"]
    if recomputed == entry["hash"]:
        # The entry is as written, but it was not written after the one now before it.
        return say(
            "Entry {before} is not the one before entry {seq} when it was written: entry {before} was "
            "rewritten or inserted.",
            before=seq - 1,
            seq=seq,
        )
    original = _original_seq(entry)
    if original is None:
        return say(
            "The content of entry {seq} ({table} {key}, {action}) was changed: its hash does not match.",
            seq=seq,
            table=entry["table_name"],
            key=entry["row_key"],
            action=entry["action"],
        )
    linked = entry["prev_hash"] == ZERO_HASH or (
        conn.execute(select(_LOG.c.seq).where(_LOG.c.hash == entry["prev_hash"]).limit(1)).first() is not None
    )
    if not linked:
        return say(
            "The former entry {deleted} was deleted and the entries after it were numbered again (entry {seq} "
            "was entry {original}).",
            deleted=original - 1,
            seq=seq,
            original=original,
        )
    if original < seq:
        return say(
            "{count} entries were inserted from entry {original} on (the former entry {original} is now entry "
            "{seq}).",
            count=seq - original,
            original=original,
            seq=seq,
        )
    return say(
        "Entry {seq} was entry {original}: the entries' order was changed.", seq=seq, original=original
    )


def _original_seq(entry: Mapping[str, Any]) -> int | None:
    """The sequence number under which ``entry`` was written, when it was moved unchanged."""
    seq = entry["seq"]
    for candidate in range(max(1, seq - _REACH), seq + _REACH + 1):
        if candidate != seq and entry_hash({**entry, "seq": candidate}) == entry["hash"]:
            return candidate
    return None


def _against(conn: Connection, verdict: ChainVerdict, seq: int, digest: str, source: str) -> ChainVerdict:
    if seq == 0:
        return ChainVerdict(
            True,
            verdict.count,
            verdict.head_seq,
            verdict.head_hash,
            say(
                "{verdict}; the audit trail was empty when {source} was made: there is nothing to compare.",
                verdict=verdict.message,
                source=source,
            ),
        )
    stored = conn.execute(select(_LOG.c.hash).where(_LOG.c.seq == seq)).scalar()
    if stored is None:
        return _broken(
            verdict.count,
            seq,
            say(
                "Entry {seq} that {source} names is no longer in the audit trail: entries were cut off.",
                seq=seq,
                source=source,
            ),
        )
    if stored != digest:
        return _broken(
            verdict.count,
            seq,
            say(
                "The hash of entry {seq} does not match what {source} holds: it and the entries before it "
                "were rewritten after the weekly report was exported.",
                seq=seq,
                source=source,
            ),
        )
    return ChainVerdict(
        True,
        verdict.count,
        verdict.head_seq,
        verdict.head_hash,
        say(
            "{verdict}; the hash of entry {seq} matches what {source} holds.",
            verdict=verdict.message,
            seq=seq,
            source=source,
        ),
    )
