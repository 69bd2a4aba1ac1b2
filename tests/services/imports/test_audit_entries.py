"""An import leaves the same audit entries however fast it writes them, and they hash as documented.

``audit_entries.json`` holds the entries the imports of ``audit_scenario``
left when each row was still written and audited one at a time (commit
7ddd42d): the same rows in the same order, their texts byte for byte. A trail
written since must read, and verify, exactly like one written then.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from hallmonitor.services.audit import verify_chain
from hallmonitor.services.hall import HallContext
from hallmonitor.storage.models import AuditEntry
from tests.services.imports.audit_scenario import imported_entries, run_imports

pytestmark = pytest.mark.pg

BEFORE = Path(__file__).with_name("audit_entries.json")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def documented_hash(entry: AuditEntry) -> str:
    """SHA-256 over the canonical JSON of every field but the hash, as the trail's docstring defines it."""
    fields = {c.name: getattr(entry, c.name) for c in AuditEntry.__table__.columns if c.name != "hash"}
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_the_imports_leave_the_entries_they_always_left(hall: HallContext, tmp_path: Path) -> None:
    run_imports(hall, tmp_path)
    assert imported_entries(hall) == json.loads(BEFORE.read_text(encoding="utf-8"))


def test_every_entry_of_an_import_is_chained_by_the_documented_hash(
    hall: HallContext, tmp_path: Path
) -> None:
    run_imports(hall, tmp_path)
    with hall.db.session() as session:
        log = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    assert [e.seq for e in log] == list(range(1, len(log) + 1))
    previous = "0" * 64
    for entry in log:
        assert (entry.prev_hash, entry.hash) == (previous, documented_hash(entry)), entry.seq
        previous = entry.hash
    verdict = verify_chain(hall.db)
    assert verdict.intact and verdict.count == len(log), verdict.message
