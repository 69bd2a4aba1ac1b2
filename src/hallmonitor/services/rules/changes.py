"""A change and everything derived from it, committed in one transaction.

What a kill must never leave is facts without what follows from them: cases
without due dates, approvals without their 前店后厂 flag, a roster without the
alerts it raises. So every writer of facts writes, in the same transaction:

- the due dates of the cases it touches (a deadline is part of the case),
- the 前店后厂 flags of the approvals it touches,
- the rules' mark (``facts_changed``): from which date the alerts must be
  judged again.

Alerts are the one derived thing that also follows the clock (a case turns
超时 at midnight with nothing written), so the mark says how far they are
judged, and every reader of alerts (a session start, ``check``, ``export``,
the alert list and the board's monitor) first brings them up to date with
``run_rules``. That alone would make a kill safe, but an import or the demo
writes thousands of facts, and judging them again at every later start is
slow and shows a hall without its alerts until then; so those run the rules
inside their own transaction with ``one_change``: the facts, due dates, flags,
alerts and mark commit together or not at all, and a kill at any moment leaves
the database as it was before or as it is after.

On PostgreSQL the rules lock is taken before anything is written: a run of
another PC waiting on it must not hold a row this change will need, and this
change must not wait for that run while holding the rows it wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from hallmonitor.services.hall import HallContext
from hallmonitor.services.rules.engine import rules_lock

__all__ = ["one_change"]


@contextmanager
def one_change(ctx: HallContext) -> Iterator[Session]:
    """Every session opened inside, the rules run included, is one transaction of the hall's database."""
    with rules_lock(ctx), ctx.db.transaction() as session:
        yield session
