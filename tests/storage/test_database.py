"""Opening, migrating and backing up databases, on real SQLite files and PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from hallmonitor.storage.database import (
    MIGRATIONS_DIR,
    DatabaseError,
    current_revision,
    head_revision,
    open_database,
    upgrade,
)
from hallmonitor.storage.models import Department, Hall


def test_new_sqlite_file_is_created_migrated_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folder" / "hall.sqlite3"
    db = open_database(f"sqlite:///{path}")
    assert path.exists()
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert {"service_case", "roster_entry", "alert_event"} <= set(inspect(db.engine).get_table_names())
    db.close()


def test_foreign_keys_are_enforced(db_url: str) -> None:
    from sqlalchemy.exc import IntegrityError

    db = open_database(db_url)
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Department(hall_id=999, name="不存在的大厅的部门"))
    db.close()


def test_session_rolls_back_everything_on_error(db_url: str) -> None:
    from datetime import datetime

    db = open_database(db_url)
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(Hall(code="X1", name="甲", created_at=datetime(2026, 5, 6)))
        session.flush()
        raise RuntimeError("dies mid-way")
    with db.session() as session:
        assert session.scalars(select(Hall)).all() == []
    db.close()


def test_unopenable_database_gives_one_sentence(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.sqlite3"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatabaseError) as info:
        open_database(f"sqlite:///{bad}")
    assert "无法打开数据库" in str(info.value)
    assert "\n" not in str(info.value)


def test_bad_url_is_reported() -> None:
    with pytest.raises(DatabaseError, match="数据库地址无法识别"):
        open_database("not a url")


def _write_failing_revision(folder: Path) -> Path:
    """A copy of the migrations with one more revision that alters a table, then fails."""
    target = folder / "migrations"
    shutil.copytree(MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (target / "versions" / "9999_broken.py").write_text(
        f'''"""A migration that fails half way."""
from alembic import op
import sqlalchemy as sa

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hall") as batch:
        batch.add_column(sa.Column("half_done", sa.Integer(), nullable=True))
    op.create_table("half_table", sa.Column("id", sa.Integer(), primary_key=True))
    raise RuntimeError("migration fails after altering a table")


def downgrade() -> None:
    pass
''',
        encoding="utf-8",
    )
    return target


def test_failing_migration_leaves_the_schema_and_data_untouched(db_url: str, tmp_path: Path) -> None:
    from datetime import datetime

    db = open_database(db_url)
    with db.session() as session:
        session.add(Hall(code="H9", name="保留的数据", created_at=datetime(2026, 5, 6)))
    tables_before = set(inspect(db.engine).get_table_names())
    columns_before = [c["name"] for c in inspect(db.engine).get_columns("hall")]
    db.close()

    broken = _write_failing_revision(tmp_path)
    with pytest.raises(RuntimeError, match="migration fails"):
        upgrade(db_url, script_location=broken)

    db = open_database(db_url)
    assert set(inspect(db.engine).get_table_names()) == tables_before
    assert [c["name"] for c in inspect(db.engine).get_columns("hall")] == columns_before
    assert current_revision(db.engine) == head_revision()
    with db.session() as session:
        assert session.scalars(select(Hall.name)).all() == ["保留的数据"]
    db.close()


def test_upgrade_of_an_existing_sqlite_file_copies_it_aside_first(sqlite_url: str, tmp_path: Path) -> None:
    from datetime import datetime

    db = open_database(sqlite_url)
    with db.session() as session:
        session.add(Hall(code="H9", name="升级前", created_at=datetime(2026, 5, 6)))
    db.close()

    migrations = _write_failing_revision(tmp_path)
    fixed = migrations / "versions" / "9999_broken.py"
    fixed.write_text(
        fixed.read_text(encoding="utf-8").replace(
            '    raise RuntimeError("migration fails after altering a table")\n', ""
        ),
        encoding="utf-8",
    )
    backup = upgrade(sqlite_url, script_location=migrations)

    assert backup is not None and backup.exists()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT name FROM hall").fetchall() == [("升级前",)]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)
        assert "half_done" in [r[1] for r in conn.execute("PRAGMA table_info(hall)")]


def test_models_and_migrations_agree(db_url: str) -> None:
    """A model change without a migration would make this fail."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from hallmonitor.storage import name_index
    from hallmonitor.storage.models import Base

    def modelled(name: str | None, kind: str, _parent: object) -> bool:
        # The name index is FTS5's own tables (storage.name_index), no model's.
        return not (kind == "table" and (name or "").startswith(name_index.INDEX))

    db = open_database(db_url)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False, "include_name": modelled})
        diff = compare_metadata(context, Base.metadata)
    db.close()
    assert diff == []


def test_the_head_revision_the_app_knows_is_the_newest_migration() -> None:
    from hallmonitor.storage.database import HEAD_REVISION, head_revision

    assert head_revision() == HEAD_REVISION


def test_opening_a_current_database_does_not_load_the_migration_machinery(sqlite_url: str) -> None:
    import subprocess
    import sys

    script = (
        "import sys; from hallmonitor.storage.database import open_database; "
        f"open_database({sqlite_url!r}).close(); print('alembic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
