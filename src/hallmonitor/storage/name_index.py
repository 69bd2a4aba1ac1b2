"""A full-text index of the characters of applicants' names, so a search by name reads a few cases, not all.

A supervisor searches the case table by part of a name, most often two
Chinese characters ("王芳"). Substring matching cannot use a B-tree, so on
SQLite that was one pass over every case of the hall (0.2 s a million cases).
PostgreSQL has trigram indexes for it (migration 0001); SQLite's own trigram
tokenizer finds nothing shorter than three characters, which is most of what
is typed for a Chinese name.

So on SQLite ``case_name_chars`` (FTS5, migration 0008) holds, for each case,
every character of its applicant's name and case number that is not ASCII,
each its own token, in order. A search whose text holds such characters asks
for them as one phrase: a case that holds the text holds them in a row (ASCII
characters dropped from both sides alike), so the phrase finds every case the
search would find, and some more (the search's own LIKE then tests those).
Text of ASCII characters only (a case number's digits) is still a pass.

The index holds the cases up to the id in ``case_name_chars_mark``. A session
that inserted cases (an import, the entry form, the demo) adds them by
:func:`catch_up` as it commits, in the same transaction (:func:`attach`); a
search tests every case above the mark itself, so a case is never missed
while the index lags (a file written by a program that does not know the
index). A name corrected through a session is re-indexed as it is flushed. The
table keeps the characters it indexed (not contentless), so the tools an IT
department opens a file with (a dump, a browser's table view) read it like any
other table. Where this SQLite has no FTS5, the migration creates
nothing and every search is a pass, as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Insert, event, inspect, text
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

__all__ = [
    "INDEX",
    "MARK",
    "attach",
    "catch_up",
    "create",
    "indexed_text",
    "mark",
    "phrase",
    "reindex",
]

INDEX = "case_name_chars"
MARK = "case_name_chars_mark"

#: Rows read and indexed per statement while catching up.
_BATCH = 20_000


def indexed_text(applicant_name: str, case_no: str) -> str:
    """What the index holds for one case: its non-ASCII characters, spaced."""
    return " ".join(c for c in applicant_name + " " + case_no if not c.isascii())


def phrase(searched: str) -> str | None:
    """The FTS5 query for a search's text, or None when the index cannot narrow it (ASCII only)."""
    chars = [c for c in searched if not c.isascii()]
    if not chars:
        return None
    # Inside a quoted phrase only '"' is special, and it is ASCII. The ascii tokenizer makes each
    # spaced non-ASCII character one token, whatever Unicode says it is, here as in the index.
    return '"' + " ".join(chars) + '"'


def create(connection: Connection) -> bool:
    """Create the index and its mark, empty; False (and nothing created) where SQLite lacks FTS5."""
    try:
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {INDEX} USING fts5(chars, columnsize=0, tokenize='ascii')"
        )
    except Exception as exc:  # an SQLite built without FTS5: "no such module: fts5"
        if "fts5" not in str(exc).lower():
            raise
        return False
    connection.exec_driver_sql(f"CREATE TABLE {MARK} (upto INTEGER NOT NULL)")
    connection.exec_driver_sql(f"INSERT INTO {MARK} (upto) VALUES (0)")
    return True


def mark(session: Session | Connection) -> int | None:
    """The last case id the index holds, or None where there is no index (PostgreSQL, no FTS5)."""
    bind = session.get_bind() if isinstance(session, Session) else session.engine
    if bind.dialect.name != "sqlite":
        return None
    exists = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": MARK}
    ).first()
    if exists is None:
        return None
    return int(session.execute(text(f"SELECT upto FROM {MARK}")).scalar_one())


def _add(session: Session | Connection, rows: Iterable[tuple[int, str, str]]) -> None:
    values = [{"id": id_, "chars": indexed_text(name, no)} for id_, name, no in rows]
    values = [v for v in values if v["chars"]]
    if values:
        session.execute(text(f"INSERT INTO {INDEX} (rowid, chars) VALUES (:id, :chars)"), values)


def catch_up(session: Session | Connection) -> int:
    """Index the cases above the mark and move it; how many cases were read (0 without an index).

    Runs in the caller's transaction, so the cases and their index entries
    are committed together or not at all.
    """
    upto = mark(session)
    if upto is None:
        return 0
    read = 0
    while True:
        rows = session.execute(
            text(
                "SELECT id, applicant_name, case_no FROM service_case WHERE id > :upto ORDER BY id LIMIT :n"
            ),
            {"upto": upto, "n": _BATCH},
        ).all()
        if not rows:
            break
        _add(session, ((r[0], r[1], r[2]) for r in rows))
        upto = rows[-1][0]
        read += len(rows)
        session.execute(text(f"UPDATE {MARK} SET upto = :upto"), {"upto": upto})
        if len(rows) < _BATCH:
            break
    return read


def reindex(session: Session, case_id: int, old: tuple[str, str], new: tuple[str, str]) -> None:
    """Re-index one case whose name changed from ``old`` to ``new`` (each: name, case number)."""
    upto = mark(session)
    if upto is None or case_id > upto or old == new:
        return  # not indexed yet: catch_up reads the case as it then is
    before, after = indexed_text(*old), indexed_text(*new)
    if before == after:
        return
    session.execute(text(f"DELETE FROM {INDEX} WHERE rowid = :id"), {"id": case_id})
    if after:
        session.execute(
            text(f"INSERT INTO {INDEX} (rowid, chars) VALUES (:id, :chars)"), {"id": case_id, "chars": after}
        )


_INSERTED = "name_index_cases_inserted"


def attach(factory: sessionmaker[Session]) -> None:
    """Keep the index up to date with what sessions from ``factory`` write (SQLite only)."""

    @event.listens_for(factory, "before_flush")
    def _flushed(session: Session, _context: Any, _instances: Any) -> None:
        from hallmonitor.storage.models import Case

        if any(isinstance(obj, Case) for obj in session.new):
            session.info[_INSERTED] = True
        for obj in session.dirty:
            if isinstance(obj, Case) and obj.id is not None:
                state = inspect(obj)
                name = state.attrs.applicant_name.history
                number = state.attrs.case_no.history
                if name.has_changes() or number.has_changes():
                    old = (
                        name.deleted[0] if name.deleted else obj.applicant_name,
                        number.deleted[0] if number.deleted else obj.case_no,
                    )
                    reindex(session, obj.id, old, (obj.applicant_name, obj.case_no))

    @event.listens_for(factory, "do_orm_execute")
    def _statements(state: ORMExecuteState) -> None:
        statement = state.statement
        if isinstance(statement, Insert) and getattr(statement.table, "name", None) == "service_case":
            state.session.info[_INSERTED] = True

    @event.listens_for(factory, "before_commit")
    def _commit(session: Session) -> None:
        session.flush()
        if session.info.pop(_INSERTED, False):
            catch_up(session)

    @event.listens_for(factory, "after_rollback")
    def _forget(session: Session) -> None:
        session.info.pop(_INSERTED, None)
