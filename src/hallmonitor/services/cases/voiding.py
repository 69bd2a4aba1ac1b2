"""Voiding a case (作废): kept with its history, left out of every figure from then on.

A case entered twice, or entered at the wrong hall, must stop counting in the
week's figures, the charts and the rules, but a supervisor must still find it
and see who voided it and why; so nothing is deleted. Finding a case by its
number is here too, for the command line.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.texts import say
from hallmonitor.services.cases.corrections import VOIDED, claim_case
from hallmonitor.services.cases.entry import NOTE_LIMIT
from hallmonitor.services.cases.texts import checked, free_text, shown
from hallmonitor.services.cases.view import load_case
from hallmonitor.services.hall import HallContext, ServiceError, facts_changed
from hallmonitor.storage.models import Case, CaseEvent


def void_case(
    ctx: HallContext,
    case_id: int,
    reason: str,
    *,
    now: datetime | None = None,
    expected_version: int | None = None,
) -> None:
    """Void the case with a reason; the rules judge again from its receipt.

    The rules then leave it out: its overdue and 多次跑动 occurrences and its
    前店后厂 flag (which stays, reviewed or not, as part of its history) no
    longer count, so the window's alerts lose them at the next rules run.
    """
    ctx.require(Permission.ENTER_CASES, say("void a case"))
    reason, _masked = free_text(reason, say("Void reason"), NOTE_LIMIT)
    if not reason:
        raise ServiceError(say("Enter the reason for voiding the case."))
    now = now or datetime.now()
    with ctx.db.session() as session:
        case = load_case(session, ctx, case_id)
        claim_case(session, case, expected_version)
        if case.voided_at is not None:
            raise ServiceError(
                say(
                    "Case {case_no} was voided at {at}.",
                    case_no=case.case_no,
                    at=f"{case.voided_at:%Y-%m-%d %H:%M}",
                )
            )
        case.voided_at = now
        case.void_reason = reason
        session.add(
            CaseEvent(
                case_id=case.id, at=now, actor=ctx.actor.name, action=VOIDED, note=reason, reason=reason
            )
        )
        facts_changed(session, ctx.hall_id, case.received_at)


def case_id_of(ctx: HallContext, case_no: str) -> int:
    """The id of the hall's case with this number; a sentence naming the number when there is none."""
    number = checked(case_no, say("Case number"), 64)
    with ctx.db.session() as session:
        found = session.scalar(select(Case.id).where(Case.hall_id == ctx.hall_id, Case.case_no == number))
    if found is None:
        raise ServiceError(say("No case has the number {case_no}.", case_no=shown(number)))
    return found
