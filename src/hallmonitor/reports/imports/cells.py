"""Turning one spreadsheet cell into a value, the way a hall's files actually look.

The same column arrives as a real Excel date in one file, as ``2026/5/6 9:30``
typed by hand in another and as text from the queue system's CSV in a third;
numbers typed into a text column come back as floats. Every parser accepts all
of these and raises CellError with a sentence the clerk can act on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from openpyxl.utils.datetime import from_excel

from hallmonitor.domain.texts import say
from hallmonitor.reports.imports.quoting import quote

__all__ = [
    "CellError",
    "bool_parser",
    "count_parser",
    "date_parser",
    "datetime_parser",
    "enum_parser",
    "fold",
    "is_blank",
    "text_parser",
    "too_long",
]


class CellError(ValueError):
    """A cell whose content cannot be used; the message says why, in the user's language."""


#: Excel serial numbers in this range are taken as dates (1954-10 to 2119-01);
#: anything outside is far more likely a typo than a date.
_SERIAL_MIN, _SERIAL_MAX = 20000, 80000

_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATETIME_RE = re.compile(
    r"^(?P<date>.+?)(?:[T\s]+(?P<h>\d{1,2})\s*[:：时]\s*(?P<m>\d{1,2})"
    r"(?:\s*[:：分]\s*(?P<s>\d{1,2})(?:\.\d+)?)?\s*秒?)?$"
)

_ISO_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$", re.ASCII)

_TRUE = frozenset({"是", "Y", "YES", "1", "TRUE", "T", "√"})
_FALSE = frozenset({"否", "N", "NO", "0", "FALSE", "F", "×"})

E = TypeVar("E", bound=StrEnum)


def fold(value: str) -> str:
    """NFKC and trimmed: full-width letters, digits and brackets typed with a Chinese IME become ASCII."""
    return unicodedata.normalize("NFKC", value).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value: Any) -> str:
    """A cell as text; a whole number typed into a text column must not gain a '.0'."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value)


def too_long(longest: int, length: int) -> str:
    """What a cell longer than its column is told (the database would refuse it)."""
    return say("too long: at most {longest} characters, {length} given", longest=longest, length=length)


def _not_whole(value: Any) -> str:
    return say("{value} should be a whole number", value=quote(value))


def text_parser(max_length: int, *, code: bool = False) -> Callable[[Any], str]:
    """Free text limited to the column's length (PostgreSQL refuses longer values).

    ``code`` folds full-width characters as well, for keys such as window
    numbers, so that ``Ａ01`` typed with an IME finds window ``A01``.
    """

    def parse(value: Any) -> str:
        text = value if value.__class__ is str else _as_text(value)
        text = fold(text) if code else text.strip()
        if len(text) > max_length:
            raise CellError(too_long(max_length, len(text)))
        return text

    return parse


def _round_to_second(moment: datetime) -> datetime:
    # Excel stores times as fractions of a day; 9:30 may come back as 09:29:59.999999.
    if not moment.microsecond and moment.tzinfo is None:
        return moment  # a whole second already, as the queue system's moments are
    if moment.microsecond >= 500_000:
        moment += timedelta(seconds=1)
    return moment.replace(microsecond=0, tzinfo=None)


def _from_serial(value: float) -> datetime:
    if not _SERIAL_MIN <= value <= _SERIAL_MAX:
        raise CellError(say("{value} is not a date; write it like 2026-05-06", value=quote(value)))
    return _round_to_second(from_excel(value))


def _date_from_text(text: str) -> date:
    match = _DATE_RE.match(text) or _COMPACT_DATE_RE.match(text)
    if match is None:
        raise CellError(
            say("{value} cannot be read as a date; write it as 2026-05-06 or 2026/5/6", value=quote(text))
        )
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(say("there is no such date as {value}", value=quote(text))) from None


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return _round_to_second(value).date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError(say("should be a date, not a yes/no value"))
    if isinstance(value, int | float):
        return _from_serial(value).date()
    text = fold(str(value))
    match = _DATETIME_RE.match(text)
    if match and match.group("h") is not None:
        text = match.group("date").strip()
    return _date_from_text(text)


def parse_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return _round_to_second(value)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, time):
        raise CellError(say("holds a time of day without a date; write it as 2026-05-06 09:30"))
    if isinstance(value, bool):
        raise CellError(say("should be a date and time, not a yes/no value"))
    if isinstance(value, int | float):
        return _from_serial(value)
    text = str(value).strip()
    if _ISO_DATETIME_RE.match(text):
        # The queue system's own format, by far the most common: parsed in C.
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass  # an impossible day or hour: the general path explains which
    text = fold(text)
    match = _DATETIME_RE.match(text)
    if match is None:
        raise CellError(
            say("{value} cannot be read as a date and time; write it as 2026-05-06 09:30", value=quote(text))
        )
    day = _date_from_text(match.group("date").strip())
    if match.group("h") is None:
        return datetime.combine(day, time())
    hour, minute, second = int(match.group("h")), int(match.group("m")), int(match.group("s") or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise CellError(say("there is no such time as {value}", value=quote(text)))
    return datetime.combine(day, time(hour, minute, second))


#: Days a hall's records can plausibly fall on; "9999-12-31" (a common 长期 placeholder) is refused
#: at the edge instead of breaking every later working-day count.
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)


def _in_range(day: date) -> None:
    if not EARLIEST <= day <= LATEST:
        raise CellError(
            say(
                "the date {day} is outside the range that can be taken ({earliest} to {latest})",
                day=f"{day:%Y-%m-%d}",
                earliest=f"{EARLIEST:%Y-%m-%d}",
                latest=f"{LATEST:%Y-%m-%d}",
            )
        )


def date_parser() -> Callable[[Any], date]:
    def parse(value: Any) -> date:
        day = parse_date(value)
        _in_range(day)
        return day

    return parse


def datetime_parser() -> Callable[[Any], datetime]:
    def parse(value: Any) -> datetime:
        moment = parse_datetime(value)
        _in_range(moment.date())
        return moment

    return parse


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _as_text(value)
    folded = fold(text).upper()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise CellError(
        say("{value} should be {yes} or {no} (or Y/N, 1/0)", value=quote(text.strip()), yes="是", no="否")
    )


def bool_parser() -> Callable[[Any], bool]:
    return parse_bool


def enum_parser(enum_type: type[E], *, synonyms: dict[str, E] | None = None) -> Callable[[Any], E]:
    """Values are matched by their Chinese term, the word on the hall's own lists."""
    by_value = {fold(member.value).upper(): member for member in enum_type}
    by_value.update({fold(word).upper(): member for word, member in (synonyms or {}).items()})
    #: The words exactly as the template offers them, which nearly every cell holds: no folding.
    exact = {
        word: by_value[fold(word).upper()] for word in (*(m.value for m in enum_type), *(synonyms or {}))
    }

    def parse(value: Any) -> E:
        if value.__class__ is str and (member := exact.get(value)) is not None:
            return member
        text = fold(_as_text(value))
        member = by_value.get(text.upper())
        if member is None:
            allowed = say(", ").join(m.value for m in enum_type)
            raise CellError(
                say("{value} is not one of the choices: {allowed}", value=quote(text), allowed=allowed)
            )
        return member

    return parse


def count_parser(maximum: int = 3650) -> Callable[[Any], int]:
    """A whole number of trips or working days: never negative, never a fraction, never absurd."""

    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise CellError(say("should be a whole number, not a yes/no value"))
        if isinstance(value, int):
            number = value
        elif isinstance(value, float):
            if not value.is_integer():
                raise CellError(_not_whole(value))
            number = int(value)
        else:
            text = fold(str(value))
            try:
                number = int(text)
            except ValueError:
                try:
                    as_float = float(text)
                except ValueError:
                    raise CellError(_not_whole(text)) from None
                if not as_float.is_integer():
                    raise CellError(_not_whole(text)) from None
                number = int(as_float)
        if number < 0:
            raise CellError(say("cannot be negative ({value} given)", value=quote(number, 12)))
        if number > maximum:
            raise CellError(
                say("cannot be more than {maximum} ({value} given)", maximum=maximum, value=quote(number, 12))
            )
        return number

    return parse
