"""No lost updates between PCs: each edited row counts its changes, and a save names the count it saw.

A supervisor's save says which version of the row it was based on; the row
moves on to the next version in the same transaction, by a conditional UPDATE,
so of two PCs saving the same row (one after the other, or at the same moment)
only one gets through and the other is told who changed it and when.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from hallmonitor.domain.texts import say
from hallmonitor.services.hall.context import ServiceError


class StaleRecord(ServiceError):
    """The row changed after the person loaded it; nothing of the save was written."""


def claim_version(session: Session, model: Any, row: Any, expected: int | None) -> bool:
    """Move ``row`` to its next version if it is still at ``expected`` (its loaded version when None)."""
    seen = row.version if expected is None else expected
    result = session.execute(
        update(model)
        .where(model.id == row.id, model.version == seen)
        .values(version=seen + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)


def stale_sentence(what: str, by: str | None, at: datetime | None) -> str:
    """E.g. "窗口 3 已被 张三 于 12-01 10:42 修改，本次保存未写入；已显示最新内容，请在其上再改。".

    ``what`` names the record as a sentence's subject ("窗口 3", "Window 3").
    """
    if by and at:
        return say(
            "{what} was changed by {by} at {at:%m-%d %H:%M}, so this save was not written. The latest "
            "content is shown: make your change on it again.",
            what=what,
            by=by,
            at=at,
        )
    return say(
        "{what} was changed on another PC, so this save was not written. The latest content is shown: "
        "make your change on it again.",
        what=what,
    )
