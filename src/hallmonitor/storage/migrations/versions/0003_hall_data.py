"""the hall's data kept right in the app

A case can be voided (作废) and corrected with a reason, its events holding the
fields before and after; a person's category has a dated history, so a change
of category does not rewrite how past weeks were judged; a person who left the
hall (调离) keeps the day; an item can be deactivated (停用), kept for the
cases that name it; every change of master data goes into change_log;
every committed write leaves a row in change_feed, which the other PCs read to
redraw what changed; on PostgreSQL the case search finds part of a case
number or a name through trigram indexes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: The roles before accounts (监管员, 录入员, 查看员) and the roles that took their place.
_ROLES_RENAMED = (("监管员", "督查员"), ("录入员", "督查员"), ("查看员", "中心查看"))
_ROLES_RESTORED = (
    ("督查员", "监管员"),
    ("管理员", "监管员"),
    ("窗口负责人", "录入员"),
    ("中心查看", "查看员"),
    ("审计员", "查看员"),
)


def upgrade() -> None:
    with op.batch_alter_table("service_case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("voided_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("void_reason", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("changes", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("left_on", sa.Date(), nullable=True))
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.create_table(
        "staff_category_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("from_category", sa.String(length=16), nullable=False),
        sa.Column("to_category", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_staff_category_change_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_category_change")),
        sa.UniqueConstraint("staff_id", "day", name=op.f("uq_staff_category_change_staff_id_day")),
    )
    with op.batch_alter_table("staff_category_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_category_change_staff_id"), ["staff_id"], unique=False)
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_change_log_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index("ix_change_log_entity", ["hall_id", "entity", "entity_id"], unique=False)

    op.create_table(
        "change_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("tables", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_feed")),
    )
    # Version counters: a save based on a row someone else changed meanwhile is refused.
    for table in ("service_window", "staff", "item", "service_case", "alert"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))

    # Accounts: a password hash, the lock shared by every PC, and a 窗口负责人's windows.
    with op.batch_alter_table("operator", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))
    for old, new in _ROLES_RENAMED:
        op.execute(sa.text("UPDATE operator SET role = :new WHERE role = :old").bindparams(old=old, new=new))
    op.create_table(
        "operator_window",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operator.id"],
            name=op.f("fk_operator_window_operator_id_operator"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["window_id"],
            ["service_window.id"],
            name=op.f("fk_operator_window_window_id_service_window"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operator_window")),
        sa.UniqueConstraint(
            "operator_id", "window_id", name=op.f("uq_operator_window_operator_id_window_id")
        ),
    )
    with op.batch_alter_table("operator_window", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_operator_window_operator_id"), ["operator_id"], unique=False)

    # The audit trail: an append-only, hash-chained log, and the one head row writers lock.
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("pc", sa.String(length=100), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_key", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_at", ["at"], unique=False)
        # One entity's history (services.audit.entity_history) without reading the whole trail.
        batch_op.create_index("ix_audit_log_entity", ["table_name", "row_key", "seq"], unique=False)
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '" + "0" * 64 + "')")
    # The ID-number hash key leaves the database: this names the key file on each PC
    # and recognises the right key (hallmonitor.storage.keys moves a 0.1 key out on open).
    op.create_table(
        "hall_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hall_key")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: {verb} refused'); END"
            )
    _guard_truncate_and_head()
    # Empty on a healthy hall: the cases whose trips no one could have made, found without a scan.
    odd_trips = sa.text("trips < 0 OR trips > 99")
    op.create_index(
        "ix_service_case_odd_trips",
        "service_case",
        ["hall_id"],
        unique=False,
        sqlite_where=odd_trips,
        postgresql_where=odd_trips,
    )
    # The case search: part of a case number or a name (an ID number has its hash's index).
    _create_substring_indexes()


#: The substring search's indexes: (name, column). See _create_substring_indexes.
_SUBSTRING_INDEXES = (
    ("ix_service_case_case_no_trgm", "case_no"),
    ("ix_service_case_applicant_trgm", "applicant_name"),
)


def _trigrams_available() -> bool:
    """Whether pg_trgm is installed, or can be: a server without it, or a role that may not, says no."""
    bind = op.get_bind()
    if bind.scalar(sa.text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")):
        return True
    if not bind.scalar(sa.text("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")):
        return False
    try:
        with bind.begin_nested():  # a refusal rolls back to here, not the whole upgrade
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return False
    return True


def _create_substring_indexes() -> None:
    """GIN trigram indexes on PostgreSQL, so ILIKE '%…%' need not read every case.

    Where they cannot be (SQLite, which scans instead; a server without pg_trgm)
    each is an index of no rows under the same name, so the schema the models
    describe is the same everywhere and the search simply reads the table.
    """
    trigrams = op.get_bind().dialect.name == "postgresql" and _trigrams_available()
    for name, column in _SUBSTRING_INDEXES:
        if trigrams:
            op.create_index(
                name,
                "service_case",
                [column],
                postgresql_using="gin",
                postgresql_ops={column: "gin_trgm_ops"},
            )
        else:
            nothing = sa.text("0 = 1")
            op.create_index(name, "service_case", [column], sqlite_where=nothing, postgresql_where=nothing)


#: The chain's head only moves forward: a rewind would let a shortened chain pass for whole.
_HEAD_FORWARD = "NEW.seq < OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash <> OLD.hash)"


def _guard_truncate_and_head() -> None:
    """TRUNCATE skips row triggers, and audit_head is the one row a rewrite would reset: guard both."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )
        op.execute(
            "CREATE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN IF TG_OP <> 'UPDATE' OR " + _HEAD_FORWARD + " THEN "
            "RAISE EXCEPTION 'audit_head only moves forward: % refused', TG_OP; END IF; RETURN NEW; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head "
            "FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_head_forward_only()"
        )
    else:
        op.execute(
            "CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head WHEN " + _HEAD_FORWARD + " "
            "BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward: UPDATE refused'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head "
            "BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward: DELETE refused'); END"
        )


def _unguard_truncate_and_head() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_head")
        op.execute("DROP TRIGGER IF EXISTS audit_head_forward_only ON audit_head")
        op.execute("DROP FUNCTION IF EXISTS audit_head_forward_only()")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_head_forward_only")
        op.execute("DROP TRIGGER IF EXISTS audit_head_no_delete")


def downgrade() -> None:
    # pg_trgm stays: other databases of the server, or its administrator, may use it.
    for name, _column in _SUBSTRING_INDEXES:
        op.drop_index(name, table_name="service_case")
    _unguard_truncate_and_head()
    op.drop_index("ix_service_case_odd_trips", table_name="service_case")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    # The key stays in this PC's key file; 0.1 makes itself a new one (earlier hashes no longer match).
    op.drop_table("hall_key")
    op.drop_table("audit_head")
    op.drop_index("ix_audit_log_entity", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_table("operator_window")
    for old, new in _ROLES_RESTORED:
        op.execute(sa.text("UPDATE operator SET role = :new WHERE role = :old").bindparams(old=old, new=new))
    with op.batch_alter_table("operator", schema=None) as batch_op:
        batch_op.drop_column("active")
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_attempts")
        batch_op.drop_column("password_hash")
    for table in ("service_window", "staff", "item", "service_case", "alert"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
    op.drop_table("change_feed")
    op.drop_table("change_log")
    op.drop_table("staff_category_change")
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.drop_column("active")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("left_on")
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_column("changes")
        batch_op.drop_column("reason")
    with op.batch_alter_table("service_case", schema=None) as batch_op:
        batch_op.drop_column("void_reason")
        batch_op.drop_column("voided_at")
