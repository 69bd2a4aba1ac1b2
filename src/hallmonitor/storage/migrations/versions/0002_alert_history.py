"""alert history as a function of the facts

The rules keep a per-hall mark of how far they have judged (rules_mark) and
judge each moment by the settings in force then (rule_settings_version,
seeded here with each hall's current settings, in force from the start). An
occurrence names its case or complaint, now that one alert per window and kind
holds many of them. A window records when it was entered, so one added later
is not judged unstaffed over the months before it existed. Alerts raised under the old rules are regrouped by the
first rules run after this upgrade, since the rules, not a migration, know
how to judge them; no mark means that run judges the whole history.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import json
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: Settings saved before this upgrade count as in force from the beginning of every hall's records.
SINCE_EVER = datetime(2000, 1, 1)


def upgrade() -> None:
    mark = op.create_table(
        "rules_mark",
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("judged_until", sa.DateTime(), nullable=True),
        sa.Column("dirty_from", sa.DateTime(), nullable=True),
        sa.Column("dirty_seq", sa.Integer(), nullable=False),
        sa.Column("calendar_seq", sa.Integer(), nullable=False),
        sa.Column("due_dates_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_rules_mark_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("hall_id", name=op.f("pk_rules_mark")),
    )
    settings_version = op.create_table(
        "rule_settings_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hall_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.DateTime(), nullable=False),
        sa.Column("values", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["hall_id"], ["hall.id"], name=op.f("fk_rule_settings_version_hall_id_hall"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_settings_version")),
    )
    with op.batch_alter_table("rule_settings_version", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rule_settings_version_hall_from", ["hall_id", "effective_from"], unique=False
        )
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.create_index("ix_alert_hall_raised", ["hall_id", "raised_at"], unique=False)
        batch_op.create_index("ix_alert_hall_closed", ["hall_id", "closed_at"], unique=False)
    with op.batch_alter_table("service_window", schema=None) as batch_op:
        batch_op.add_column(sa.Column("created_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("alert_occurrence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("complaint_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_alert_occurrence_case_id_service_case"),
            "service_case",
            ["case_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_alert_occurrence_complaint_id_complaint"),
            "complaint",
            ["complaint_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(batch_op.f("ix_alert_occurrence_case_id"), ["case_id"], unique=False)
        batch_op.create_index("ix_alert_occurrence_alert_at", ["alert_id", "at"], unique=False)

    conn = op.get_bind()
    setting = sa.table("setting", sa.column("hall_id", sa.Integer), sa.column("key"), sa.column("value"))
    hall = sa.table("hall", sa.column("id", sa.Integer))
    halls = [hall_id for (hall_id,) in conn.execute(sa.select(hall.c.id).order_by(hall.c.id))]
    if halls:
        op.bulk_insert(
            mark,
            [
                {
                    "hall_id": h,
                    "judged_until": None,
                    "dirty_from": None,
                    "dirty_seq": 0,
                    "calendar_seq": 0,
                    "due_dates_seq": 0,
                }
                for h in halls
            ],
        )
    stored: dict[int, dict[str, str]] = {hall_id: {} for hall_id in halls}
    for hall_id, key, value in conn.execute(sa.select(setting.c.hall_id, setting.c.key, setting.c.value)):
        stored.setdefault(hall_id, {})[key] = value
    if stored:
        op.bulk_insert(
            settings_version,
            [
                {
                    "hall_id": hall_id,
                    "effective_from": SINCE_EVER,
                    "values": json.dumps(values, sort_keys=True),
                }
                for hall_id, values in sorted(stored.items())
            ],
        )


def downgrade() -> None:
    with op.batch_alter_table("alert_occurrence", schema=None) as batch_op:
        batch_op.drop_index("ix_alert_occurrence_alert_at")
        batch_op.drop_index(batch_op.f("ix_alert_occurrence_case_id"))
        batch_op.drop_constraint(batch_op.f("fk_alert_occurrence_complaint_id_complaint"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_alert_occurrence_case_id_service_case"), type_="foreignkey")
        batch_op.drop_column("complaint_id")
        batch_op.drop_column("case_id")
    with op.batch_alter_table("service_window", schema=None) as batch_op:
        batch_op.drop_column("created_at")
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_index("ix_alert_hall_closed")
        batch_op.drop_index("ix_alert_hall_raised")
    with op.batch_alter_table("rule_settings_version", schema=None) as batch_op:
        batch_op.drop_index("ix_rule_settings_version_hall_from")
    op.drop_table("rule_settings_version")
    op.drop_table("rules_mark")
