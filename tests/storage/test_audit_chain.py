"""The chain's quick texts are the canonical JSON itself: an entry hashes the same whichever wrote it."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import ApplicantType, CaseStatus
from hallmonitor.domain.texts import say
from hallmonitor.services.audit import verify_chain
from hallmonitor.services.hall import HallContext
from hallmonitor.storage.audit import append, canonical, entry_fields, entry_hash
from hallmonitor.storage.audit_chain import Change, Inserted, row_text
from hallmonitor.storage.models import AuditEntry

#: Values a row may hold, the awkward ones included: quotes, backslashes, control characters, CJK,
#: astral characters, floats that JSON spells its own way, enums, a str subclass, bytes.
AWKWARD = {
    "text": 'a "quoted" \\ back\tslash\nline\x00\x1f\u2028',
    "cjk": "张三 某某科技有限公司 ✓ 😀",
    "empty": "",
    "none": None,
    "yes": True,
    "no": False,
    "int": -12345678901234567890,
    "float": 0.1,
    "whole_float": 3.0,
    "nan": float("nan"),
    "inf": float("-inf"),
    "moment": datetime(2026, 5, 6, 9, 30, 0, 123456),
    "plain_moment": datetime(2026, 5, 6, 9, 30),
    "day": date(2026, 5, 6),
    "clock": time(9, 30),
    "enum": CaseStatus.COMPLETED,
    "other_enum": ApplicantType.PERSON,
    "message": say("cannot be empty"),
    "decimal": Decimal("1.50"),
    "bytes": b"\x00\xff",
    "nested": {"b": [1, "二", None], "a": {"z": 1, "y": datetime(2026, 1, 1)}},
}


def general(value: object) -> str:
    """canonical() as it was: json.dumps with the documented options."""

    def plain(v: object) -> object:
        from enum import Enum

        if isinstance(v, Enum):
            return v.value
        if isinstance(v, datetime | date | time):
            return v.isoformat()
        if isinstance(v, Decimal):
            return str(v)
        if isinstance(v, bytes):
            return v.hex()
        return str(v)

    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=plain)


def test_a_rows_text_is_its_canonical_json() -> None:
    assert row_text(AWKWARD) == canonical(AWKWARD) == general(AWKWARD)
    for key, value in AWKWARD.items():
        assert row_text({key: value}) == general({key: value}), key


@pytest.mark.parametrize("seq", [1, 738205, 2**40])
def test_an_entrys_hash_covers_the_canonical_json_of_its_fields(seq: int) -> None:
    entry = {
        "seq": seq,
        "at": datetime(2026, 12, 2, 1, 6, 9, 536321),
        "actor": '张三 "管理员"',
        "pc": "窗口-PC\\01",
        "table_name": "service_case",
        "row_key": '270001/"x"',
        "action": "insert",
        "before": "",
        "after": row_text(AWKWARD),
        "prev_hash": "ab" * 32,
        "hash": "ignored",
    }
    expected = hashlib.sha256(general(entry_fields(entry)).encode("utf-8")).hexdigest()
    assert entry_hash(entry) == expected


def test_appended_entries_hash_as_verification_recomputes_them(hall: HallContext) -> None:
    """Entries of every kind, written in one commit, each hashed as the general encoder would."""
    at = datetime(2026, 5, 6, 9, 30, 0, 250000)
    rows = [{"id": n, "name": f"人员{n}", "note": AWKWARD["text"], "at": at} for n in (7, 8)]
    changes = [
        Change("staff", "5", "update", {"name": "张三"}, {"name": "张叁", "at": at}),
        Inserted("staff", ("id",), rows),
        Inserted("roster_entry", ("day", "staff_id"), [{"day": date(2026, 5, 6), "staff_id": 3}]),
        Change("staff", "6", "delete", dict(AWKWARD), None),
    ]
    with hall.db.engine.begin() as conn:
        append(conn, changes, actor="测试员", pc="PC-1", at=at)
    with hall.db.session() as session:
        log = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))[-5:]
    assert [(e.table_name, e.row_key, e.action) for e in log] == [
        ("staff", "5", "update"),
        ("staff", "7", "insert"),
        ("staff", "8", "insert"),
        ("roster_entry", '"2026-05-06"/3', "insert"),
        ("staff", "6", "delete"),
    ]
    assert [e.after for e in log[1:3]] == [general(r) for r in rows]
    assert log[-1].before == general(AWKWARD) and log[-1].after == ""
    for entry in log:
        fields = {c.name: getattr(entry, c.name) for c in AuditEntry.__table__.columns}
        assert entry.at == at and entry.actor == "测试员" and entry.pc == "PC-1"
        assert entry.hash == hashlib.sha256(general(entry_fields(fields)).encode("utf-8")).hexdigest()
    assert verify_chain(hall.db).intact
