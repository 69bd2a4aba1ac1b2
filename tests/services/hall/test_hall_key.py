"""The 大厅密钥 from a user's side: a further PC, refusals, and the recovery attack it stops."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import ApplicantType, Role
from hallmonitor.domain.identifiers import id_card_check_char, keyed_hash
from hallmonitor.services.backups import make_backup, restore_backup
from hallmonitor.services.cases.entry import CaseInput, register_case
from hallmonitor.services.hall import (
    Actor,
    PermissionDenied,
    ServiceError,
    enter_hall_key,
    hall_context,
    hall_key_status,
    init_hall,
    show_hall_key,
    start_new_hall_key,
    take_new_hall_key,
)
from hallmonitor.storage import keys
from hallmonitor.storage.database import open_database
from hallmonitor.storage.keys import KeyState
from hallmonitor.storage.models import Case
from tests.support.case_seed import seed_hall

NOW = datetime(2026, 5, 11, 10, 0)


def person(birth: date, serial: int) -> str:
    first17 = f"370104{birth:%Y%m%d}{serial:03d}"
    return first17 + id_card_check_char(first17)


def entry(number: str, name: str = "张三") -> CaseInput:
    return CaseInput(
        window_number="01",
        item_code="SC001",
        applicant_type=ApplicantType.PERSON,
        applicant_name=name,
        received_at=datetime(2026, 5, 11, 9, 30),
        applicant_id=number,
    )


@pytest.fixture
def pc(tmp_path, monkeypatch):
    """Switch to another PC's key folder: ``pc("second")``."""

    def use(name: str) -> Path:
        folder = tmp_path / f"keys-{name}"
        monkeypatch.setenv(keys.KEY_DIR_ENV, str(folder))
        return folder

    use("first")
    return use


def new_hall(url: str):
    db = open_database(url)
    init_hall(db, "H001", "测试市政务服务大厅")
    shown = take_new_hall_key(db)
    ctx = hall_context(db, login="tester")
    seed_hall(ctx)
    return ctx, shown


def test_creating_a_hall_shows_its_key_once(sqlite_url, pc):
    db = open_database(sqlite_url)
    init_hall(db, "H001", "测试市政务服务大厅")
    shown = take_new_hall_key(db)
    assert shown is not None and keys.parse_key(shown) == db.keys["hall_key"]
    assert take_new_hall_key(db) is None
    init_hall(db, "H002", "第二个大厅")  # a second hall of the same database shares its key
    assert take_new_hall_key(db) is None


def test_a_further_pc_refuses_id_numbers_until_the_key_is_typed(db_url, pc):
    ctx, shown = new_hall(db_url)
    here = register_case(ctx, entry(person(date(1990, 3, 7), 11)), now=NOW)
    ctx.db.close()

    pc("second")
    other = hall_context(open_database(db_url), login="clerk")
    status = hall_key_status(other.db)
    assert status.state is KeyState.MISSING and "不能再登记或导入带证件号码的办件" in status.sentence
    with pytest.raises(ServiceError, match="本机还没有这个数据库的大厅密钥"):
        register_case(other, entry(person(date(1990, 3, 7), 11), "李四"), now=NOW)
    with pytest.raises(ServiceError, match="不是本数据库的大厅密钥"):
        enter_hall_key(other.db, keys.format_key(bytes(20)))
    enter_hall_key(other.db, shown)
    there = register_case(other, entry(person(date(1990, 3, 7), 11), "李四"), now=NOW)
    with other.db.session() as s:
        hashes = {s.get(Case, here).applicant_id_hash, s.get(Case, there).applicant_id_hash}
    assert len(hashes) == 1  # the same person matches across PCs
    other.db.close()


def test_seeing_the_key_again_or_a_new_one_is_the_administrators(sqlite_url, pc):
    ctx, shown = new_hall(sqlite_url)
    admin = replace(ctx, actor=Actor("admin", Role.ADMIN))
    supervisor = replace(ctx, actor=Actor("sup", Role.SUPERVISOR))
    assert show_hall_key(admin) == shown
    for action in (show_hall_key, start_new_hall_key):
        with pytest.raises(PermissionDenied):
            action(supervisor)
    fresh = start_new_hall_key(admin)
    assert fresh != shown and show_hall_key(admin) == fresh


def test_a_restore_onto_a_pc_without_the_key_asks_for_it(sqlite_url, pc, tmp_path):
    ctx, shown = new_hall(sqlite_url)
    backup = make_backup(ctx.db, tmp_path / "hall.backup.sqlite3")
    ctx.db.close()
    pc("new-pc")
    target_url = f"sqlite:///{tmp_path / 'new-pc.sqlite3'}"
    target = open_database(target_url)
    restore_backup(target, backup)
    assert hall_key_status(target).state is KeyState.MISSING
    enter_hall_key(target, shown)
    assert hall_key_status(target).state is KeyState.READY


def _recover(mask: str, digest: str, candidate_keys: list[bytes]) -> str | None:
    """The attack: try every birth date the mask hides, under every key the files could hold."""
    prefix, suffix = mask[:6], mask[-4:]
    day = date(1950, 1, 1)
    births = []
    while day < date(2010, 1, 1):
        first17 = f"{prefix}{day:%Y%m%d}{suffix[:3]}"
        if id_card_check_char(first17) == suffix[3]:
            births.append(first17 + suffix[3])
        day += timedelta(days=1)
    for key in candidate_keys:
        for number in births:
            if keyed_hash(number, key) == digest:
                return number
    return None


def _candidates(blob: bytes) -> list[bytes]:
    """Every token of hex or base32 in the files' bytes, as the key it might be."""
    found: set[bytes] = set()
    for run in re.findall(rb"(?<![0-9a-fA-F])[0-9a-fA-F]{32,128}(?![0-9a-fA-F])", blob):
        if len(run) % 2 == 0:
            found.add(bytes.fromhex(run.decode()))
    for run in re.findall(rb"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7,12}", blob):
        found.add(keys.parse_key(run.decode()))
    return sorted(found)


def test_the_database_and_its_backup_alone_do_not_give_up_an_id_number(sqlite_url, pc, tmp_path):
    ctx, _ = new_hall(sqlite_url)
    number = person(date(1990, 3, 7), 123)
    case_id = register_case(ctx, entry(number), now=NOW)
    with ctx.db.session() as s:
        case = s.get(Case, case_id)
        mask, digest = case.applicant_id_display, case.applicant_id_hash
        assert mask == number[:6] + "*" * 8 + number[-4:]
    backup = make_backup(ctx.db, tmp_path / "hall.backup.sqlite3")
    key = ctx.db.keys["hall_key"]
    ctx.db.close()

    database = Path(sqlite_url.removeprefix("sqlite:///"))
    files = [p for p in database.parent.iterdir() if p.name.startswith(database.name)] + [backup]
    blob = b"".join(p.read_bytes() for p in files)
    candidates = _candidates(blob)
    assert len(candidates) > 10  # the files hold plenty of hex: hashes of the audit trail and the IDs
    assert key not in candidates
    assert _recover(mask, digest, candidates) is None
    # The same attack with the key file of the PC succeeds: the key is all that stands between.
    assert _recover(mask, digest, [key]) == number


def test_the_key_never_reaches_the_audit_trail_or_any_table(sqlite_url, pc):
    ctx, shown = new_hall(sqlite_url)
    register_case(ctx, entry(person(date(1990, 3, 7), 5)), now=NOW)
    raw = ctx.db.keys["hall_key"]
    with ctx.db.engine.connect() as conn:
        tables = [r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")]
        texts = [
            str(value)
            for table in tables
            for row in conn.exec_driver_sql(f'SELECT * FROM "{table}"')
            for value in row
        ]
    for form in (shown, shown.replace("-", ""), raw.hex()):
        assert not any(form in t for t in texts)
    with ctx.db.session() as s:
        assert s.scalars(select(Case.applicant_id_hash)).all()
