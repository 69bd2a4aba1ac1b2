"""the cases still open at a moment, read from one index however far back the moment is

A weekly report counts the cases still open at the week's end: received by
then, completed later or not yet. With the completion and the receipt in one
index (in place of the completion alone) that is one range of the index read
on its own; before, the database fetched every case completed since (a recent
week) or every case received before (an old one) to compare the other date:
seconds on a hall of a million cases.

Revision ID: 0005
Revises: 0004
Create Date: 2027-01-11
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_service_case_hall_completed_received",
        "service_case",
        ["hall_id", "completed_at", "received_at"],
        unique=False,
    )
    op.drop_index("ix_service_case_hall_completed", table_name="service_case")


def downgrade() -> None:
    op.create_index(
        "ix_service_case_hall_completed", "service_case", ["hall_id", "completed_at"], unique=False
    )
    op.drop_index("ix_service_case_hall_completed_received", table_name="service_case")
