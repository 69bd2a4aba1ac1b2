"""The hall's record read in the reader's language.

What the rules store (an alert's summary, its events' notes, what each occurrence
was) is written in ``STORED_LANGUAGE`` whatever the PC speaks, so that every PC
judging the same facts finds the same history (see ``texts.stored_texts``). A
supervisor reading in English must still read those sentences in English, and the
record keeps only the rendered sentence, as it always has: databases written
before the interface spoke English hold the same Chinese. So a stored sentence is
read back against the catalogue: the Chinese template it fills is found, its
parameters are taken out (each read back the same way, as a parameter may itself
be a message), and the message is rendered again in the reader's language. The
stored value is never changed; only what is shown is.

How a sentence is read back:

- a template must match the whole sentence, the most specific one (the most
  literal text) first;
- a template with less than two characters of its own, or only ASCII ones
  (``{earlier}，{later}``, ``{on}或{off}``), says too little to be recognised; a
  list joined by the catalogue's separators (``；``, ``、``) is read piece by piece
  instead, and a placeholder holds such a list only when its pieces are not all
  sentences;
- a template whose words are only brackets and commas (``{name}（{code}）``) is
  the shape of much data too: it is taken only where a placeholder reads as a
  message (``张三（公务员，已到岗）``);
- the stored vocabulary (``domain.enums``: 超时, 临期, 合规…) is data and stays
  as it is, even where the catalogue has a message of the same word;
- a placeholder formatted as a date (``{at:%m-%d %H:%M}``) takes that shape; where
  two placeholders touch, nothing in the text says where one ends: there one named
  ``day`` takes an ISO date and one named ``session`` a session's name;
- text nothing matches (what people typed, names, a sentence of a newer version)
  is returned as it is.

Patterns are compiled once per process and answers kept, so reading a page of
alerts costs a dictionary look-up per sentence seen before.
"""

from __future__ import annotations

import enum
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from hallmonitor.domain import enums
from hallmonitor.domain.texts import STORED_LANGUAGE, catalogue, current_language, mark, translated

__all__ = ["reread"]

#: The separators lists are joined with, coarsest first.
SEPARATORS = (mark("; "), mark(", "))

_FORMATTER = string.Formatter()
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _shapes() -> dict[str, str]:
    sessions = "|".join(re.escape(s.value) for s in enums.Session)
    return {"day": r"\d{4}-\d{2}-\d{2}", "session": f"(?:{sessions})"}


_DIRECTIVES = {"Y": r"\d{4}", "m": r"\d{2}", "d": r"\d{2}", "H": r"\d{2}", "M": r"\d{2}", "S": r"\d{2}"}


def _dated(spec: str | None) -> str | None:
    """The shape a date format gives its placeholder ("%m-%d %H:%M": 05-12 11:00), or None."""
    if not spec or "%" not in spec:
        return None
    pieces = re.split(r"%(.)", spec)
    shape = []
    for n, piece in enumerate(pieces):
        if n % 2 == 0:
            shape.append(re.escape(piece))
        elif piece in _DIRECTIVES:
            shape.append(_DIRECTIVES[piece])
        else:
            return None
    return "".join(shape)


@dataclass(frozen=True, slots=True)
class _Template:
    source: str
    #: Placeholders that hold no separator, then placeholders that may hold a list.
    single: re.Pattern[str]
    listed: re.Pattern[str]
    #: Group name → the placeholder it captures.
    fields: tuple[tuple[str, str], ...]
    #: How much literal text it has: the more, the less a sentence matches it by chance.
    weight: int
    #: Whether its words hold a Han character: one of only brackets and commas ("{name}（{code}）")
    #: is the shape of much data too, and is taken only when a placeholder reads as a message.
    worded: bool


def _compile(source: str, template: str, shapes: Mapping[str, str], separators: str) -> _Template | None:
    parts = list(_FORMATTER.parse(template))
    words = "".join(text for text, *_ in parts).replace(" ", "")
    single: list[str] = []
    listed: list[str] = []
    groups: dict[str, str] = {}
    for index, (text, field, spec, _conversion) in enumerate(parts):
        single.append(re.escape(text))
        listed.append(re.escape(text))
        if field is None:
            continue
        if field in groups:
            single.append(f"(?P={groups[field]})")
            listed.append(f"(?P={groups[field]})")
            continue
        groups[field] = f"g{len(groups)}"
        after = parts[index + 1] if index + 1 < len(parts) else None
        touches = (after is not None and after[0] == "" and after[1] is not None) or (
            index > 0 and text == "" and parts[index - 1][1] is not None
        )
        shape = _dated(spec) or (shapes.get(field) if touches else None)
        single.append(f"(?P<{groups[field]}>{shape or f'[^{separators}]+?'})")
        listed.append(f"(?P<{groups[field]}>{shape or '.+?'})")
    if len(words) < 2 or words.isascii():
        return None  # a separator ("{earlier}，{later}", "{on}或{off}") would match nearly anything
    return _Template(
        source,
        re.compile("".join(single), re.DOTALL),
        re.compile("".join(listed), re.DOTALL),
        tuple((group, field) for field, group in groups.items()),
        len(words),
        _HAN.search(words) is not None,
    )


@dataclass(frozen=True, slots=True)
class _Index:
    #: Sentences without placeholders, stored wording → source.
    exact: dict[str, str]
    #: Templates by their first literal character; those beginning with a placeholder by their last.
    by_first: dict[str, list[_Template]]
    by_last: dict[str, list[_Template]]
    #: Templates beginning and ending with a placeholder.
    open_ended: list[_Template]


@cache
def _index() -> _Index:
    shapes = _shapes()
    separators = re.escape("".join(translated(s, STORED_LANGUAGE) for s in SEPARATORS))
    exact: dict[str, str] = {}
    by_first: dict[str, list[_Template]] = {}
    by_last: dict[str, list[_Template]] = {}
    open_ended: list[_Template] = []
    for source, template in catalogue(STORED_LANGUAGE).items():
        if not any(field for _, field, _, _ in _FORMATTER.parse(template)):
            if not template.isascii():
                exact.setdefault(template, source)
            continue
        compiled = _compile(source, template, shapes, separators)
        if compiled is None:
            continue
        if not template.startswith("{") or template.startswith("{{"):
            by_first.setdefault(template[0], []).append(compiled)
        elif not template.endswith("}") or template.endswith("}}"):
            by_last.setdefault(template[-1], []).append(compiled)
        else:
            open_ended.append(compiled)
    return _Index(exact, by_first, by_last, open_ended)


@lru_cache(maxsize=4096)
def _candidates(first: str, last: str) -> tuple[_Template, ...]:
    index = _index()
    found = [*index.by_first.get(first, ()), *index.by_last.get(last, ()), *index.open_ended]
    # Of two templates with the same words, the one with more placeholders says more about the text.
    return tuple(sorted(found, key=lambda t: (-t.weight, -len(t.fields))))


@cache
def _vocabulary() -> frozenset[str]:
    return frozenset(
        member.value
        for kind in vars(enums).values()
        if isinstance(kind, type) and issubclass(kind, enum.StrEnum) and kind is not enum.StrEnum
        for member in kind
    )


def _fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each placeholder replaced by the text read back (already formatted)."""
    out: list[str] = []
    for text, field, _spec, _conversion in _FORMATTER.parse(template):
        out.append(text)
        if field is not None:
            out.append(values.get(field, "{" + field + "}"))
    return "".join(out)


def reread(stored: str, language: str | None = None) -> str:
    """``stored``, a sentence of the hall's record, as the reader of ``language`` (now: the current one) reads it."""
    language = language or current_language()
    if language == STORED_LANGUAGE or not stored:
        return str(stored)
    read = _read(str(stored), language)
    return str(stored) if read is None else read[0]


#: A reading and how many characters of the text the templates' own words explain.
Reading = tuple[str, int]


@lru_cache(maxsize=16384)
def _read(text: str, language: str) -> Reading | None:
    """``text`` read in ``language``; None when nothing in it is a message (data, or unknown).

    Of the ways to read it (one sentence whose placeholders hold no list, a list
    of sentences, one sentence holding a list) the one whose templates explain
    most of the text wins: "李四（劳务派遣）6 件、王五（编外聘用）2 件" is two
    counted people, not one whose count runs on to the end, and "在岗正式人员：…；
    受理办件…；受理：…" one sentence, not a list whose first item is a name.
    """
    if not text or text in _vocabulary():
        return None
    index = _index()
    source = index.exact.get(text)
    if source is not None:
        return translated(source, language), len(text.replace(" ", ""))
    best: Reading | None = None
    for template in _candidates(text[0], text[-1]):
        for pattern in (template.single, template.listed):
            found = pattern.fullmatch(text)
            if found is None:
                continue
            reading = _filled(template, found, language)
            if reading is not None and (best is None or reading[1] > best[1]):
                best = reading
    pieces = _pieces(text, language)
    if pieces is not None and (best is None or pieces[1] > best[1]):
        best = pieces
    return best


def _filled(template: _Template, found: re.Match[str], language: str) -> Reading | None:
    values = {}
    explained = template.weight
    for group, field in template.fields:
        value = found.group(group)
        read = _read(value, language)
        values[field] = value if read is None else read[0]
        explained += 0 if read is None else read[1]
    if not template.worded and explained == template.weight:
        return None  # "自然资源和规划局（不动产登记中心）" is a name, not "{name}（{code}）"
    return _fill(translated(template.source, language), values), explained


def _pieces(text: str, language: str) -> Reading | None:
    """A list joined by the coarsest of the catalogue's separators it holds, each piece read."""
    for separator in SEPARATORS:
        stored = translated(separator, STORED_LANGUAGE)
        if stored not in text:
            continue
        pieces = text.split(stored)
        read = [_read(piece, language) for piece in pieces]
        if all(r is None for r in read):
            return None
        shown = [piece if r is None else r[0] for piece, r in zip(pieces, read, strict=True)]
        explained = sum(r[1] for r in read if r is not None) + len(stored) * (len(pieces) - 1)
        return translated(separator, language).join(shown), explained
    return None
