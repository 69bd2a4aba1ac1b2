"""Personal ID numbers and unified social credit codes.

Clerks type these numbers by hand, often with a Chinese input method switched
on, so input is normalised first (full-width characters, spaces, lower-case x)
and only then checked; the check characters catch the usual single typo.
ID numbers are personal data: the app shows and exports them masked, and
matches the same person across cases by a keyed hash instead of the number.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable
from datetime import date

from hallmonitor.domain.texts import say

__all__ = [
    "CREDIT_CODE_ALPHABET",
    "InvalidIdentifier",
    "credit_code_check_char",
    "id_card_check_char",
    "is_id_card",
    "keyed_hash",
    "mask_id_card",
    "mask_identifiers",
    "normalise",
    "validate_credit_code",
    "validate_id_card",
]


class InvalidIdentifier(ValueError):
    """A number that cannot be right; the message tells the clerk what to fix."""


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_VALUES = {c: i for i, c in enumerate(CREDIT_CODE_ALPHABET)}

_ID_LENGTH = 18
_CREDIT_LENGTH = 18


def normalise(value: str) -> str:
    """Fold what input methods and copy-paste add without changing the number.

    NFKC turns full-width digits and letters into ASCII; whitespace anywhere is
    dropped because clerks group digits with spaces; case is folded upwards.
    """
    folded = unicodedata.normalize("NFKC", value)
    return "".join(folded.split()).upper()


def id_card_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits of an ID number."""
    if len(first17) != _ID_LENGTH - 1 or not _is_ascii_digits(first17):
        raise InvalidIdentifier(say("The check character needs the first 17 digits of an ID number"))
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def validate_id_card(value: str) -> str:
    """Return the normalised 18-character ID number, or raise InvalidIdentifier.

    The birth date is checked as well as the check character: a transposed
    month and day often keeps a plausible-looking number but no real date.
    """
    number = normalise(value)
    if not number:
        raise InvalidIdentifier(say("The ID number is empty"))
    if len(number) != _ID_LENGTH:
        raise InvalidIdentifier(
            say("An ID number has 18 characters; this one has {count}", count=len(number))
        )
    for position, char in enumerate(number[:-1], start=1):
        if not _is_ascii_digits(char):
            raise InvalidIdentifier(
                say(
                    "Character {position} of the ID number, “{char}”, is not a digit",
                    position=position,
                    char=char,
                )
            )
    last = number[-1]
    if not (_is_ascii_digits(last) or last == "X"):
        raise InvalidIdentifier(
            say("Character 18 of the ID number, “{char}”, must be a digit or X", char=last)
        )
    birth = number[6:14]
    try:
        date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
    except ValueError:
        raise InvalidIdentifier(
            say(
                "The date of birth {birth} in the ID number does not exist",
                birth=f"{birth[:4]}-{birth[4:6]}-{birth[6:]}",
            )
        ) from None
    expected = id_card_check_char(number[:-1])
    if last != expected:
        raise InvalidIdentifier(
            say(
                "The ID number's check character should be {expected}, not {actual}",
                expected=expected,
                actual=last,
            )
        )
    return number


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a credit code."""
    if len(first17) != _CREDIT_LENGTH - 1 or any(c not in _CREDIT_VALUES for c in first17):
        raise InvalidIdentifier(
            say("The check character needs the first 17 valid characters of a credit code")
        )
    total = sum(_CREDIT_VALUES[c] * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> str:
    """Return the normalised unified social credit code, or raise InvalidIdentifier.

    Only the GB 32100 check character is verified, not the embedded
    organisation code's own check: some codes issued to individual businesses
    carry organisation codes that would not pass it, and refusing a code the
    registration authority issued helps no one.
    """
    code = normalise(value)
    if not code:
        raise InvalidIdentifier(say("The unified social credit code is empty"))
    if len(code) != _CREDIT_LENGTH:
        raise InvalidIdentifier(
            say("A unified social credit code has 18 characters; this one has {count}", count=len(code))
        )
    for position, char in enumerate(code, start=1):
        if char not in _CREDIT_VALUES:
            raise InvalidIdentifier(
                say(
                    "Character {position} of the credit code, “{char}”, is not allowed (I, O, S, V and Z are not used)",
                    position=position,
                    char=char,
                )
            )
    expected = credit_code_check_char(code[:-1])
    if code[-1] != expected:
        raise InvalidIdentifier(
            say(
                "The credit code's check character should be {expected}, not {actual}",
                expected=expected,
                actual=code[-1],
            )
        )
    return code


def mask_id_card(number: str) -> str:
    """Hide the birth date and sequence so a screen or export cannot identify anyone.

    Never raises: masking runs while exporting old records, some of which hold
    15-digit numbers from before 1999 or plain typos, and those must not leak
    either. Unknown shapes keep at most two characters at each end.
    """
    text = normalise(number)
    length = len(text)
    if length == _ID_LENGTH:
        return text[:6] + "*" * 8 + text[-4:]
    if length == 15:
        return text[:6] + "*" * 6 + text[-3:]
    if length >= 8:
        return text[:2] + "*" * (length - 4) + text[-2:]
    return "*" * length


# --- numbers hidden in free text ---------------------------------------------------

#: Characters clerks put between the digits of a number they copy or read out: spaces
#: (also full-width and non-breaking), hyphens and dashes of every width, dots, slashes.
_SEPARATOR = "[ \t\u00a0\u3000\\-\u2010-\u2015\u2212\uff0d_.\u00b7\uff0e/\uff0f]"
_DIGIT = "0-9\uff10-\uff19"
_ALNUM = f"{_DIGIT}A-Za-z\uff21-\uff3a\uff41-\uff5a"
#: 17 digits then a digit or X, with up to three separators between any two of them and no
#: digit glued on either side (a 20-digit number is not an ID number; "ID370104…" still is).
_ID_SHAPE = re.compile(
    f"(?<![{_DIGIT}])(?:[{_DIGIT}]{_SEPARATOR}{{0,3}}){{17}}[{_DIGIT}Xx\\uff38\\uff58](?![{_DIGIT}])"
)
#: 18 letters and digits, spaced like an ID number, standing apart from other letters and digits.
_CREDIT_SHAPE = re.compile(f"(?<![{_ALNUM}])(?:[{_ALNUM}]{_SEPARATOR}{{0,3}}){{17}}[{_ALNUM}](?![{_ALNUM}])")
#: Any long run of digits, for text only echoed back: an old 15-digit ID number, a mangled one.
_LONG_DIGITS = re.compile(f"[{_DIGIT}]{{15,}}")
_SEPARATORS = re.compile(_SEPARATOR)


def _compact(candidate: str) -> str:
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", candidate)).upper()


def _valid_id(compact: str) -> bool:
    try:
        validate_id_card(compact)
    except InvalidIdentifier:
        return False
    return True


def _valid_credit_code(compact: str) -> bool:
    # Characters 3 to 8 are the region's six digits; all digits is far more often an order or
    # account number. Both keep runs of words ("Please call me at the…") from passing by chance.
    if compact.isdigit() or not compact[2:8].isdigit():
        return False
    try:
        validate_credit_code(compact)
    except InvalidIdentifier:
        return False
    return True


def is_id_card(value: str) -> bool:
    """Whether ``value`` is a valid personal ID number, however it is spaced, dashed or typed.

    Keys such as a case number must never be one: they are shown and exported whole.
    """
    text = value.strip()
    return len(text) <= 60 and _ID_SHAPE.fullmatch(text) is not None and _valid_id(_compact(text))


def mask_identifiers(text: str, *, shape_only: bool = False, credit_codes: bool = True) -> tuple[str, int]:
    """``text`` with every ID number (and credit code) in it masked, and how many were.

    Free text (a name, a complaint) is scanned for numbers that pass their check
    character, written whole, spaced, hyphenated, full-width or run into the
    words around them ("身份证:370104…"); each becomes its mask. ``shape_only``
    also masks every run merely shaped like one, for text that is only echoed
    back (an error message): a mistyped ID number is still someone's.
    """
    if len(text) < 15:
        return text, 0
    text, masked = _mask(text, _ID_SHAPE, _valid_id)
    if credit_codes:
        text, found = _mask(text, _CREDIT_SHAPE, _valid_credit_code)
        masked += found
    if shape_only:
        for pattern in (_ID_SHAPE, _LONG_DIGITS):
            text, found = _mask(text, pattern, None)
            masked += found
    return text, masked


def _mask(text: str, pattern: re.Pattern[str], valid: Callable[[str], bool] | None) -> tuple[str, int]:
    """Replace each match that ``valid`` accepts by its mask.

    A candidate that is not a number is skipped one character at a time, not
    whole: "1234 370104 19550830 1208" holds a real one inside a false one.
    """
    pieces: list[str] = []
    position = search_from = 0
    while (match := pattern.search(text, search_from)) is not None:
        compact = _compact(match.group())
        if valid is not None and not valid(compact):
            search_from = match.start() + 1
            continue
        pieces += [text[position : match.start()], mask_id_card(compact)]
        position = search_from = match.end()
    if not pieces:
        return text, 0
    pieces.append(text[position:])
    return "".join(pieces), len(pieces) // 2


def keyed_hash(value: str, key: bytes) -> str:
    """HMAC-SHA256 of the normalised value, hex-encoded.

    A plain hash of an ID number is reversible by brute force (the space is
    small and structured); keyed with a hall's secret, the digest only lets the
    hall's own database match repeat applicants.
    """
    if not key:
        raise ValueError(say("Hashing a number needs a key that is not empty"))
    return hmac.new(key, normalise(value).encode("utf-8"), hashlib.sha256).hexdigest()


def _is_ascii_digits(text: str) -> bool:
    # str.isdigit() accepts superscripts and other scripts' digits.
    return text.isascii() and text.isdigit()
