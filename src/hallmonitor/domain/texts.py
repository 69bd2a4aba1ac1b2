"""Messages made below the interface, in the user's language, from the one catalogue.

The interface translates its own text with Qt's ``tr()``. The sentences the rules,
services, reports and commands make (an import's "row 12, column 身份证号: …", an
alert's summary, a refusal) cannot use Qt, since the domain runs without it, yet a
user must read them in the language the interface speaks. So each is written once as
its English source with named parameters::

    raise ImportProblem(say("Row {row}: the ID number {masked} fails its check digit.", row=12, masked=m))

``say`` renders it at once in the process's language and returns a ``Text``: a ``str``
(so every caller that joins, prints or compares messages keeps working) that also
carries its source and parameters, for a caller that wants to render it again.

``scripts/update_translations.py`` finds every ``say("…")`` and ``mark("…")`` literal,
keeps them in the same .ts file as the interface's strings (context ``Messages``), and
compiles their Chinese into ``texts_zh_CN.json`` beside this module, read here with the
standard library alone. Chinese is the default, as it is the interface's first
language; ``use_language("en")`` (the app does it from the stored preference, the
command line from ``HALLMONITOR_LANG``) renders the English sources.

What the rules store (an alert's events and their notes, an occurrence's detail) is the
hall's record, compared word for word when the rules judge again: it is written in one
language, ``STORED_LANGUAGE``, whatever the PC speaks (``stored_texts()`` around a rules
run), so a PC in English judging the same facts finds the same history; a reader in
another language reads it through ``record_texts.reread``.

The values people enter or the center's format fixes (names, 窗口号, enum values,
sheet and column names) are data, not messages: they stay as they are in every language.
"""

from __future__ import annotations

import json
import os
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

__all__ = [
    "CONTEXT",
    "LANGUAGES",
    "STORED_LANGUAGE",
    "Text",
    "catalogue",
    "chosen_language",
    "current_language",
    "mark",
    "placeholders",
    "say",
    "stored_texts",
    "translated",
    "use_language",
]

#: The .ts context that holds these messages beside the interface's own.
CONTEXT = "Messages"
#: The languages there are: the catalogue's target and the sources' own.
LANGUAGES = ("zh_CN", "en")
LANGUAGE_ENV = "HALLMONITOR_LANG"

#: The language of what the rules store: the hall's and the center's.
STORED_LANGUAGE = "zh_CN"

_language: str | None = None
#: Set while the rules derive what they store; per thread (a background run does not change the UI's).
_pinned: ContextVar[str | None] = ContextVar("hallmonitor_stored_language", default=None)


class Text(str):
    """A rendered message that remembers what it was made from."""

    source: str
    params: dict[str, Any]

    def __new__(cls, rendered: str, source: str, params: dict[str, Any]) -> Text:
        made = super().__new__(cls, rendered)
        made.source = source
        made.params = params
        return made

    def __getnewargs__(self) -> tuple[str, str, dict[str, Any]]:  # type: ignore[override]
        # Pickled and copied whole (a background operation hands its result over this way).
        return (str(self), self.source, self.params)

    def render(self, language: str) -> str:
        """The same message in ``language``: what a caller speaking another language shows."""
        return _render(self.source, self.params, language)


def _normalise(language: str | None) -> str:
    value = (language or "").strip().replace("-", "_").lower()
    return "en" if value.startswith("en") else "zh_CN"


def use_language(language: str | None) -> str:
    """Render every later message in ``language`` ("zh_CN" or "en"; anything else is Chinese).

    None goes back to the environment's choice (``HALLMONITOR_LANG``, else Chinese).
    """
    global _language
    _language = None if language is None else _normalise(language)
    return current_language()


def chosen_language() -> str | None:
    """The language ``use_language`` set, or None when the environment's choice is in force."""
    return _language


def current_language() -> str:
    """Inside ``stored_texts()`` the stored language; else the one set by ``use_language``, the environment's, Chinese."""
    return _pinned.get() or _language or _normalise(os.environ.get(LANGUAGE_ENV))


@contextmanager
def stored_texts() -> Iterator[None]:
    """Messages made inside are the hall's record: in ``STORED_LANGUAGE``, in this thread only."""
    token = _pinned.set(STORED_LANGUAGE)
    try:
        yield
    finally:
        _pinned.reset(token)


@cache
def _catalogue(language: str) -> dict[str, str]:
    if language == "en":
        return {}
    try:
        raw = resources.files(__package__).joinpath(f"texts_{language}.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return dict(json.loads(raw))


def catalogue(language: str) -> Mapping[str, str]:
    """Every message's template in ``language``, by source (empty for English, the sources' own)."""
    return MappingProxyType(_catalogue(language))


def translated(source: str, language: str | None = None) -> str:
    """The catalogue's template for ``source`` (the source itself in English or when missing)."""
    return _catalogue(language or current_language()).get(source, source)


class _Lenient(dict[str, Any]):
    """A placeholder the caller forgot stays visible instead of raising inside an error path."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _render(source: str, params: dict[str, Any], language: str) -> str:
    template = translated(source, language)
    if not params:
        return template
    return template.format_map(_Lenient(params))


def say(source: str, /, **params: Any) -> Text:
    """``source`` (English, with ``{name}`` placeholders) in the current language, ``params`` filled in."""
    return Text(_render(source, params, current_language()), source, params)


def mark(source: str) -> str:
    """A message kept in a table and rendered later with ``say(table[key], ...)``: only marked here."""
    return source


def placeholders(template: str) -> frozenset[str]:
    """The named fields a template fills: a translation must use exactly its source's."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)
