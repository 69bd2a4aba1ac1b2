"""Random text in the case form and the search box: a saved case or one short sentence, never an exception."""

from __future__ import annotations

import contextlib
import re
from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallmonitor.domain.enums import ApplicantType, ApprovalPlace, CaseStatus
from hallmonitor.domain.identifiers import validate_id_card
from hallmonitor.reports.imports import control_char
from hallmonitor.services.cases import (
    CaseFilter,
    CaseInput,
    case_detail,
    check_applicant_id,
    count_cases,
    fetch_cases,
    register_case,
)
from hallmonitor.services.cases.query import SORT_KEYS
from hallmonitor.services.hall import HallContext, ServiceError
from tests.support.case_seed import seed_hall
from tests.support.import_files import snapshot

NOW = datetime(2026, 5, 11, 10, 0)
CONTROLS = ["\x00", "\x1b[2J", "\n", "\r", "\t", "\u202e", "\u2028", "\x7f", "\ufeff", "\u200b"]
ID_SHAPES = [
    "370104195508301208",
    "370104 19550830 1208",
    "３７０１０４１９５５０８３０１２０８",
    "11010519491231002x",
]
_RUN = re.compile(r"(?:\d[\s\-\u3000.]{0,3}){17}[\dXx]")
FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def valid_ids_in(text: str) -> list[str]:
    found = []
    for match in _RUN.finditer(text):
        with contextlib.suppress(ValueError):
            found.append(validate_id_card(re.sub(r"[\s\-\u3000.]", "", match.group())))
    return found


def hostile(good: str) -> st.SearchStrategy[str]:
    """What may land in a field whose good value is ``good``: a pasted mess, an ID number, nothing."""
    return st.one_of(
        st.text(max_size=40),
        st.builds(lambda c, n: c * n, st.characters(), st.integers(41, 2000)),
        st.builds(lambda text, control: text + control, st.just(good), st.sampled_from(CONTROLS)),
        st.sampled_from(ID_SHAPES),
        st.builds(lambda shape: good + shape, st.sampled_from(ID_SHAPES)),
        st.just(""),
    )


GOOD = CaseInput(
    window_number="01",
    item_code="SC001",
    applicant_type=ApplicantType.ENTERPRISE,
    applicant_name="某某科技有限公司",
    received_at=datetime(2026, 5, 11, 9, 30),
)
TEXT_FIELDS = (
    "window_number",
    "item_code",
    "applicant_name",
    "applicant_id",
    "approver_no",
    "case_no",
    "bundle_key",
)


@st.composite
def entries(draw: st.DrawFn) -> CaseInput:
    """A good entry with up to three of its fields spoilt, so that both outcomes are common."""
    changes: dict[str, object] = {}
    for field in draw(st.lists(st.sampled_from(TEXT_FIELDS), max_size=3, unique=True)):
        changes[field] = draw(hostile(str(getattr(GOOD, field))))
    if draw(st.booleans()):
        changes["applicant_type"] = draw(st.sampled_from(ApplicantType))
        changes["approval_place"] = draw(st.one_of(st.none(), st.sampled_from(ApprovalPlace)))
        changes.setdefault("approver_no", "G001")
    if draw(st.integers(0, 4)) == 0:
        changes["received_at"] = draw(st.datetimes())
    if draw(st.integers(0, 4)) == 0:
        changes["trips"] = draw(st.integers(min_value=-(2**63), max_value=2**63))
    return replace(GOOD, **changes)  # type: ignore[arg-type]


#: A date picker's range runs to the ends of the calendar.
picked_days = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max]))


def assert_one_clean_line(message: str) -> None:
    assert len(message.splitlines()) == 1 and len(message) <= 200, message
    assert control_char(message) is None, message
    assert valid_ids_in(message) == [], message


@pytest.fixture
def seeded(sqlite_hall: HallContext) -> HallContext:
    seed_hall(sqlite_hall)
    return sqlite_hall


@FAST
@given(applicant_type=st.sampled_from(ApplicantType), text=st.one_of(st.text(), hostile("")))
def test_the_id_check_on_every_keystroke_never_raises(applicant_type: ApplicantType, text: str) -> None:
    problem = check_applicant_id(applicant_type, text)
    if problem is not None:
        assert_one_clean_line(problem)


def test_the_case_form_saves_or_says_one_sentence_and_changes_nothing(seeded: HallContext) -> None:
    @FAST
    @given(data=entries())
    def attempt(data: CaseInput) -> None:
        before = snapshot(seeded)
        try:
            case_id = register_case(seeded, data, now=NOW)
        except ServiceError as exc:
            assert_one_clean_line(str(exc))
            assert snapshot(seeded) == before
        else:
            stored = case_detail(seeded, case_id, as_of=NOW.date())
            assert [
                t for t in (stored.applicant_name, stored.case_no, stored.bundle_key) if valid_ids_in(t)
            ] == []

    attempt()


def test_the_search_box_takes_any_text(seeded: HallContext) -> None:
    register_case(
        seeded,
        CaseInput("01", "SC001", ApplicantType.ENTERPRISE, "某某科技有限公司", datetime(2026, 5, 11, 9, 30)),
        now=NOW,
    )

    @FAST
    @given(
        text=st.one_of(st.text(), hostile("某某"), hostile("H001-")),
        sort_key=st.sampled_from(SORT_KEYS),
        descending=st.booleans(),
        days=st.tuples(picked_days, picked_days),
        status=st.one_of(st.none(), st.sampled_from(CaseStatus)),
    )
    def attempt(
        text: str,
        sort_key: str,
        descending: bool,
        days: tuple[date | None, date | None],
        status: CaseStatus | None,
    ) -> None:
        chosen = CaseFilter(
            received_from=days[0], received_to=days[1], status=status, text=text, as_of=NOW.date()
        )
        total = count_cases(seeded, chosen)
        page = fetch_cases(seeded, chosen, sort_key, descending, 0, 50)
        assert len(page) == min(total, 50)
        assert count_cases(seeded, replace(chosen, text=text + "\x00")) == total

    attempt()
