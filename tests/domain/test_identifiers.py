from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hallmonitor.domain.identifiers import (
    CREDIT_CODE_ALPHABET,
    InvalidIdentifier,
    credit_code_check_char,
    id_card_check_char,
    is_id_card,
    keyed_hash,
    mask_id_card,
    mask_identifiers,
    normalise,
    validate_credit_code,
    validate_id_card,
)

# --- ID card numbers --------------------------------------------------------

# The worked example in GB 11643-1999.
STANDARD_EXAMPLE = "11010519491231002X"


def test_standard_example_check_char():
    assert id_card_check_char(STANDARD_EXAMPLE[:17]) == "X"


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        ("11010519491231002", "X"),
        ("44030419900101001", "1"),
        ("31011519800229123", "5"),  # sum 227, 227 % 11 == 7; 1980 was a leap year
        ("51010420001231001", "2"),  # sum 131, 131 % 11 == 10
    ],
)
def test_check_chars_worked_by_hand(first17, check):
    # Weighted sums worked out by hand, then indexed into "10X98765432".
    assert id_card_check_char(first17) == check
    assert validate_id_card(first17 + check) == first17 + check


def test_check_char_sum_for_standard_example():
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(STANDARD_EXAMPLE[:17], weights, strict=True))
    assert total == 167
    assert "10X98765432"[total % 11] == "X"


@pytest.mark.parametrize(
    "typed",
    [
        "11010519491231002x",
        " 110105 19491231 002X ",
        "１１０１０５１９４９１２３１００２ｘ",  # full-width, as an input method types it
        "110105\u300019491231002X",
    ],
)
def test_validate_id_card_normalises(typed):
    assert validate_id_card(typed) == STANDARD_EXAMPLE


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "为空"),
        ("   ", "为空"),
        ("11010519491231002", "应为18位，实际为17位"),
        ("110105194912310020X", "实际为19位"),
        ("1101051949123100AX", "第17位“A”不是数字"),
        ("11010519491231002Y", "第18位“Y”应为数字或X"),
        ("110105194902300021", "出生日期1949-02-30不存在"),
        ("110105194913010021", "出生日期1949-13-01不存在"),
        ("110105190002290021", "出生日期1900-02-29不存在"),  # 1900 was not a leap year
        ("110105194912310021", "校验位应为 X，实际为 1"),
    ],
)
def test_validate_id_card_explains_what_is_wrong(value, fragment):
    with pytest.raises(InvalidIdentifier) as info:
        validate_id_card(value)
    assert fragment in str(info.value)


def test_invalid_identifier_is_a_value_error():
    with pytest.raises(ValueError):
        validate_id_card("123")


@pytest.mark.parametrize(
    "bad", ["", "1101051949123100", "1101051949123100A", "１１０１０５１９４９１２３１００２"]
)
def test_id_check_char_rejects_bad_prefix(bad):
    with pytest.raises(InvalidIdentifier):
        id_card_check_char(bad)


birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def id_prefixes(draw) -> str:
    region = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
    born = draw(birth_dates)
    sequence = draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    return f"{region}{born:%Y%m%d}{sequence}"


@given(id_prefixes())
def test_appending_check_char_validates(prefix):
    number = prefix + id_card_check_char(prefix)
    assert validate_id_card(number) == number
    assert validate_id_card(number.lower()) == number


@given(id_prefixes(), st.integers(min_value=0, max_value=17), st.sampled_from("0123456789XA*"))
def test_any_single_change_is_caught(prefix, position, replacement):
    number = prefix + id_card_check_char(prefix)
    changed = number[:position] + replacement + number[position + 1 :]
    if changed == number:
        return
    with pytest.raises(InvalidIdentifier):
        validate_id_card(changed)


@given(id_prefixes())
def test_masking_never_reveals_birth_date_or_sequence(prefix):
    number = prefix + id_card_check_char(prefix)
    masked = mask_id_card(number)
    assert len(masked) == 18
    assert masked[6:14] == "********"
    assert masked[:6] == number[:6]
    assert masked[-4:] == number[-4:]


# --- masking ------------------------------------------------------------------


def test_mask_example():
    assert mask_id_card(STANDARD_EXAMPLE) == "110105********002X"
    assert mask_id_card("110105 19491231 002x") == "110105********002X"


def test_mask_old_fifteen_digit_number_hides_birth_date():
    assert mask_id_card("110105491231002") == "110105******002"


@pytest.mark.parametrize(
    ("value", "expected"), [("", ""), ("1234567", "*******"), ("AB123456CD", "AB******CD")]
)
def test_mask_unknown_shapes_never_raise(value, expected):
    assert mask_id_card(value) == expected


@given(st.text(max_size=30))
def test_mask_never_raises_and_hides_the_middle(value):
    masked = mask_id_card(value)
    assert len(masked) == len(normalise(value))
    assert masked.count("*") >= min(len(masked), 4)


# --- credit codes ---------------------------------------------------------------


def test_credit_code_example():
    assert credit_code_check_char("91350100M000100Y4") == "3"
    assert validate_credit_code("91350100M000100Y43") == "91350100M000100Y43"
    assert validate_credit_code(" 91350100m000100y43") == "91350100M000100Y43"


def test_credit_code_sum_worked_by_hand():
    values = [CREDIT_CODE_ALPHABET.index(c) for c in "91350100M000100Y4"]
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(v * w for v, w in zip(values, weights, strict=True))
    assert (31 - total % 31) % 31 == 3


def test_credit_code_check_char_can_be_a_letter():
    assert credit_code_check_char("91110000100000000") == "R"
    assert validate_credit_code("91110000100000000R") == "91110000100000000R"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("", "为空"),
        ("91350100M000100Y4", "应为18位，实际为17位"),
        ("91350100M000100I43", "第16位“I”不是合法字符"),
        ("91350100O000100Y43", "第9位“O”不是合法字符"),
        ("91350100M000100Y48", "校验位应为 3，实际为 8"),
    ],
)
def test_validate_credit_code_explains_what_is_wrong(value, fragment):
    with pytest.raises(InvalidIdentifier) as info:
        validate_credit_code(value)
    assert fragment in str(info.value)


credit_prefixes = st.text(alphabet=CREDIT_CODE_ALPHABET, min_size=17, max_size=17)


@given(credit_prefixes)
def test_credit_code_with_computed_check_validates(prefix):
    code = prefix + credit_code_check_char(prefix)
    assert validate_credit_code(code.lower()) == code


@given(
    credit_prefixes, st.integers(min_value=0, max_value=17), st.sampled_from(CREDIT_CODE_ALPHABET + "IOSVZ-")
)
def test_any_single_change_to_a_credit_code_is_caught(prefix, position, replacement):
    code = prefix + credit_code_check_char(prefix)
    changed = code[:position] + replacement + code[position + 1 :]
    if changed == code:
        return
    with pytest.raises(InvalidIdentifier):
        validate_credit_code(changed)


# --- keyed hash -------------------------------------------------------------------


def test_keyed_hash_matches_the_same_number_however_typed():
    key = b"hall-secret"
    assert keyed_hash(STANDARD_EXAMPLE, key) == keyed_hash(" 110105 19491231002x", key)
    assert len(keyed_hash(STANDARD_EXAMPLE, key)) == 64


def test_keyed_hash_depends_on_key_and_value():
    assert keyed_hash(STANDARD_EXAMPLE, b"a") != keyed_hash(STANDARD_EXAMPLE, b"b")
    assert keyed_hash(STANDARD_EXAMPLE, b"a") != keyed_hash("440304199001010011", b"a")
    assert STANDARD_EXAMPLE not in keyed_hash(STANDARD_EXAMPLE, b"a")


def test_keyed_hash_is_standard_hmac_sha256():
    import hashlib
    import hmac

    expected = hmac.new(b"k", STANDARD_EXAMPLE.encode(), hashlib.sha256).hexdigest()
    assert keyed_hash(STANDARD_EXAMPLE.lower(), b"k") == expected


def test_keyed_hash_refuses_empty_key():
    with pytest.raises(ValueError):
        keyed_hash(STANDARD_EXAMPLE, b"")


# --- numbers hidden in free text ----------------------------------------------------

#: A valid ID number (GB 11643 check character 8) written the ways clerks write it into free text.
HIDDEN = "370104195508301208"
HIDDEN_MASK = "370104********1208"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (HIDDEN, HIDDEN_MASK),
        ("张三370104195508301208", f"张三{HIDDEN_MASK}"),
        ("身份证:370104 19550830 1208", f"身份证:{HIDDEN_MASK}"),
        ("身份证号码：370104-1955-0830-1208", f"身份证号码：{HIDDEN_MASK}"),
        ("３７０１０４１９５５０８３０１２０８", HIDDEN_MASK),
        ("370 104 195 508 301 208", HIDDEN_MASK),
        ("370104\u300019550830\u30001208（本人）", f"{HIDDEN_MASK}（本人）"),
        ("ID370104195508301208号", f"ID{HIDDEN_MASK}号"),
        ("11010519491231002x的材料", "110105********002X的材料"),
        ("电话 1234 370104 19550830 1208", f"电话 1234 {HIDDEN_MASK}"),
        ("某某公司（91350100M000100Y43）反映", "某某公司（913501********0Y43）反映"),
    ],
)
def test_id_numbers_in_free_text_are_masked_however_written(typed, expected):
    assert mask_identifiers(typed) == (expected, 1)


@pytest.mark.parametrize(
    "text",
    [
        "2026-05-06 09:30 A01窗口 13800138000",
        "110105194912310021",  # wrong check digit: not an ID number, in free text left alone
        "37010419550830120812",  # 20 digits: an account number, not an ID number
        "SC-0001 企业设立登记",
        "",
    ],
)
def test_free_text_without_an_id_number_is_left_alone(text):
    assert mask_identifiers(text) == (text, 0)


def test_credit_codes_can_be_left_alone():
    assert mask_identifiers("91350100M000100Y43", credit_codes=False) == ("91350100M000100Y43", 0)


def test_echoed_text_masks_every_id_shape_right_or_wrong():
    assert mask_identifiers("110105194912310021", shape_only=True) == ("110105********0021", 1)
    assert mask_identifiers("9370104195508301208", shape_only=True)[0] == "93***************08"


def test_two_numbers_are_two_masks():
    text = f"{HIDDEN}、11010519491231002X"
    assert mask_identifiers(text) == (f"{HIDDEN_MASK}、110105********002X", 2)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (HIDDEN, True),
        ("370104-1955-0830-1208", True),
        (" ３７０１０４１９５５０８３０１２０８ ", True),
        ("110105194912310021", False),
        ("2026-000001", False),
        ("H001-20260506-0001", False),
        ("", False),
    ],
)
def test_is_id_card_sees_through_spacing(value, expected):
    assert is_id_card(value) is expected


separators = st.sampled_from(["", " ", "-", "\u3000", " - ", "."])
surroundings = st.text(alphabet="申请人张三李四公司：:（）() ，,号码身份证", max_size=8)


@given(
    id_prefixes(), st.lists(separators, min_size=17, max_size=17), surroundings, surroundings, st.booleans()
)
def test_no_written_form_of_an_id_number_survives_masking(prefix, gaps, before, after, wide):
    number = prefix + id_card_check_char(prefix)
    if wide:
        number = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in number)
    written = "".join(c + gap for c, gap in zip(number, [*gaps, ""], strict=True))
    masked, count = mask_identifiers(before + written + after)
    assert count >= 1
    assert not any(ch.isdigit() for ch in masked[len(before) :][6:14])
    assert "*" * 8 in masked
    assert mask_identifiers(masked) == (masked, 0)  # masking twice changes nothing more
