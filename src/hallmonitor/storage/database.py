"""Opening a database: SQLite by default, any SQLAlchemy URL on request.

Opening always brings the schema up to date (Alembic), so a PC that runs a
newer version upgrades the shared database once and the others follow. On
SQLite the file is first copied aside, and the whole upgrade runs in one
transaction with foreign keys off (pysqlite's own transaction handling is
switched off and BEGIN is emitted explicitly, SQLAlchemy's documented recipe),
so a failing migration leaves the schema exactly as it was.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from hallmonitor.domain.texts import say
from hallmonitor.storage.location import ENV_VAR as ENV_VAR
from hallmonitor.storage.location import default_database_path as default_database_path
from hallmonitor.storage.location import resolve_url as resolve_url

if TYPE_CHECKING:
    from hallmonitor.storage.integrity import WriteGuard

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: The newest migration's revision; a test keeps it equal to what Alembic finds in MIGRATIONS_DIR.
HEAD_REVISION = "0009"


class DatabaseError(Exception):
    """A database could not be opened or upgraded; the message is for the user."""


def demo_database_url(real_url: str | None = None) -> str:
    """The demo hall's own file, demo.sqlite3 beside the real SQLite file (else beside the default one).

    The demo never goes into a hall's real database: a supervisor who looks
    around first must not find invented windows among the real ones.
    """
    real = resolve_url(real_url)
    try:
        parsed = make_url(real)
    except ArgumentError:
        parsed = None
    if parsed is not None and parsed.get_backend_name() == "sqlite" and parsed.database:
        folder = Path(parsed.database).expanduser().resolve().parent
    else:
        folder = default_database_path().parent
    return f"sqlite:///{folder / 'demo.sqlite3'}"


def _sqlite_recipe(engine: Engine, *, foreign_keys: bool, wal: bool) -> None:
    # Waiting for a second writer, and beginning IMMEDIATE when an operation runs again: storage.contention.
    from hallmonitor.storage.contention import begin_statement, busy_timeout_ms

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
        if wal:
            try:
                cursor.execute("PRAGMA journal_mode=WAL")
            except sqlite3.OperationalError as exc:
                # A read-only file (SQLITE_READONLY) is read in its own journal mode.
                if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF != 8:
                    raise
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql(begin_statement())


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(say("The database address cannot be read: {url}", url=url)) from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            from hallmonitor.storage.integrity import prepare_location

            prepare_location(Path(database).expanduser())
        engine = create_engine(parsed, connect_args={"check_same_thread": False})
        in_memory = database in ("", ":memory:")
        _sqlite_recipe(engine, foreign_keys=foreign_keys, wal=not in_memory)
        return engine
    if parsed.get_backend_name() == "postgresql":
        from hallmonitor.storage.models import add_postgresql_options

        add_postgresql_options()
        if parsed.get_driver_name() in ("", "psycopg2"):
            parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        raise DatabaseError(
            say("Unsupported database address: {url} ({reason})", url=url, reason=exc)
        ) from exc


def _alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision(script_location: Path = MIGRATIONS_DIR) -> str:
    from alembic.script import ScriptDirectory

    config = _alembic_config()
    config.set_main_option("script_location", str(script_location))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def known_revision(revision: str, script_location: Path = MIGRATIONS_DIR) -> bool:
    """Whether this version of the app knows the schema revision (a newer app's is unknown to it)."""
    from alembic.script import ScriptDirectory

    config = _alembic_config()
    config.set_main_option("script_location", str(script_location))
    try:
        return ScriptDirectory.from_config(config).get_revision(revision) is not None
    except Exception:
        return False


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_sqlite(path: Path, label: str) -> Path:
    """Copy a live SQLite file aside with SQLite's backup API (safe with WAL)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}.bak")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def upgrade(url: str, *, script_location: Path = MIGRATIONS_DIR) -> Path | None:
    """Bring the schema at ``url`` to head in one transaction; return the backup made, if any.

    A failed upgrade leaves the schema as it was and removes the copy it made,
    so trying again never piles up backups: one per upgrade, not per attempt.
    """
    from hallmonitor.storage.contention import immediate_transactions

    engine = make_engine(url, foreign_keys=False)
    backup: Path | None = None
    try:
        current = current_revision(engine)
        # Most opens find the schema current: that is told without importing Alembic (~0.4 s).
        head = HEAD_REVISION if script_location == MIGRATIONS_DIR else head_revision(script_location)
        if current == head:
            return None
        if current is not None and not known_revision(current, script_location):
            # Written by a newer version: upgrading or even writing could damage what it holds.
            shown = make_url(url).render_as_string(hide_password=True)
            raise DatabaseError(
                say(
                    "The database {shown} was upgraded by a newer version of HallMonitor (database version "
                    "{current}; this program knows up to {head}) and was not opened, so that nothing in it is "
                    "damaged. Upgrade this program to the version the other PCs run first.",
                    shown=shown,
                    current=current,
                    head=head,
                )
            )
        if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
            path = Path(engine.url.database).expanduser()
            if current is not None and path.exists():
                from hallmonitor.storage.integrity import refuse_unfit_for_upgrade

                refuse_unfit_for_upgrade(engine, path)
                backup = backup_sqlite(path, f"before-upgrade-from-{current}")
        from alembic import command

        config = _alembic_config()
        config.set_main_option("script_location", str(script_location))
        try:
            # IMMEDIATE: the upgrade waits for another writer instead of failing half-way into it.
            with immediate_transactions(), engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                if engine.dialect.name == "sqlite":
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseError(
                            say("The foreign key check failed after the upgrade: {found}", found=broken[:3])
                        )
        except BaseException:
            if backup is not None:
                backup.unlink(missing_ok=True)
                backup = None
            raise
    finally:
        engine.dispose()
    return backup


def _os_login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass
class Database:
    """An open, up-to-date database and the session factory every operation uses."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    #: Who the entries of the audit trail name: the OS login until a hall context names the actor.
    actor: str = field(default_factory=lambda: _os_login())
    #: Names this open database in the change feed, so the app skips the changes it made itself.
    origin: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    #: Kept beside the database, never in it: the ID-number hash key and whether this PC has it
    #: (hallmonitor.storage.keys). Every session sees this same dict as ``session.info["keys"]``.
    keys: dict[str, object] = field(default_factory=dict)
    #: On a SQLite file, what refuses writes to it when it is read-only or damaged (storage.integrity).
    write_guard: WriteGuard | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def display_name(self) -> str:
        """The URL with any password hidden, for window titles and messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    #: The transaction this thread's sessions join while ``transaction()`` is open.
    _joined: threading.local = field(default_factory=threading.local, init=False, repr=False, compare=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One session per operation: committed when the block ends, rolled back on error.

        Inside ``transaction()`` on the same thread the block joins that transaction
        instead, and nothing is committed before it ends.
        """
        joined = getattr(self._joined, "session", None)
        if joined is not None:
            yield joined
            return
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction for every session this thread opens inside the block.

        A change and what is derived from it (due dates, flags, alerts, the rules'
        mark) are written by different services, each opening its own session;
        joined here, they commit together or, after an error or a kill, not at
        all. An error inside any of them rolls back the whole. Nested, it joins
        the transaction already open.
        """
        joined = getattr(self._joined, "session", None)
        if joined is not None:
            yield joined
            return
        with self.sessions.begin() as session:
            self._joined.session = session
            try:
                yield session
            finally:
                self._joined.session = None

    def write_problem(self) -> str | None:
        """Why nothing may be written here (a read-only or damaged SQLite file), as a sentence; else None.

        Checked once per open database: the first write asks the same.
        """
        if self.write_guard is None:
            return None
        with self.engine.connect() as conn:
            return self.write_guard.problem(conn.connection.driver_connection)

    def close(self) -> None:
        """Close every pooled connection; one opened afterwards closes as soon as it is handed back.

        A straggler (a page's load finishing after its window and database were
        closed) may still run a query: it gets a connection, but that connection
        must not linger open on a shared server until the process ends.
        """
        # Listened for first: the pool being disposed keeps it too, for a connection still checked out.
        if not event.contains(self.engine, "checkin", _close_on_checkin):
            event.listen(self.engine, "checkin", _close_on_checkin)
        self.engine.dispose()
        if self.write_guard is not None:
            self.write_guard.closed()


def _close_on_checkin(_dbapi_connection: Any, record: Any) -> None:
    record.invalidate()


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open (creating and upgrading as needed) the database at ``url``.

    Raises DatabaseError with a sentence for the user when it cannot be done.
    """
    resolved = resolve_url(url)
    try:
        if migrate:
            upgrade(resolved)
        engine = make_engine(resolved)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DatabaseError:
        raise
    except (SQLAlchemyError, OSError, sqlite3.Error) as exc:
        from hallmonitor.storage.integrity import open_failure_sentence

        shown = make_url(resolved).render_as_string(hide_password=True) if "://" in resolved else resolved
        raise DatabaseError(open_failure_sentence(shown, resolved, exc)) from exc
    from hallmonitor.storage import audit, change_feed, name_index
    from hallmonitor.storage.integrity import WriteGuard, sqlite_path

    path = sqlite_path(resolved)
    db = Database(
        url=resolved,
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        write_guard=WriteGuard(path).attach(engine) if path is not None else None,
    )
    change_feed.attach(db.sessions, db.origin)
    audit.attach(db.sessions, lambda: db.actor)
    if engine.dialect.name == "sqlite":
        name_index.attach(db.sessions)
    db.sessions.configure(info={"keys": db.keys})
    if migrate:
        from hallmonitor.storage import keys

        keys.load(db)
    return db
