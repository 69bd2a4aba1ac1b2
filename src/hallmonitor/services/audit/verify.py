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
        last = f"只到第 {count} 条" if count else "一条也没有"
        return _broken(count, count + 1, f"链头为第 {stored_seq} 条，但审计记录{last}：末尾的记录被截去了。")
    if stored_hash != previous:
        return _broken(count, count, f"链头的哈希与第 {count} 条记录不符：链头或末尾的记录被改动过。")
    return ChainVerdict(
        True, count, count, previous, f"审计记录完整：共 {count} 条，最新 #{count} 哈希 {previous}"
    )


def _links(conn: Connection, rows: Any, stored_seq: int) -> ChainVerdict | tuple[int, str]:
    """Each entry against its own hash and the one before; (count, last hash) when all hold."""
    expected, previous, count = 1, ZERO_HASH, 0
    for row in rows:
        entry = dict(row._mapping)
        seq = entry["seq"]
        if seq < expected:
            return _broken(count, seq, f"第 {seq} 条出现了两次：有记录是插入的。")
        if seq > expected:
            missing = f"第 {expected} 条" if seq == expected + 1 else f"第 {expected} 至 {seq - 1} 条"
            return _broken(count, expected, f"审计记录的{missing}缺失：记录被删除了。")
        if seq > stored_seq:
            return _broken(count, seq, f"第 {seq} 条在链头（第 {stored_seq} 条）之后：是插入的记录。")
        recomputed = entry_hash(entry)
        if recomputed != entry["hash"] or entry["prev_hash"] != previous:
            return _broken(count, seq, _diagnose(conn, entry, recomputed))
        previous, expected, count = entry["hash"], expected + 1, count + 1
    return count, previous


def _broken(count: int, at: int, sentence: str) -> ChainVerdict:
    return ChainVerdict(False, count, count, "", f"审计记录被篡改：{sentence}", at)


def _diagnose(conn: Connection, entry: Mapping[str, Any], recomputed: str) -> str:
    seq = entry["seq"]
    where = f"第 {seq} 条（{entry['table_name']} {entry['row_key']}，{entry['action']}）"
    if recomputed == entry["hash"]:
        # The entry is as written, but it was not written after the one now before it.
        return f"第 {seq - 1} 条不是第 {seq} 条写入时的前一条：第 {seq - 1} 条被改写或是插入的。"
    original = _original_seq(entry)
    if original is None:
        return f"{where}的内容被改动：哈希不符。"
    linked = entry["prev_hash"] == ZERO_HASH or (
        conn.execute(select(_LOG.c.seq).where(_LOG.c.hash == entry["prev_hash"]).limit(1)).first() is not None
    )
    if not linked:
        return f"原第 {original - 1} 条已被删除，其后的记录被重新编号（现第 {seq} 条原为第 {original} 条）。"
    if original < seq:
        count = seq - original
        return f"第 {original} 条起插入了 {count} 条记录（原第 {original} 条被顺延为第 {seq} 条）。"
    return f"现第 {seq} 条原为第 {original} 条：记录的顺序被调换了。"


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
            f"{verdict.message}；{source} 记录时审计记录为空，无可比对。",
        )
    stored = conn.execute(select(_LOG.c.hash).where(_LOG.c.seq == seq)).scalar()
    if stored is None:
        return _broken(verdict.count, seq, f"{source} 所载的第 {seq} 条已不在审计记录中：记录被截去了。")
    if stored != digest:
        return _broken(
            verdict.count,
            seq,
            f"第 {seq} 条的哈希与 {source} 所载不符：该条及之前的记录在周报导出后被改写过。",
        )
    return ChainVerdict(
        True,
        verdict.count,
        verdict.head_seq,
        verdict.head_hash,
        f"{verdict.message}；与 {source} 所载第 {seq} 条的哈希一致。",
    )
