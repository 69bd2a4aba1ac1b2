"""hallmonitor audit verify as an intruder's victim meets it: the first broken link in one sentence, exit 1.

The intruder holds the database: they drop the triggers first, then rewrite
rows with plain SQL, recomputing hashes where that helps them (the chain has
no secret key).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import Connection, select, text
from sqlalchemy import insert as insert_into

from hallmonitor.cli import main
from hallmonitor.domain.enums import StaffCategory
from hallmonitor.reports.weekly import F, S
from hallmonitor.services.hall import HallContext
from hallmonitor.storage.audit import entry_hash
from hallmonitor.storage.models import AuditEntry
from tests.support.builders import staff, window


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def url(ctx: HallContext) -> str:
    return ctx.db.engine.url.render_as_string(hide_password=False)


@pytest.fixture
def written(hall: HallContext) -> HallContext:
    """A hall whose chain holds a few dozen entries, written by ordinary calls."""
    window(hall, "1")
    for n in range(3):
        staff(hall, f"100{n}", f"人员{n}", StaffCategory.CIVIL_SERVANT)
    return hall


@pytest.fixture
def as_intruder(written: HallContext) -> Iterator[Callable[[Callable[[Connection], None]], None]]:
    """Set the triggers aside and tamper: dropped on SQLite; on PostgreSQL, off for the intruder's
    transaction (a superuser's session_replication_role), so they stay for the other tests of the run."""

    def tamper_with(tamper: Callable[[Connection], None]) -> None:
        with written.db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SET LOCAL session_replication_role = replica"))
            else:
                for trigger in ("audit_log_no_update", "audit_log_no_delete", "audit_head_forward_only"):
                    conn.execute(text(f"DROP TRIGGER {trigger}"))
            tamper(conn)

    yield tamper_with


def shift(conn: Connection, first: int, by: int) -> None:
    """Renumber entries from ``first`` on by ``by`` (through negatives, so the key never collides)."""
    conn.execute(text("UPDATE audit_log SET seq = -seq WHERE seq >= :f"), {"f": first})
    conn.execute(text("UPDATE audit_log SET seq = -seq + :by WHERE seq < 0"), {"by": by})


def row(conn: Connection, seq: int) -> dict[str, object]:
    log = AuditEntry.__table__
    return dict(conn.execute(select(log).where(log.c.seq == seq)).one()._mapping)


def test_an_intact_chain_verifies_without_a_hall_or_an_account(
    capsys: pytest.CaptureFixture[str], written: HallContext
) -> None:
    code, out, err = run(capsys, "--db", url(written), "audit", "verify")
    assert code == 0, err
    assert out.startswith("审计记录完整：共 ") and " 条，最新 #" in out and " 哈希 " in out


def edit(conn: Connection) -> None:
    conn.execute(text("UPDATE audit_log SET actor = '张三' WHERE seq = 5"))


def delete(conn: Connection) -> None:
    conn.execute(text("DELETE FROM audit_log WHERE seq = 4"))


def insert(conn: Connection) -> None:
    # A made-up entry slipped in as number 4, hashed and linked correctly; the later ones moved up.
    before = row(conn, 3)
    shift(conn, 4, 1)
    fake = {**row(conn, 5), "seq": 4, "prev_hash": before["hash"], "actor": "张三"}
    fake["hash"] = entry_hash(fake)
    conn.execute(insert_into(AuditEntry.__table__).values(fake))


def reorder(conn: Connection) -> None:
    conn.execute(text("UPDATE audit_log SET seq = -1 WHERE seq = 4"))
    conn.execute(text("UPDATE audit_log SET seq = 4 WHERE seq = 5"))
    conn.execute(text("UPDATE audit_log SET seq = 5 WHERE seq = -1"))


def truncate(conn: Connection) -> None:
    last = conn.execute(text("SELECT MAX(seq) FROM audit_log")).scalar_one()
    conn.execute(text("DELETE FROM audit_log WHERE seq > :keep"), {"keep": last - 2})


@pytest.mark.parametrize(
    ("tamper", "sentence"),
    [
        (edit, r"第 5 条（setting \d+，insert）的内容被改动：哈希不符"),
        (delete, r"审计记录的第 4 条缺失：记录被删除了"),
        (insert, r"第 4 条起插入了 1 条记录（原第 4 条被顺延为第 5 条）"),
        (reorder, r"现第 4 条原为第 5 条：记录的顺序被调换了"),
        (truncate, r"链头为第 (\d+) 条，但审计记录只到第 \d+ 条：末尾的记录被截去了"),
    ],
    ids=["edit", "delete", "insert", "reorder", "truncate"],
)
def test_tampering_is_found_at_the_first_broken_link(
    capsys: pytest.CaptureFixture[str],
    written: HallContext,
    as_intruder: Callable[[Callable[[Connection], None]], None],
    tamper: Callable[[Connection], None],
    sentence: str,
) -> None:
    as_intruder(tamper)
    code, out, err = run(capsys, "--db", url(written), "audit", "verify")
    assert code == 1 and out == ""
    assert err.startswith("审计记录被篡改：")
    assert err.count("\n") == 1
    assert re.search(sentence, err), err


def rewrite(conn: Connection) -> None:
    """Change entry 5 and recompute every later hash and the head: a chain that verifies on its own."""
    log = AuditEntry.__table__
    previous = None
    for entry in [dict(r._mapping) for r in conn.execute(select(log).order_by(log.c.seq))]:
        if entry["seq"] == 5:
            entry["actor"] = "张三"
        if entry["seq"] >= 5:
            entry["prev_hash"] = previous
            entry["hash"] = entry_hash(entry)
            conn.execute(
                log.update()
                .where(log.c.seq == entry["seq"])
                .values(actor=entry["actor"], prev_hash=entry["prev_hash"], hash=entry["hash"])
            )
        previous = entry["hash"]
    conn.execute(text("UPDATE audit_head SET hash = :h"), {"h": previous})


def test_the_weekly_report_prints_the_head_and_a_later_rewrite_does_not_match_it(
    capsys: pytest.CaptureFixture[str],
    written: HallContext,
    as_intruder: Callable[[Callable[[Connection], None]], None],
    tmp_path: Path,
) -> None:
    today = date.today().isocalendar()
    week = f"{today.year}-W{today.week:02d}"  # under way: judged as of now, so the entries so far count
    time.sleep(1 - datetime.now().microsecond / 1e6)  # the 判定时点 is to the second: the next one
    code, out, err = run(capsys, "--db", url(written), "export", "--week", week, "--out", str(tmp_path))
    assert code == 0, err
    report = Path(out.strip())
    sheet = load_workbook(report)[S.OVERVIEW]
    figures = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    seq, digest = figures[F.AUDIT_SEQ], figures[F.AUDIT_HASH]
    with written.db.session() as s:
        assert seq > 20 and s.get(AuditEntry, seq).hash == digest

    code, out, err = run(capsys, "--db", url(written), "audit", "verify", "--against", str(report))
    assert code == 0, err
    assert f"与 周报 {report.name} 所载第 {seq} 条的哈希一致" in out

    as_intruder(rewrite)
    assert run(capsys, "--db", url(written), "audit", "verify")[0] == 0  # the chain alone cannot tell
    code, out, err = run(capsys, "--db", url(written), "audit", "verify", "--against", str(report))
    assert code == 1
    assert f"第 {seq} 条的哈希与 周报 {report.name} 所载不符" in err


def test_against_a_file_that_is_no_weekly_report_says_so(
    capsys: pytest.CaptureFixture[str], written: HallContext, tmp_path: Path
) -> None:
    other = tmp_path / "排班表.xlsx"
    Workbook().save(other)
    code, _out, err = run(capsys, "--db", url(written), "audit", "verify", "--against", str(other))
    assert code == 2
    assert err.strip() == "hallmonitor: 排班表.xlsx：不是窗口监管周报，没有工作表 概览。"
