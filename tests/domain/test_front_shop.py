from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from hallmonitor.domain.enums import ApprovalPlace, FlagState, FrontShopReason
from hallmonitor.domain.front_shop import (
    ApprovalFacts,
    cannot_return_to_pending,
    front_shop_reasons,
    note_required,
    review,
)

CLEAN = ApprovalFacts(
    approved=True,
    approval_place=ApprovalPlace.WINDOW,
    approver_present_in_hall=True,
    window_may_approve=True,
)


def facts(**changes: object) -> ApprovalFacts:
    return replace(CLEAN, **changes)


class TestReasons:
    def test_approved_at_the_window_by_someone_present_is_not_flagged(self) -> None:
        assert front_shop_reasons(CLEAN) == ()

    def test_back_office_approval(self) -> None:
        assert front_shop_reasons(facts(approval_place=ApprovalPlace.BACK_OFFICE)) == (
            FrontShopReason.BACK_OFFICE_APPROVAL,
        )

    def test_approver_not_in_the_hall(self) -> None:
        assert front_shop_reasons(facts(approver_present_in_hall=False)) == (
            FrontShopReason.APPROVER_NOT_IN_HALL,
        )

    def test_no_approver_recorded_is_not_evidence_by_itself(self) -> None:
        assert front_shop_reasons(facts(approver_present_in_hall=None)) == ()

    def test_unknown_place_is_not_evidence_by_itself(self) -> None:
        assert front_shop_reasons(facts(approval_place=None)) == ()

    def test_approved_although_the_window_may_not_approve(self) -> None:
        assert front_shop_reasons(facts(window_may_approve=False)) == (FrontShopReason.WINDOW_NOT_AUTHORISED,)

    def test_all_reasons_together_in_a_fixed_order(self) -> None:
        worst = facts(
            approval_place=ApprovalPlace.BACK_OFFICE, approver_present_in_hall=False, window_may_approve=False
        )
        assert front_shop_reasons(worst) == (
            FrontShopReason.BACK_OFFICE_APPROVAL,
            FrontShopReason.APPROVER_NOT_IN_HALL,
            FrontShopReason.WINDOW_NOT_AUTHORISED,
        )

    @pytest.mark.parametrize(
        ("place", "present", "may_approve"),
        list(itertools.product([None, *ApprovalPlace], [None, True, False], [True, False])),
    )
    def test_unapproved_cases_are_never_flagged(
        self, place: ApprovalPlace | None, present: bool | None, may_approve: bool
    ) -> None:
        unapproved = ApprovalFacts(
            approved=False,
            approval_place=place,
            approver_present_in_hall=present,
            window_may_approve=may_approve,
        )
        assert front_shop_reasons(unapproved) == ()


class TestReview:
    @pytest.mark.parametrize("decision", [FlagState.CONFIRMED, FlagState.DISMISSED])
    def test_pending_flag_is_confirmed_or_dismissed(self, decision: FlagState) -> None:
        assert review(FlagState.PENDING, decision, "审批人当日在部门办公，已核实") is decision

    def test_re_review_switches_between_confirmed_and_dismissed(self) -> None:
        assert (
            review(FlagState.CONFIRMED, FlagState.DISMISSED, "补充材料证明在窗口审批") is FlagState.DISMISSED
        )
        assert review(FlagState.DISMISSED, FlagState.CONFIRMED, "复核后确认") is FlagState.CONFIRMED

    @pytest.mark.parametrize("current", list(FlagState))
    def test_never_back_to_pending(self, current: FlagState) -> None:
        with pytest.raises(ValueError, match=cannot_return_to_pending()):
            review(current, FlagState.PENDING, "撤回")

    @pytest.mark.parametrize("state", [FlagState.CONFIRMED, FlagState.DISMISSED])
    def test_same_decision_twice_is_refused(self, state: FlagState) -> None:
        with pytest.raises(ValueError, match=state.value):
            review(state, state, "再次确认")

    @pytest.mark.parametrize("note", ["", "   ", "\n\t"])
    def test_a_note_is_required(self, note: str) -> None:
        with pytest.raises(ValueError, match=note_required()):
            review(FlagState.PENDING, FlagState.CONFIRMED, note)

    def test_messages_are_chinese_sentences(self) -> None:
        for message in (note_required(), cannot_return_to_pending()):
            assert message.endswith("。")
