"""前店后厂: the window only receives, the approval is made back in the department.

The directive wants items approved at the window, in the hall. A case is
flagged on evidence that says otherwise; a flag is only a suspicion until a
supervisor reviews it, so every review needs a written note that can be shown
to the department later.
"""

from __future__ import annotations

from dataclasses import dataclass

from hallmonitor.domain.enums import ApprovalPlace, FlagState, FrontShopReason
from hallmonitor.domain.texts import say


def note_required() -> str:
    return say("A review's conclusion needs a note explaining it.")


def cannot_return_to_pending() -> str:
    return say("A reviewed flag cannot go back to awaiting review.")


#: Review decisions allowed from each state. A re-review may turn a confirmed
#: flag into a dismissed one and back, but a flag is never un-reviewed.
_ALLOWED: dict[FlagState, frozenset[FlagState]] = {
    FlagState.PENDING: frozenset({FlagState.CONFIRMED, FlagState.DISMISSED}),
    FlagState.CONFIRMED: frozenset({FlagState.DISMISSED}),
    FlagState.DISMISSED: frozenset({FlagState.CONFIRMED}),
}


@dataclass(frozen=True)
class ApprovalFacts:
    """What the case records say about where and by whom a case was approved."""

    #: The case has an approval time.
    approved: bool
    approval_place: ApprovalPlace | None
    #: Whether the approver was present at any window of the hall that day;
    #: None when no approver is recorded, which alone is not evidence.
    approver_present_in_hall: bool | None
    #: The item is authorised for approval at the window (授权到位).
    window_may_approve: bool


def front_shop_reasons(facts: ApprovalFacts) -> tuple[FrontShopReason, ...]:
    """Every piece of evidence of 前店后厂 for one case; empty means not flagged.

    A case not yet approved cannot have been approved in the back office, so
    it is never flagged. All reasons found are returned, in a fixed order, so
    the supervisor sees the full picture in one flag.
    """
    if not facts.approved:
        return ()
    reasons: list[FrontShopReason] = []
    if facts.approval_place is ApprovalPlace.BACK_OFFICE:
        reasons.append(FrontShopReason.BACK_OFFICE_APPROVAL)
    if facts.approver_present_in_hall is False:
        reasons.append(FrontShopReason.APPROVER_NOT_IN_HALL)
    if not facts.window_may_approve:
        reasons.append(FrontShopReason.WINDOW_NOT_AUTHORISED)
    return tuple(reasons)


def review(current: FlagState, decision: FlagState, note: str) -> FlagState:
    """The flag's state after a supervisor's review.

    Raises ValueError with a sentence fit to show the supervisor when the note
    is blank or the decision is not allowed from the current state.
    """
    if not note.strip():
        raise ValueError(note_required())
    if decision is FlagState.PENDING:
        raise ValueError(cannot_return_to_pending())
    if decision not in _ALLOWED[current]:
        raise ValueError(
            say("The flag is already “{state}”: there is no need to review it again.", state=current.value)
        )
    return decision
