"""How text someone else wrote appears inside one of our sentences: short, on one line, masked.

An error message quotes the cell it is about, and the cell may hold anything:
a whole pasted document, a newline that would forge a second error line, an
escape sequence for the terminal, somebody's ID number typed in the wrong
column. Every message built from a cell, a header or a file name goes through
here, so none of that reaches a terminal, a dialog or a log.
"""

from __future__ import annotations

import re
from pathlib import Path

from hallmonitor.domain.identifiers import mask_identifiers
from hallmonitor.domain.texts import say

__all__ = ["CONTROL", "QUOTE_LIMIT", "control_char", "escape_controls", "one_line", "quote", "shown_path"]

#: Characters of a cell quoted in a message; the rest is cut off with an ellipsis.
QUOTE_LIMIT = 40
#: A whole message, prefix and quotes included.
LINE_LIMIT = 200
_PATH_LIMIT = 120

#: Invisible characters no cell of a hall's file should hold (Unicode Cc, Cf, Zl, Zp): control
#: codes, line and paragraph separators, bidirectional overrides that reorder what is shown,
#: zero-width spaces and stray byte-order marks. The zero-width joiners (U+200C, U+200D) that
#: some scripts and emoji need are let through.
CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
#: The same without tab, newline and carriage return, which a long free-text cell may hold.
_CONTROL_BUT_LINES = re.compile(CONTROL.pattern.replace("\x00-\x1f", "\x00-\x08\x0b\x0c\x0e-\x1f"))
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: An escape cut in half by the length limit, at the end of the text.
_PARTIAL_ESCAPE = re.compile(r"(?:\\(?:x[0-9a-f]?|u[0-9a-f]{0,3}|U[0-9a-f]{0,7})?)?$")


def _escaped(char: str) -> str:
    named = _NAMED.get(char)
    if named:
        return named
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escape_controls(text: str) -> str:
    """Control characters written out as ``\\n``, ``\\x1b``, ``\\u202e``: seen, never obeyed."""
    return CONTROL.sub(lambda m: _escaped(m.group()), text)


def control_char(text: str, *, multiline: bool = False) -> str | None:
    """A sentence naming the first control character in ``text``, or None when there is none.

    ``multiline`` lets tabs and line breaks through, for long free text.
    """
    if text.isprintable():
        # No character of Unicode's Cc, Cf, Zl or Zp, which CONTROL is drawn from: nearly every
        # cell, told in C without the pattern's search.
        return None
    match = (_CONTROL_BUT_LINES if multiline else CONTROL).search(text)
    if match is None:
        return None
    char, position, escaped = match.group(), match.start() + 1, _escaped(match.group())
    if char in "\r\n":
        return say("character {position} is a line break ({escaped})", position=position, escaped=escaped)
    if char == "\t":
        return say("character {position} is a tab ({escaped})", position=position, escaped=escaped)
    return say(
        "character {position} is an invisible control character ({escaped})",
        position=position,
        escaped=escaped,
    )


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    return head[: _PARTIAL_ESCAPE.search(head).start()] + "…"  # type: ignore[union-attr]


def _as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _safe(text: str, limit: int) -> str:
    # Masked before it is cut, so that no cut can leave the first digits of a number standing.
    head = text[: limit + 64]
    head, _ = mask_identifiers(head, shape_only=True)
    return _cut(escape_controls(head), limit)


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``“value”`` (``「value」`` in Chinese): at most ``limit`` characters of it, on one line, ID numbers masked."""
    return say("“{text}”", text=_safe(_as_text(value), limit))


def one_line(text: str, limit: int = LINE_LIMIT) -> str:
    """A whole message made safe to print: one line, bounded, ID numbers masked."""
    return _safe(text, limit)


def shown_path(path: str | Path) -> str:
    """A file's path for a message: its end is what tells the user which file, so the end is kept."""
    text = escape_controls(str(path))
    text, _ = mask_identifiers(text, shape_only=True)
    if len(text) > _PATH_LIMIT:
        text = "…" + text[-(_PATH_LIMIT - 1) :]
    return text
