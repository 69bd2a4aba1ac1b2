"""What a clerk types into a case's text fields, checked before anything is looked up or stored.

The form's fields take whatever the keyboard or the clipboard gives: a pasted
paragraph, an invisible control character, an applicant's ID number typed into
the name ("张三 身份证370104…"). Control characters and overlong text are
refused with a sentence naming the field; ID numbers and credit codes found in
free text are masked before they are stored, and the case's history says so.
"""

from __future__ import annotations

from hallmonitor.domain.identifiers import is_id_card, mask_identifiers
from hallmonitor.domain.texts import mark, say
from hallmonitor.reports.imports import CONTROL, QUOTE_LIMIT, control_char, one_line
from hallmonitor.services.hall import ServiceError

__all__ = [
    "NOTE_LIMIT",
    "InvalidCaseInput",
    "check_keys",
    "checked",
    "free_text",
    "masked_note",
    "search_text",
    "shown",
]

#: Notes and reasons: the history's columns take any length, a person writes a few lines.
NOTE_LIMIT = 2000
#: Longest search text taken: enough for any case number or name, far below what a query minds.
_SEARCH_LIMIT = 200
#: The form's one-line fields: (CaseInput attribute, form field, name, longest), as their columns hold them.
_KEYS = (
    ("window_number", "window", mark("Receiving window"), 20),
    ("item_code", "item", mark("Item handled"), 64),
    ("applicant_id", "applicant_id", mark("ID number"), 40),
    ("approver_no", "approver", mark("Approver's staff number"), 32),
    ("case_no", "case_no", mark("Case number"), 64),
    ("bundle_key", "bundle_key", mark("Bundle number"), 64),
)


class InvalidCaseInput(ServiceError):
    """A field of the entry form is wrong; ``field`` lets the form put the cursor on it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _refuse(field: str | None, message: str) -> ServiceError:
    return InvalidCaseInput(field, message) if field else ServiceError(message)


def checked(
    value: str, label: str, longest: int, *, field: str | None = None, multiline: bool = False
) -> str:
    """``value`` trimmed; refused when it holds a control character or is longer than its column."""
    text = value.strip()
    if problem := control_char(text, multiline=multiline):
        raise _refuse(
            field, say("{label}: {problem}; delete it and save again.", label=label, problem=problem)
        )
    if len(text) > longest:
        raise _refuse(
            field,
            say(
                "{label} is too long: at most {longest} characters, {length} given.",
                label=label,
                longest=longest,
                length=len(text),
            ),
        )
    return text


def check_keys(data: object) -> None:
    """The case form's numbers and codes, before any of them reaches a query (PostgreSQL refuses a NUL).

    The case number and the 一件事编号 are shown and exported whole: neither may
    be a person's ID number.
    """
    for attr, field, label, longest in _KEYS:
        checked(getattr(data, attr), say(label), longest, field=field)
    for attr, field, label in (
        ("case_no", "case_no", say("Case number")),
        ("bundle_key", "bundle_key", say("Bundle number")),
    ):
        if is_id_card(getattr(data, attr)):
            raise InvalidCaseInput(
                field,
                say(
                    "{label} holds an ID card number, which cannot serve as a number; "
                    "enter the number the case system gave.",
                    label=label,
                ),
            )


def free_text(
    value: str, label: str, longest: int, *, field: str | None = None, multiline: bool = True
) -> tuple[str, int]:
    """Checked as above, then any ID number or credit code in it masked: (text, how many were)."""
    return mask_identifiers(checked(value, label, longest, field=field, multiline=multiline))


def masked_note(count: int) -> str:
    """What the case's history adds when free text held ID numbers that were masked."""
    return say(" ({count} suspected ID numbers masked)", count=count) if count else ""


def search_text(text: str) -> str:
    """The search box's text as a query may use it: no control characters, bounded."""
    return CONTROL.sub("", text).strip()[:_SEARCH_LIMIT]


def shown(value: str) -> str:
    """A value the clerk typed, for a message: bounded, on one line, ID numbers masked."""
    return one_line(value, QUOTE_LIMIT)
