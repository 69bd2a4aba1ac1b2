"""挂名 (nominal presence) reviews, and the new alert kind switched on where alerts are

A supervisor confirms or dismisses each suspected session of a 人员挂名 alert;
the reviews are appended to nominal_review, the last one of a session
deciding whether it counts as 仅辅助人员. A hall that saved its alert kinds
before 人员挂名 existed never chose to leave it out, so the kind is added to
the stored list (and to every stored version of the rule settings), as a hall
that never saved its settings gets it by default.

Revision ID: 0004
Revises: 0003
Create Date: 2027-01-10
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

KIND = "人员挂名"
KEY = "alerts_enabled"


def _with_kind(stored: str, add: bool) -> str:
    kinds = [k for k in stored.split(",") if k and k != KIND]
    if add:
        kinds.append(KIND)
    return ",".join(sorted(kinds))


def _alerts_enabled(add: bool) -> None:
    conn = op.get_bind()
    for row_id, value in conn.execute(
        sa.text("SELECT id, value FROM setting WHERE key = :key"), {"key": KEY}
    ):
        conn.execute(
            sa.text("UPDATE setting SET value = :value WHERE id = :id"),
            {"value": _with_kind(value, add), "id": row_id},
        )
    for row_id, values in conn.execute(sa.text('SELECT id, "values" FROM rule_settings_version')):
        stored = json.loads(values)
        if KEY not in stored:
            continue
        stored[KEY] = _with_kind(stored[KEY], add)
        conn.execute(
            sa.text('UPDATE rule_settings_version SET "values" = :values WHERE id = :id'),
            {"values": json.dumps(stored, sort_keys=True), "id": row_id},
        )


def upgrade() -> None:
    op.create_table(
        "nominal_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("session", sa.String(length=16), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alert.id"], name=op.f("fk_nominal_review_alert_id_alert"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_nominal_review_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["window_id"],
            ["service_window.id"],
            name=op.f("fk_nominal_review_window_id_service_window"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nominal_review")),
    )
    with op.batch_alter_table("nominal_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nominal_review_hall_id"), ["hall_id"], unique=False)
        batch_op.create_index("ix_nominal_review_window_day", ["window_id", "day"], unique=False)
    _alerts_enabled(add=True)


def downgrade() -> None:
    _alerts_enabled(add=False)
    with op.batch_alter_table("nominal_review", schema=None) as batch_op:
        batch_op.drop_index("ix_nominal_review_window_day")
        batch_op.drop_index(batch_op.f("ix_nominal_review_hall_id"))
    op.drop_table("nominal_review")
