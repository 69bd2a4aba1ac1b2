"""The case form's text fields: control characters and overlong text refused, ID numbers kept out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from hallmonitor.domain.enums import ApplicantType, CaseStatus
from hallmonitor.services.cases import (
    CaseFilter,
    CaseInput,
    InvalidCaseInput,
    add_special_period,
    case_detail,
    case_id_of,
    complete_case,
    correct_case,
    count_cases,
    fetch_cases,
    register_case,
    void_case,
)
from hallmonitor.services.hall import ServiceError
from hallmonitor.storage.models import Case, CaseEvent, SpecialPeriod
from tests.support.case_seed import seed_hall
from tests.support.import_files import snapshot

NOW = datetime(2026, 5, 11, 10, 0)
HIDDEN = "370104195508301208"
MASK = "370104********1208"


def entry(**changes: object) -> CaseInput:
    base = CaseInput(
        window_number="01",
        item_code="SC001",
        applicant_type=ApplicantType.ENTERPRISE,
        applicant_name="某某科技有限公司",
        received_at=datetime(2026, 5, 11, 9, 30),
    )
    return replace(base, **changes)


@pytest.fixture
def seeded(hall):
    return seed_hall(hall)


@pytest.mark.parametrize(
    "name",
    [
        f"张三{HIDDEN}",
        "张三 身份证:370104 19550830 1208",
        "张三（370104-1955-0830-1208）",
        "张三３７０１０４１９５５０８３０１２０８",
    ],
)
def test_an_id_number_typed_into_the_name_is_masked_and_the_history_says_so(hall, seeded, name) -> None:
    case_id = register_case(hall, entry(applicant_name=name), now=NOW)
    detail = case_detail(hall, case_id, as_of=NOW.date())
    assert MASK in detail.applicant_name and HIDDEN not in detail.applicant_name
    assert detail.history[0].note.endswith("（已遮盖 1 处疑似证件号）")


@pytest.mark.parametrize(("field", "attr"), [("case_no", "case_no"), ("bundle_key", "bundle_key")])
@pytest.mark.parametrize("written", [HIDDEN, "370104 19550830 1208", "３７０１０４１９５５０８３０１２０８"])
def test_an_id_number_is_refused_as_a_case_or_bundle_number(hall, seeded, field, attr, written) -> None:
    before = snapshot(hall)
    with pytest.raises(InvalidCaseInput) as info:
        register_case(hall, entry(**{attr: written}), now=NOW)
    assert info.value.field == field
    assert "身份证号码，不能用作编号" in str(info.value)
    assert snapshot(hall) == before


@pytest.mark.parametrize(
    ("attr", "field", "value"),
    [
        ("window_number", "window", "0\x001"),
        ("item_code", "item", "SC\x1b[2J001"),
        ("applicant_name", "applicant_name", "某某\n第二行"),
        ("applicant_name", "applicant_name", "某\u202e某"),
        ("approver_no", "approver", "G\x00001"),
        ("case_no", "case_no", "C\r1"),
        ("applicant_name", "applicant_name", "长" * 201),
        ("window_number", "window", "0" * 21),
    ],
)
def test_control_characters_and_overlong_text_are_refused_naming_the_field(hall, seeded, attr, field, value):
    before = snapshot(hall)
    with pytest.raises(InvalidCaseInput) as info:
        register_case(hall, entry(**{attr: value}), now=NOW)
    assert info.value.field == field
    message = str(info.value)
    assert len(message.splitlines()) == 1 and "\x1b" not in message and "\x00" not in message
    assert snapshot(hall) == before


def test_an_unknown_window_is_named_safely(hall, seeded) -> None:
    with pytest.raises(InvalidCaseInput) as info:
        register_case(hall, entry(window_number=HIDDEN), now=NOW)
    assert str(info.value) == f"窗口 {MASK} 不存在。"


def test_notes_and_reasons_are_masked_too(hall, seeded) -> None:
    case_id = register_case(hall, entry(), now=NOW)
    add_special_period(hall, case_id, date(2026, 5, 12), date(2026, 5, 13), f"听证，当事人{HIDDEN}", now=NOW)
    complete_case(hall, case_id, datetime(2026, 5, 15, 9, 0), f"本人{HIDDEN}领取", now=NOW)
    correct_case(hall, case_id, {"trips": 2}, f"申请人{HIDDEN}补交材料", now=NOW)
    void_case(hall, case_id, f"与{HIDDEN}的重复", now=NOW)
    with hall.db.session() as session:
        texts = [
            *session.scalars(select(CaseEvent.note).where(CaseEvent.case_id == case_id)),
            *session.scalars(select(CaseEvent.reason).where(CaseEvent.case_id == case_id)),
            *session.scalars(select(SpecialPeriod.reason)),
            *session.scalars(select(Case.void_reason)),
        ]
    assert not any(HIDDEN in t for t in texts), texts
    assert sum(MASK in t for t in texts) >= 5


def test_a_case_is_found_by_number_whatever_is_typed(hall, seeded) -> None:
    with pytest.raises(ServiceError) as info:
        case_id_of(hall, "C\x001")
    assert "\x00" not in str(info.value)


def test_the_search_box_ignores_control_characters(hall, seeded) -> None:
    case_id = register_case(hall, entry(applicant_name="某某科技有限公司"), now=NOW)
    found = fetch_cases(hall, CaseFilter(text="某某\x00科技", as_of=NOW.date()))
    assert [row.id for row in found] == [case_id]
    assert count_cases(hall, CaseFilter(text="\x00\u202e", as_of=NOW.date())) == 1
    assert found[0].status is CaseStatus.ACCEPTED
