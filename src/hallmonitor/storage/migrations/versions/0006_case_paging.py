"""The case table paged by its sort keys, overdue cases counted from their own indexes, cases tallied by day

The case table seeks a page from the sort key and id of the row before it
(services.cases.paging), so every sortable column has an index that starts
with the hall and ends with the id, the tie-breaker: three the table had
are widened with the id (on PostgreSQL equal keys otherwise come in the
heap's order and every page sorted them again), the completion's already
ends with the receipt (0005), which breaks its ties, and the applicant, the
trips, the window and the item get theirs.

"Overdue" depends on today only for a case not yet finished; a finished
case is late or not for good. So the unfinished cases have a partial index by
due date (today's test a range over it) and the cases finished late one of
their own, the stored answer the database keeps up to date itself; an
overdue count reads the two and no other case.

case_tally holds how many cases each hall received each day (and how many of
them are voided), kept on PostgreSQL by triggers on service_case that add up
each statement's rows at once (an import's bulk insert included), so that the
count of a hall's cases, or of any range of days, reads a row a day instead of
every case in a database that several halls share. It is filled from the cases
there are. On SQLite it stays empty, like the trigram indexes: a row trigger
there made every insert keep a statement journal, and an import of 100,000
cases took twice as long; a SQLite file holds one hall, whose count of all
cases is the table's own (SQLite counts an index's pages, not its rows).

The voided cases, few, have a partial index: the count of those that count is
all minus them.

Revision ID: 0006
Revises: 0005
Create Date: 2027-01-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: Indexes the table had, now ending with the id: name -> sort column.
WIDENED = {
    "ix_service_case_hall_received": "received_at",
    "ix_service_case_hall_status": "status",
    "ix_service_case_hall_due": "due_date",
}
#: The sort columns that had none.
ADDED = {
    "ix_service_case_hall_applicant": "applicant_name",
    "ix_service_case_hall_trips": "trips",
    "ix_service_case_hall_window": "window_id",
    "ix_service_case_hall_item": "item_id",
}
UNFINISHED = "completed_at IS NULL AND voided_at IS NULL"
VOIDED = "voided_at IS NOT NULL"
#: SQLite matches no function call in a partial index's condition: the completion against the due
#: day's last moment as text ("2026-05-14 24" sorts after every time of that day).
FINISHED_LATE = {
    "sqlite": "voided_at IS NULL AND completed_at > due_date || ' 24'",
    "postgresql": "voided_at IS NULL AND date(completed_at) > due_date",
}

# Owner's rights (SECURITY DEFINER): a PC's role that may write cases need not be granted the tally
# for its saves to be counted.
_PG_FUNCTION = (
    "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
    "SET search_path FROM CURRENT AS $$ BEGIN {body} RETURN NULL; END $$"
)
_PG_ADD = (
    "INSERT INTO case_tally AS t (hall_id, day, cases, voided) {rows} "
    "ON CONFLICT (hall_id, day) DO UPDATE SET cases = t.cases + EXCLUDED.cases, voided = t.voided + EXCLUDED.voided;"
)
_PG_SUBTRACT = (
    "UPDATE case_tally AS t SET cases = t.cases - r.cases, voided = t.voided - r.voided FROM ({rows}) AS r "
    "WHERE t.hall_id = r.hall_id AND t.day = r.day;"
)
_PG_BY_DAY = (
    "SELECT hall_id, CAST(received_at AS date) AS day, count(*) AS cases, count(voided_at) AS voided "
    "FROM {table} GROUP BY 1, 2"
)
_PG_ONE = (
    "SELECT {row}.hall_id AS hall_id, CAST({row}.received_at AS date) AS day, 1 AS cases, "
    "CASE WHEN {row}.voided_at IS NULL THEN 0 ELSE 1 END AS voided"
)
_PG_FUNCTIONS = {
    "case_tally_added": _PG_ADD.format(rows=_PG_BY_DAY.format(table="added")),
    "case_tally_removed": _PG_SUBTRACT.format(rows=_PG_BY_DAY.format(table="removed")),
    "case_tally_moved": _PG_SUBTRACT.format(rows=_PG_ONE.format(row="OLD"))
    + " "
    + _PG_ADD.format(rows=_PG_ONE.format(row="NEW")),
}
_PG_TRIGGERS = (
    "CREATE TRIGGER case_tally_added AFTER INSERT ON service_case REFERENCING NEW TABLE AS added "
    "FOR EACH STATEMENT EXECUTE FUNCTION case_tally_added()",
    "CREATE TRIGGER case_tally_removed AFTER DELETE ON service_case REFERENCING OLD TABLE AS removed "
    "FOR EACH STATEMENT EXECUTE FUNCTION case_tally_removed()",
    # Row by row, but only for the rows whose day, hall or voiding changed: a due-date refresh of a
    # million cases costs nothing here.
    "CREATE TRIGGER case_tally_moved AFTER UPDATE OF hall_id, received_at, voided_at ON service_case "
    "FOR EACH ROW WHEN (OLD.hall_id IS DISTINCT FROM NEW.hall_id "
    "OR CAST(OLD.received_at AS date) IS DISTINCT FROM CAST(NEW.received_at AS date) "
    "OR (OLD.voided_at IS NULL) IS DISTINCT FROM (NEW.voided_at IS NULL)) "
    "EXECUTE FUNCTION case_tally_moved()",
)


def _tally() -> None:
    op.create_table(
        "case_tally",
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column("voided", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_case_tally_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("hall_id", "day", name=op.f("pk_case_tally")),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "INSERT INTO case_tally (hall_id, day, cases, voided) "
        "SELECT hall_id, CAST(received_at AS date), count(*), count(voided_at) FROM service_case "
        "GROUP BY hall_id, CAST(received_at AS date)"
    )
    for name, body in _PG_FUNCTIONS.items():
        op.execute(_PG_FUNCTION.format(name=name, body=body))
    for trigger in _PG_TRIGGERS:
        op.execute(trigger)


def upgrade() -> None:
    for name, column in WIDENED.items():
        op.drop_index(name, table_name="service_case")
        op.create_index(name, "service_case", ["hall_id", column, "id"], unique=False)
    for name, column in ADDED.items():
        op.create_index(name, "service_case", ["hall_id", column, "id"], unique=False)
    dialect = op.get_bind().dialect.name
    # The columns each condition names are in the index too: a count reads the index alone.
    for name, columns, condition in (
        ("ix_service_case_unfinished", ["due_date", "received_at", "completed_at", "voided_at"], UNFINISHED),
        (
            "ix_service_case_finished_late",
            ["received_at", "voided_at", "completed_at", "due_date"],
            FINISHED_LATE["sqlite" if dialect == "sqlite" else "postgresql"],
        ),
    ):
        where = sa.text(condition)
        op.create_index(
            name,
            "service_case",
            ["hall_id", *columns],
            unique=False,
            sqlite_where=where,
            postgresql_where=where,
        )
    voided = sa.text(VOIDED)
    op.create_index(
        "ix_service_case_voided",
        "service_case",
        ["hall_id", "received_at"],
        unique=False,
        sqlite_where=voided,
        postgresql_where=voided,
    )
    _tally()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in _PG_FUNCTIONS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON service_case")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_table("case_tally")
    op.drop_index("ix_service_case_voided", table_name="service_case")
    op.drop_index("ix_service_case_finished_late", table_name="service_case")
    op.drop_index("ix_service_case_unfinished", table_name="service_case")
    for name in ADDED:
        op.drop_index(name, table_name="service_case")
    for name, column in WIDENED.items():
        op.drop_index(name, table_name="service_case")
        op.create_index(name, "service_case", ["hall_id", column], unique=False)
