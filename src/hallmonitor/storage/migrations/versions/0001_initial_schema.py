"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("is_workday", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_override")),
        sa.UniqueConstraint("day", name=op.f("uq_calendar_override_day")),
    )
    op.create_table(
        "hall",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hall")),
        sa.UniqueConstraint("code", name=op.f("uq_hall_code")),
    )
    op.create_table(
        "secret",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_secret")),
    )
    op.create_table(
        "department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_department_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
        sa.UniqueConstraint("hall_id", "name", name=op.f("uq_department_hall_id_name")),
    )
    op.create_table(
        "operator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_operator_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operator")),
        sa.UniqueConstraint("hall_id", "login", name=op.f("uq_operator_hall_id_login")),
    )
    op.create_table(
        "setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_setting_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_setting")),
        sa.UniqueConstraint("hall_id", "key", name=op.f("uq_setting_hall_id_key")),
    )
    op.create_table(
        "item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("case_type", sa.String(length=16), nullable=False),
        sa.Column("promised_days", sa.Integer(), nullable=False),
        sa.Column("legal_days", sa.Integer(), nullable=False),
        sa.Column("admitted", sa.Boolean(), nullable=False),
        sa.Column("window_may_approve", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_item_department_id_department")
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_item_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item")),
        sa.UniqueConstraint("hall_id", "code", name=op.f("uq_item_hall_id_code")),
    )
    op.create_table(
        "service_window",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("zone", sa.String(length=40), nullable=False),
        sa.Column("grid_row", sa.Integer(), nullable=False),
        sa.Column("grid_col", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_service_window_department_id_department")
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_service_window_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_window")),
        sa.UniqueConstraint("hall_id", "number", name=op.f("uq_service_window_hall_id_number")),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("staff_no", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_staff_department_id_department")
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_staff_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("hall_id", "staff_no", name=op.f("uq_staff_hall_id_staff_no")),
    )
    op.create_table(
        "roster_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("session", sa.String(length=16), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("attendance", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_roster_entry_staff_id_staff"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["window_id"],
            ["service_window.id"],
            name=op.f("fk_roster_entry_window_id_service_window"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_entry")),
        sa.UniqueConstraint(
            "day",
            "session",
            "window_id",
            "staff_id",
            name=op.f("uq_roster_entry_day_session_window_id_staff_id"),
        ),
    )
    with op.batch_alter_table("roster_entry", schema=None) as batch_op:
        batch_op.create_index("ix_roster_entry_staff_day", ["staff_id", "day"], unique=False)
        batch_op.create_index("ix_roster_entry_window_day", ["window_id", "day"], unique=False)

    op.create_table(
        "service_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("case_no", sa.String(length=64), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("applicant_type", sa.String(length=16), nullable=False),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("applicant_id_display", sa.String(length=32), nullable=False),
        sa.Column("applicant_id_hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("received_by_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approval_place", sa.String(length=16), nullable=True),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("trips", sa.Integer(), nullable=False),
        sa.Column("bundle_key", sa.String(length=64), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["approved_by_id"], ["staff.id"], name=op.f("fk_service_case_approved_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_service_case_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], name=op.f("fk_service_case_item_id_item")),
        sa.ForeignKeyConstraint(
            ["received_by_id"], ["staff.id"], name=op.f("fk_service_case_received_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["service_window.id"], name=op.f("fk_service_case_window_id_service_window")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_case")),
        sa.UniqueConstraint("hall_id", "case_no", name=op.f("uq_service_case_hall_id_case_no")),
    )
    with op.batch_alter_table("service_case", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_case_applicant_id_hash"), ["applicant_id_hash"], unique=False
        )
        batch_op.create_index("ix_service_case_bundle", ["hall_id", "bundle_key"], unique=False)
        batch_op.create_index("ix_service_case_hall_approved", ["hall_id", "approved_at"], unique=False)
        batch_op.create_index("ix_service_case_hall_completed", ["hall_id", "completed_at"], unique=False)
        batch_op.create_index("ix_service_case_hall_due", ["hall_id", "due_date"], unique=False)
        batch_op.create_index("ix_service_case_hall_received", ["hall_id", "received_at"], unique=False)
        batch_op.create_index("ix_service_case_hall_status", ["hall_id", "status"], unique=False)
        batch_op.create_index("ix_service_case_item", ["item_id"], unique=False)
        batch_op.create_index("ix_service_case_window_received", ["window_id", "received_at"], unique=False)

    op.create_table(
        "window_state_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=False),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["window_id"],
            ["service_window.id"],
            name=op.f("fk_window_state_change_window_id_service_window"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_window_state_change")),
    )
    with op.batch_alter_table("window_state_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_window_state_change_window_id"), ["window_id"], unique=False)

    op.create_table(
        "case_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["service_case.id"],
            name=op.f("fk_case_event_case_id_service_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_event")),
    )
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_event_case_id"), ["case_id"], unique=False)

    op.create_table(
        "complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("complaint_no", sa.String(length=64), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("category", sa.String(length=50), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["service_case.id"], name=op.f("fk_complaint_case_id_service_case")
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_complaint_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["service_window.id"], name=op.f("fk_complaint_window_id_service_window")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint")),
        sa.UniqueConstraint("hall_id", "complaint_no", name=op.f("uq_complaint_hall_id_complaint_no")),
    )
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.create_index("ix_complaint_hall_received", ["hall_id", "received_at"], unique=False)

    op.create_table(
        "front_shop_flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewed_by", sa.String(length=50), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["service_case.id"],
            name=op.f("fk_front_shop_flag_case_id_service_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_front_shop_flag")),
        sa.UniqueConstraint("case_id", name=op.f("uq_front_shop_flag_case_id")),
    )
    with op.batch_alter_table("front_shop_flag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_front_shop_flag_state"), ["state"], unique=False)

    op.create_table(
        "special_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("start_day", sa.Date(), nullable=False),
        sa.Column("end_day", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["service_case.id"],
            name=op.f("fk_special_period_case_id_service_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_special_period")),
    )
    with op.batch_alter_table("special_period", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_special_period_case_id"), ["case_id"], unique=False)

    op.create_table(
        "alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("subject_key", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("occurrence_count", sa.Integer(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["service_case.id"], name=op.f("fk_alert_case_id_service_case")),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaint.id"], name=op.f("fk_alert_complaint_id_complaint")
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_alert_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["window_id"], ["service_window.id"], name=op.f("fk_alert_window_id_service_window")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert")),
    )
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.create_index("ix_alert_hall_state", ["hall_id", "state"], unique=False)
        batch_op.create_index("ix_alert_subject", ["hall_id", "kind", "subject_key"], unique=False)

    op.create_table(
        "alert_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=False),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alert.id"], name=op.f("fk_alert_event_alert_id_alert"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_event")),
    )
    with op.batch_alter_table("alert_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_event_alert_id"), ["alert_id"], unique=False)

    op.create_table(
        "alert_occurrence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("occurrence_key", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alert.id"], name=op.f("fk_alert_occurrence_alert_id_alert"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_occurrence")),
        sa.UniqueConstraint(
            "alert_id", "occurrence_key", name=op.f("uq_alert_occurrence_alert_id_occurrence_key")
        ),
    )


def downgrade() -> None:
    op.drop_table("alert_occurrence")
    with op.batch_alter_table("alert_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_event_alert_id"))

    op.drop_table("alert_event")
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_index("ix_alert_subject")
        batch_op.drop_index("ix_alert_hall_state")

    op.drop_table("alert")
    with op.batch_alter_table("special_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_special_period_case_id"))

    op.drop_table("special_period")
    with op.batch_alter_table("front_shop_flag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_front_shop_flag_state"))

    op.drop_table("front_shop_flag")
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_index("ix_complaint_hall_received")

    op.drop_table("complaint")
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_event_case_id"))

    op.drop_table("case_event")
    with op.batch_alter_table("window_state_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_window_state_change_window_id"))

    op.drop_table("window_state_change")
    with op.batch_alter_table("service_case", schema=None) as batch_op:
        batch_op.drop_index("ix_service_case_window_received")
        batch_op.drop_index("ix_service_case_item")
        batch_op.drop_index("ix_service_case_hall_status")
        batch_op.drop_index("ix_service_case_hall_received")
        batch_op.drop_index("ix_service_case_hall_due")
        batch_op.drop_index("ix_service_case_hall_completed")
        batch_op.drop_index("ix_service_case_hall_approved")
        batch_op.drop_index("ix_service_case_bundle")
        batch_op.drop_index(batch_op.f("ix_service_case_applicant_id_hash"))

    op.drop_table("service_case")
    with op.batch_alter_table("roster_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_roster_entry_window_day")
        batch_op.drop_index("ix_roster_entry_staff_day")

    op.drop_table("roster_entry")
    op.drop_table("staff")
    op.drop_table("service_window")
    op.drop_table("item")
    op.drop_table("setting")
    op.drop_table("operator")
    op.drop_table("department")
    op.drop_table("secret")
    op.drop_table("hall")
    op.drop_table("calendar_override")
