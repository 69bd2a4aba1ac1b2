"""What the rules derive from a hall's facts, in a form two databases can be compared by.

Ids differ between two databases that reached the same state by different
paths (a rolled-back insert may use up ids), so rows are named by what a
supervisor sees: case numbers, window numbers, dates and texts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from hallmonitor.storage.database import Database
from hallmonitor.storage.models import Alert, AlertOccurrence, Case, FrontShopFlag, RulesMark, Window


def derived_state(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Due dates, 前店后厂 flags, alerts and their occurrences, and how far the rules judged."""
    window = aliased(Window)
    with db.session() as session:
        due = session.execute(select(Case.case_no, Case.due_date).order_by(Case.case_no)).all()
        flags = session.execute(
            select(Case.case_no, FrontShopFlag.reasons, FrontShopFlag.state, FrontShopFlag.created_at)
            .join(Case, FrontShopFlag.case_id == Case.id)
            .order_by(Case.case_no)
        ).all()
        alerts = session.execute(
            select(
                window.number,
                Alert.kind,
                Alert.level,
                Alert.state,
                Alert.raised_at,
                Alert.deadline,
                Alert.summary,
                Alert.occurrence_count,
                Alert.closed_at,
            ).outerjoin(window, Alert.window_id == window.id)
        ).all()
        occurrences = session.execute(
            select(window.number, Alert.kind, AlertOccurrence.at, AlertOccurrence.detail)
            .join(Alert, AlertOccurrence.alert_id == Alert.id)
            .outerjoin(window, Alert.window_id == window.id)
        ).all()
        marks = session.execute(select(RulesMark.judged_until, RulesMark.dirty_from)).all()
    return {
        "due_dates": [tuple(r) for r in due],
        "flags": [tuple(r) for r in flags],
        "alerts": sorted((tuple(r) for r in alerts), key=repr),
        "occurrences": sorted((tuple(r) for r in occurrences), key=repr),
        "marks": [tuple(r) for r in marks],
    }
