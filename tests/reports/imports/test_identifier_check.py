"""A case row's ID number or credit code is refused exactly when the domain's validator refuses it, with its sentence."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from hallmonitor.domain.identifiers import (
    CREDIT_CODE_ALPHABET,
    InvalidIdentifier,
    credit_code_check_char,
    id_card_check_char,
    validate_credit_code,
    validate_id_card,
)
from hallmonitor.reports.imports.rows import check_identifier


def _domain(is_person: bool, raw: str) -> str | None:
    try:
        (validate_id_card if is_person else validate_credit_code)(raw)
    except InvalidIdentifier as exc:
        return str(exc)
    return None


digits = st.text("0123456789", min_size=17, max_size=17)
#: Numbers near the right shape: a wrong check character, a month 13, full-width digits, a space, x.
near = st.text("0123456789Xx０１ ", min_size=16, max_size=19)


@given(digits)
def test_a_valid_id_number_passes(body: str) -> None:
    number = body + id_card_check_char(body)
    assert check_identifier(True, number) == _domain(True, number)


@given(digits, st.sampled_from("0123456789X"))
def test_a_plain_id_number_with_any_check_character_is_judged_as_the_domain_judges_it(
    body: str, last: str
) -> None:
    assert check_identifier(True, body + last) == _domain(True, body + last)


@given(near)
@example("11010519491231002X")
@example("11010519491231002x")
@example("110105194902300021")  # 30 February
@example("110105000001010011")  # the year 0
@example("11010519491231002Y")
@example("１10105194912310 02X")
def test_any_id_number_is_judged_as_the_domain_judges_it(raw: str) -> None:
    assert check_identifier(True, raw) == _domain(True, raw)


@given(st.text(CREDIT_CODE_ALPHABET, min_size=17, max_size=17))
def test_a_valid_credit_code_passes(body: str) -> None:
    code = body + credit_code_check_char(body)
    assert check_identifier(False, code) is None is _domain(False, code)


@given(st.text(CREDIT_CODE_ALPHABET, min_size=18, max_size=18))
def test_a_plain_credit_code_with_any_check_character_is_judged_as_the_domain_judges_it(code: str) -> None:
    assert check_identifier(False, code) == _domain(False, code)


@given(st.text(CREDIT_CODE_ALPHABET + "IOSVZa ", min_size=16, max_size=19))
@example("91350100M000100Y43")
@example("91350100M000100Y44")
@example("91350100m000100y43")
def test_any_credit_code_is_judged_as_the_domain_judges_it(raw: str) -> None:
    assert check_identifier(False, raw) == _domain(False, raw)
