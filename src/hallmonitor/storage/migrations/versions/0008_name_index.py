"""The characters of applicants' names indexed on SQLite, so a search by name reads a few cases

A search by part of a name was one pass over every case of a SQLite file
(0.2 s a million cases): substring matching cannot use a B-tree, and
PostgreSQL's trigram indexes (0001) have no SQLite counterpart that finds two
characters. ``case_name_chars`` (FTS5) holds each case's non-ASCII characters,
one token each, and ``case_name_chars_mark`` the last case it holds: see
storage/name_index.py for why that finds every case the search would.

Filled here from the cases there are (about 20 s a million cases). Where this
SQLite was built without FTS5 nothing is created and searches stay a pass.
PostgreSQL is left as it is.

Revision ID: 0008
Revises: 0007
Create Date: 2027-02-21
"""

from alembic import op

from hallmonitor.storage import name_index

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    if name_index.create(connection):
        name_index.catch_up(connection)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"DROP TABLE IF EXISTS {name_index.MARK}")
    op.execute(f"DROP TABLE IF EXISTS {name_index.INDEX}")
