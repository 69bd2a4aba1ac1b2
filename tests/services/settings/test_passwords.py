"""A shared database's password goes to a password file readable by the user alone, not the settings."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from hallmonitor.services.settings import password_kept_apart
from hallmonitor.storage.database import open_database


def test_the_remembered_address_holds_no_password_and_names_the_password_file(tmp_path: Path) -> None:
    kept = password_kept_apart("postgresql://hall:s3cret@10.0.0.5:5432/hall", tmp_path)
    assert "s3cret" not in kept
    assert make_url(kept).password is None
    passfile = tmp_path / "pgpass.conf"
    assert make_url(kept).query["passfile"] == str(passfile)
    assert passfile.read_text(encoding="utf-8") == "10.0.0.5:5432:hall:hall:s3cret\n"
    if sys.platform != "win32":
        assert stat.S_IMODE(passfile.stat().st_mode) == 0o600


def test_a_new_password_replaces_the_old_one_and_other_databases_keep_theirs(tmp_path: Path) -> None:
    password_kept_apart("postgresql://hall:old@10.0.0.5/hall", tmp_path)
    password_kept_apart("postgresql://audit:a:b@10.0.0.6/logs", tmp_path)
    password_kept_apart("postgresql://hall:new@10.0.0.5/hall", tmp_path)
    lines = (tmp_path / "pgpass.conf").read_text(encoding="utf-8").splitlines()
    assert sorted(lines) == ["10.0.0.5:5432:hall:hall:new", "10.0.0.6:5432:logs:audit:a\\:b"]


def test_addresses_without_a_password_are_kept_as_they_are(tmp_path: Path) -> None:
    for url in ("sqlite:///D:/监管/hall.sqlite3", "postgresql://hall@10.0.0.5/hall", "nonsense"):
        assert password_kept_apart(url, tmp_path) == url
    assert not (tmp_path / "pgpass.conf").exists()


@pytest.mark.pg
def test_the_database_is_opened_with_the_password_from_the_file(pg_url: str, tmp_path: Path) -> None:
    parsed = make_url(pg_url)
    with_password = parsed.set(password="s3cret").render_as_string(hide_password=False)
    kept = password_kept_apart(with_password, tmp_path)
    db = open_database(kept)
    try:
        connection = db.engine.raw_connection()
        try:
            assert connection.driver_connection.info.password == "s3cret"
        finally:
            connection.close()
    finally:
        db.close()
