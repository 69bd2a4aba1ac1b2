"""The ID-hash key lives in a file beside the database, never in it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hallmonitor.storage import keys
from hallmonitor.storage.database import open_database
from hallmonitor.storage.keys import KeyState
from hallmonitor.storage.models import HallKey, Secret


@pytest.fixture
def key_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "keys-of-this-pc"
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(folder))
    return folder


def test_a_written_down_key_reads_back_however_it_is_typed():
    raw = bytes(range(20))
    shown = keys.format_key(raw)
    groups = shown.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert keys.parse_key(shown) == raw
    assert keys.parse_key(shown.lower().replace("-", " ")) == raw
    # People confuse O with 0 and I with 1: base32 has no 0 or 1, so they read as letters.
    assert keys.parse_key(shown.replace("O", "0").replace("I", "1")) == raw


@pytest.mark.parametrize("typed", ["", "ABCD-EFGH", "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-45@7"])
def test_a_malformed_key_is_a_sentence(typed):
    with pytest.raises(keys.HallKeyError, match="大厅密钥格式不对"):
        keys.parse_key(typed)


def test_a_new_key_goes_to_a_private_file_and_only_its_fingerprint_to_the_database(sqlite_url, key_dir):
    db = open_database(sqlite_url)
    assert db.keys["state"] is KeyState.NONE
    shown = keys.create(db)
    assert shown is not None and db.keys["state"] is KeyState.READY
    assert keys.create(db) is None  # one key per database
    with db.session() as s:
        row = s.get(HallKey, 1)
        key_id, check = row.key_id, row.fingerprint
    path = key_dir / f"{key_id}.key"
    assert path.read_text().strip() == shown
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_dir.stat().st_mode) == 0o700
    assert check == keys.fingerprint(keys.parse_key(shown))
    db.close()
    data = Path(sqlite_url.removeprefix("sqlite:///")).read_bytes()
    raw = keys.parse_key(shown)
    for form in (raw, raw.hex().encode(), shown.encode(), shown.replace("-", "").encode()):
        assert form not in data
    again = open_database(sqlite_url)
    assert again.keys["state"] is KeyState.READY and again.keys["hall_key"] == raw
    again.close()


def test_another_pc_lacks_the_key_until_it_is_typed(sqlite_url, key_dir, monkeypatch, tmp_path):
    db = open_database(sqlite_url)
    shown = keys.create(db)
    db.close()
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(tmp_path / "second-pc"))
    other = open_database(sqlite_url)
    assert other.keys["state"] is KeyState.MISSING and other.keys["hall_key"] is None
    wrong = keys.format_key(os.urandom(20))
    with pytest.raises(keys.HallKeyError, match="不是本数据库的大厅密钥"):
        keys.enter(other, wrong)
    assert other.keys["state"] is KeyState.MISSING
    keys.enter(other, shown.lower())
    assert other.keys["hall_key"] == keys.parse_key(shown)
    other.close()
    assert open_database(sqlite_url).keys["state"] is KeyState.READY


def test_a_headless_pc_takes_the_key_from_the_environment(sqlite_url, key_dir, monkeypatch, tmp_path):
    db = open_database(sqlite_url)
    shown = keys.create(db)
    db.close()
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(tmp_path / "server"))
    monkeypatch.setenv(keys.KEY_ENV, "not a key")
    assert open_database(sqlite_url).keys["state"] is KeyState.MISSING
    monkeypatch.setenv(keys.KEY_ENV, shown)
    assert open_database(sqlite_url).keys["state"] is KeyState.READY
    monkeypatch.delenv(keys.KEY_ENV)
    assert open_database(sqlite_url).keys["state"] is KeyState.READY  # kept on this PC from then on


def test_a_new_key_replaces_the_old_one_everywhere(sqlite_url, key_dir, monkeypatch, tmp_path):
    db = open_database(sqlite_url)
    first = keys.create(db)
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(tmp_path / "second-pc"))
    second_pc = open_database(sqlite_url)
    keys.enter(second_pc, first)
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(key_dir))
    second = keys.create(db, replace=True)
    assert second != first and db.keys["hall_key"] == keys.parse_key(second)
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(tmp_path / "second-pc"))
    assert keys.load(second_pc) is KeyState.MISSING  # the old key no longer fits


def test_a_version_0_1_database_has_its_key_moved_out_and_erased(sqlite_url, key_dir):
    legacy = os.urandom(32)
    db = open_database(sqlite_url)
    with db.session() as s:
        s.add(Secret(name=keys.LEGACY_SECRET, value=legacy.hex()))
    db.close()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    assert legacy.hex().encode() in path.read_bytes()

    moved = open_database(sqlite_url)
    assert moved.keys["state"] is KeyState.READY
    assert moved.keys["hall_key"] == legacy  # hashes made before keep matching
    with moved.session() as s:
        assert s.scalar(select(func.count()).select_from(Secret)) == 0
        key_id = s.get(HallKey, 1).key_id
    assert keys.parse_key((key_dir / f"{key_id}.key").read_text()) == legacy
    moved.close()
    leftovers = [p for p in path.parent.iterdir() if p.name.startswith(path.name) and "backup" not in p.name]
    for file in leftovers:  # the database and any -wal / -shm beside it
        assert legacy.hex().encode() not in file.read_bytes(), file.name
