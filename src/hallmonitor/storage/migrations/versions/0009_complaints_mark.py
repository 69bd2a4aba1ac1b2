"""the rules' mark remembers from when complaints changed, apart from every other fact

Importing a hundred complaints had the next rules run judge every rule again
from the oldest of them: the staffing ladder, the case cards, 前店后厂 and the
挂名 judgement of every session since, some seconds on a hall of a million
cases, where only the complaint cards read complaints. ``complaints_from``
holds the date a complaint change needs judging from; ``dirty_from`` keeps
every other fact's. An existing mark has none: nothing to judge again.

Revision ID: 0009
Revises: 0008
Create Date: 2027-03-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("rules_mark", sa.Column("complaints_from", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rules_mark") as batch:
        batch.drop_column("complaints_from")
