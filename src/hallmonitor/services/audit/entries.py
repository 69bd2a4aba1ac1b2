"""One entry of the audit trail as a person reads it: who, when, which record, and what changed.

The trail stores rows as canonical JSON; here they become plain values with a
one-line summary. What must not be shown stays hidden here, once, for every
reader: an account's password hash is never displayed, and an ID number typed
into free text (a note, a name) is shown masked, as every screen and export
shows it. A row a tamperer left unreadable is shown as its raw text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hallmonitor.domain.identifiers import mask_identifiers
from hallmonitor.domain.texts import mark, say
from hallmonitor.services.audit.kinds import word_for_table

#: The trail's actions as a reader names them (shown with ``say``).
ACTION_WORDS = {"insert": mark("Added"), "update": mark("Edited"), "delete": mark("Deleted")}
#: Fields whose value is never shown, only that it is there or changed.
HIDDEN_FIELDS = frozenset({"password_hash"})
HIDDEN = mark("(not shown)")
#: What names a record, shown first in the summary of an addition or a deletion.
_NAMING = (
    "number",
    "code",
    "case_no",
    "staff_no",
    "complaint_no",
    "login",
    "name",
    "kind",
    "state",
    "status",
)
#: Fields an addition's or deletion's summary leaves out: the record's key is on the line already.
_UNNAMED = frozenset({"id", "hall_id", "version"})
SUMMARY_LIMIT = 200
#: A moment as the trail stores it (ISO, ``2026-05-11T09:30:00``), shown as people write it.
_ISO_MOMENT = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d(?::\d\d)?)")
VALUE_LIMIT = 40
EMPTY = mark("empty")


def shown_value(value: Any) -> Any:
    """``value`` as a reader may see it: ID numbers in text masked (credit codes are public)."""
    if isinstance(value, str):
        return mask_identifiers(value, credit_codes=False)[0]
    return value


def stored_row(text: str) -> dict[str, Any]:
    """A stored ``before`` or ``after`` as readers may see it (empty for none)."""
    if not text:
        return {}
    try:
        loaded = json.loads(text)
    except ValueError:
        loaded = None
    if not isinstance(loaded, dict):
        return {say("(raw text)"): shown_value(text)}
    return {
        key: (say(HIDDEN) if key in HIDDEN_FIELDS and value is not None else shown_value(value))
        for key, value in loaded.items()
    }


def value_text(value: Any, limit: int | None = VALUE_LIMIT) -> str:
    """A stored value in a sentence: 空 for nothing, 是 / 否, text cut at ``limit`` characters."""
    if value is None or value == "":
        return say(EMPTY)
    if value is True:
        return say("Yes")
    if value is False:
        return say("No")
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = _ISO_MOMENT.sub(r"\1 \2", " ".join(text.split()))
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def _bounded(parts: list[str], limit: int) -> str:
    text = say("; ").join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class TrailEntry:
    seq: int
    at: datetime
    actor: str
    #: The computer the change was made on.
    pc: str
    #: The table as the database names it (``service_window``).
    table: str
    #: The record's key in its table (its id).
    row_key: str
    #: "insert", "update" or "delete".
    action: str
    #: The whole row (insert, delete) or the changed fields (update), as readers may see them.
    before: Mapping[str, Any] = field(default_factory=dict)
    after: Mapping[str, Any] = field(default_factory=dict)

    @property
    def kind_word(self) -> str:
        return word_for_table(self.table)

    @property
    def action_word(self) -> str:
        word = ACTION_WORDS.get(self.action)
        return say(word) if word else self.action

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for each field the entry holds; an update's ``version`` last."""
        names = list(self.after) + [k for k in self.before if k not in self.after]
        names.sort(key=lambda name: name == "version")
        return [(name, self.before.get(name), self.after.get(name)) for name in names]

    @property
    def summary(self) -> str:
        """What changed in one bounded line: ``name: 张三 → 张叁`` for an update, the naming fields otherwise."""
        if self.action == "update":
            return _bounded(
                [f"{name}: {value_text(old)} → {value_text(new)}" for name, old, new in self.changes()],
                SUMMARY_LIMIT,
            )
        row = self.after if self.action == "insert" else self.before
        names = [n for n in _NAMING if n in row] + [
            n for n in row if n not in _NAMING and n not in _UNNAMED and n not in HIDDEN_FIELDS
        ]
        return _bounded([f"{name}={value_text(row[name])}" for name in names], SUMMARY_LIMIT)

    def line(self) -> str:
        """The entry on one line, as the command line prints it."""
        return say(
            "#{seq} {at} {actor}@{pc} {action} {kind} {key}: {summary}",
            seq=self.seq,
            at=f"{self.at:%Y-%m-%d %H:%M:%S}",
            actor=self.actor,
            pc=self.pc,
            action=self.action_word,
            kind=self.kind_word,
            key=self.row_key,
            summary=self.summary or say(EMPTY),
        )


def entry_from(row: Mapping[str, Any]) -> TrailEntry:
    """A stored row of ``audit_log`` as its reader sees it."""
    return TrailEntry(
        seq=int(row["seq"]),
        at=row["at"],
        actor=str(row["actor"]),
        pc=str(row["pc"]),
        table=str(row["table_name"]),
        row_key=str(row["row_key"]),
        action=str(row["action"]),
        before=stored_row(str(row["before"] or "")),
        after=stored_row(str(row["after"] or "")),
    )
