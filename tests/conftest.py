"""Shared fixtures: real databases, built once per run and copied for each test.

SQLite: one migrated template file, copied per test. PostgreSQL (when
HALLMONITOR_TEST_PG holds a URL): one migrated database per run, emptied
between tests.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import hypothesis
import pytest

if TYPE_CHECKING:
    from hallmonitor.services.hall import HallContext

# Imports of SQLAlchemy and the app happen inside the fixtures: the rules'
# tests (tests/domain) must also run where only the pure-Python core is installed.
BACKEND_ENV = "HALLMONITOR_TEST_BACKEND"
PG_ENV = "HALLMONITOR_TEST_PG"

# Property tests draw new examples on every local run; CI (HALLMONITOR_HYPOTHESIS=ci)
# draws the same ones each time, so what lands does not depend on luck.
hypothesis.settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis.settings.load_profile(os.environ.get("HALLMONITOR_HYPOTHESIS", "default"))

# The app's log file goes to a throw-away folder, never the user's log folder.
os.environ.setdefault("HALLMONITOR_LOG_DIR", tempfile.mkdtemp(prefix="hallmonitor-test-logs-"))
# ... and the halls' ID-hash keys to another, never the user's config folder.
os.environ.setdefault("HALLMONITOR_KEY_DIR", tempfile.mkdtemp(prefix="hallmonitor-test-keys-"))
# ... and the private folders for libraries' temporary files (openpyxl's sheets) to a third.
os.environ.setdefault("HALLMONITOR_TEMP_DIR", tempfile.mkdtemp(prefix="hallmonitor-test-temp-"))
# ... and the app's preferences to a fourth: the command line reads the language chosen there.
os.environ.setdefault("HALLMONITOR_SETTINGS_DIR", tempfile.mkdtemp(prefix="hallmonitor-test-settings-"))
# ... and what the app keeps in the user's cache folder (the guessed holidays) to a fifth.
os.environ.setdefault("HALLMONITOR_CACHE_DIR", tempfile.mkdtemp(prefix="hallmonitor-test-cache-"))


@pytest.fixture(autouse=True)
def _messages_back_in_the_default_language() -> Iterator[None]:
    """A test that switched the messages' language (the English checks) leaves the next one in Chinese."""
    yield
    from hallmonitor.domain.texts import use_language

    use_language(None)


@pytest.fixture
def english() -> Iterator[None]:
    """Messages made below the interface in English, as with English chosen in 设置 ▸ 语言."""
    from hallmonitor.domain.texts import use_language

    use_language("en")
    yield
    use_language(None)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from hallmonitor.storage.database import upgrade

    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "hall.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


def _pg_admin_url() -> str:
    url = os.environ.get(PG_ENV, "")
    if not url:
        pytest.skip(f"{PG_ENV} is not set: PostgreSQL tests skipped")
    return url


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this run, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from hallmonitor.storage.database import upgrade

    admin_url = make_url(_pg_admin_url()).set(drivername="postgresql+psycopg")
    name = f"hallmonitor_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_url(pg_database: str) -> Iterator[str]:
    from sqlalchemy import create_engine, text

    from hallmonitor.storage.models import Base

    yield pg_database
    engine = create_engine(pg_database)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        # The audit trail's triggers refuse TRUNCATE (as they should); the test's superuser sets them aside.
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Each test using this runs on SQLite, and on PostgreSQL when configured."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def hall(db_url: str) -> Iterator[HallContext]:
    yield from _hall_on(db_url)


def _hall_on(url: str) -> Iterator[HallContext]:
    from hallmonitor.services.hall import hall_context, init_hall
    from hallmonitor.storage.database import open_database

    db = open_database(url)
    init_hall(db, "H001", "测试市政务服务大厅")
    yield hall_context(db, login="tester")
    db.close()


@pytest.fixture
def sqlite_hall(request: pytest.FixtureRequest) -> Iterator[HallContext]:
    """A hall for tests of things above storage (reports, the UI, commands): SQLite by default.

    With HALLMONITOR_TEST_BACKEND=postgresql the same tests run on PostgreSQL;
    CI runs them once on each (they carry the ``above_storage`` mark), so the
    whole suite, not a subset, runs on both backends.
    """
    if os.environ.get(BACKEND_ENV) == "postgresql" and request.node.get_closest_marker("sqlite_only") is None:
        yield from _hall_on(request.getfixturevalue("pg_url"))
    else:
        yield from _hall_on(request.getfixturevalue("sqlite_url"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if (
            "sqlite_hall" in getattr(item, "fixturenames", ())
            and item.get_closest_marker("sqlite_only") is None
        ):
            item.add_marker(pytest.mark.above_storage)
