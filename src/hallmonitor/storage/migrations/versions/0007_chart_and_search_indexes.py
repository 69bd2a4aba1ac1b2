"""The charts' counts read from covering indexes

The charts page counts weeks of a hall that may hold a million cases, and a
supervisor waits on it. Each count fetched every case of its range from the
table, one random read each, and sorted them to group them:

* the cases get an index by hall, item and receipt that holds every column the
  charts count by (voided, status, trips, completion, bundle): an item's cases
  of four weeks are one stretch of it, in the item's order, so the indicators
  and 前店后厂 by department read the index alone and sort nothing;
* the roster's index by window and day gains the session, the person and the
  attendance: which sessions had a formal civil servant present is read from
  it alone, in the order the chart groups them, and a window's first roster day
  is its first entry.

An index on the cases costs each new case one more entry; the roster's is
widened, not added.

Revision ID: 0007
Revises: 0006
Create Date: 2027-02-07
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: The charts' index on the cases: the hall, the item, the receipt, then what the charts count by.
ITEM_RECEIVED = [
    "hall_id",
    "item_id",
    "received_at",
    "voided_at",
    "status",
    "trips",
    "completed_at",
    "bundle_key",
]
ROSTER_BEFORE = ["window_id", "day"]
ROSTER_AFTER = ["window_id", "day", "session", "staff_id", "attendance"]


def upgrade() -> None:
    op.create_index("ix_service_case_item_received", "service_case", ITEM_RECEIVED, unique=False)
    op.drop_index("ix_roster_entry_window_day", table_name="roster_entry")
    op.create_index("ix_roster_entry_window_day", "roster_entry", ROSTER_AFTER, unique=False)


def downgrade() -> None:
    op.drop_index("ix_roster_entry_window_day", table_name="roster_entry")
    op.create_index("ix_roster_entry_window_day", "roster_entry", ROSTER_BEFORE, unique=False)
    op.drop_index("ix_service_case_item_received", table_name="service_case")
