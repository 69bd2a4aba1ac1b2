"""What the case page's one search box finds: part of a case number or a name, a window, an ID number.

A supervisor types whatever they have on paper: the last digits of a case
number, part of an applicant's name, a window's number, or the applicant's
ID number or credit code, spaced or full-width as a Chinese input method gives
it. The text is understood as one of these, and the result says which:

* a full ID number or credit code that passes its check character: an ID
  number is never stored, only its keyed hash, so the number is hashed with
  the hall's key and matched against the stored hashes. It is never put into
  a LIKE pattern either, so it cannot reach a query's parameters (and with
  them an error in the log). When this PC lacks the key the search says so in
  a sentence instead of silently finding nothing;
* a window's whole number ("02"): that window's cases. Every case number of
  the year holds "02", so finding those too would bury the window's cases;
* anything else: part of a case number or of an applicant's name. A number
  shaped like an ID number or credit code that fails its check character is
  searched so too, and when nothing is found the check's sentence says why.

Substring matching cannot use a B-tree, so on PostgreSQL the migration adds
trigram (pg_trgm) indexes where the extension is available. On SQLite a text
holding any non-ASCII character (a Chinese name) is narrowed by the index of
names' characters (storage.name_index) to the few cases holding them in a row;
text of ASCII characters only is one pass over the table (about 0.2 s a
million cases). Either way such a search
counts and lists at most :data:`SEARCH_CAP` cases: one that matches more is
narrowed by typing more, and the page says it shows the first. SQLite keeps no
statistics here, so for every search the query also keeps its planner off the
hall's indexes: it would read a hall's million cases through one of them, in
index order, at twenty times the cost of that pass, instead of using the ID
hash's or the window's own index.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import and_, false, func, literal_column, or_, select, table
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from hallmonitor.domain.identifiers import (
    CREDIT_CODE_ALPHABET,
    InvalidIdentifier,
    keyed_hash,
    mask_id_card,
    mask_identifiers,
    normalise,
    validate_credit_code,
    validate_id_card,
)
from hallmonitor.domain.texts import mark, say
from hallmonitor.services.cases.texts import search_text
from hallmonitor.services.hall import ServiceError, ensure_hash_key
from hallmonitor.storage import name_index
from hallmonitor.storage.models import Case, Window

__all__ = ["NO_KEY_SEARCH", "SEARCH_CAP", "Search", "SearchKind", "parse_search"]

#: Most cases a substring search counts and lists; more means the text is too short to tell them apart.
SEARCH_CAP = 5000

#: Why a full ID number or credit code finds nothing on this PC, and what to do.
NO_KEY_SEARCH = mark(
    "This PC does not have this database's hall key, so it cannot search by ID number (ID numbers "
    "are stored only as digests made with the key): enter it in Settings ▸ Hall key, or run "
    "hallmonitor key enter."
)

_ID_LENGTH = 18


class SearchKind(StrEnum):
    """How the search box's text was understood."""

    TEXT = "text"
    WINDOW = "window"
    ID_NUMBER = "id_number"
    CREDIT_CODE = "credit_code"


@dataclass(frozen=True)
class Search:
    """The search box's text as SQL, and what to tell the user about it."""

    #: None when there is nothing to search for.
    kind: SearchKind | None = None
    condition: ColumnElement[bool] | None = None
    #: What was searched for, as it may be shown: the text, a window's label, an ID number masked.
    shown: str = ""
    #: Said whatever is found (the key is missing).
    notice: str = ""
    #: Said only when nothing is found (a number that fails its check character).
    when_empty: str = ""
    #: Keep the planner off the hall's indexes (SQLite): see the module's docstring.
    avoid_hall_index: bool = False

    @property
    def bounded(self) -> bool:
        """Whether the search counts and lists at most SEARCH_CAP cases (a substring search)."""
        return self.kind is SearchKind.TEXT


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _born(digits: str) -> bool:
    try:
        date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return True


def _identifier(compact: str) -> tuple[SearchKind | None, str, str]:
    """(ID_NUMBER or CREDIT_CODE, the valid number; or None, "", why a number-shaped text is none)."""
    if len(compact) != _ID_LENGTH:
        return None, "", ""
    credit_shaped = all(c in CREDIT_CODE_ALPHABET for c in compact) and compact[2:8].isdigit()
    head, last = compact[:-1], compact[-1]
    why_not = ""
    if head.isascii() and head.isdigit() and (last.isdigit() or last == "X"):
        try:
            return SearchKind.ID_NUMBER, validate_id_card(compact), ""
        except InvalidIdentifier as exc:
            # Masked: a mistyped ID number is still someone's.
            why_not = say(
                '"{number}" is not a valid ID card number: {problem}.',
                number=mask_id_card(compact),
                problem=exc,
            )
        if not credit_shaped or _born(compact[6:14]):
            return None, "", why_not
    if credit_shaped:  # the region's six digits at the third place, as every credit code has
        try:
            return SearchKind.CREDIT_CODE, validate_credit_code(compact), ""
        except InvalidIdentifier as exc:
            return (
                None,
                "",
                say(
                    '"{code}" is not a valid unified social credit code: {problem}.',
                    code=compact,
                    problem=exc,
                ),
            )
    return None, "", why_not


def _by_name_index(session: Session, folded: str) -> ColumnElement[bool] | None:
    """The cases the name index says may hold ``folded``, and those it does not hold yet; None: no index."""
    query = name_index.phrase(folded)
    upto = name_index.mark(session) if query is not None else None
    if upto is None:
        return None
    found = (
        select(literal_column("rowid"))
        .select_from(table(name_index.INDEX))
        .where(sql_text(f"{name_index.INDEX} MATCH :phrase").bindparams(phrase=query))
    )
    return or_(Case.id.in_(found), Case.id > upto)


def parse_search(session: Session, hall_id: int, raw: str) -> Search:
    """The search box's text as one condition over a hall's cases."""
    text = search_text(raw)
    if not text:
        return Search()
    sqlite = session.get_bind().dialect.name == "sqlite"
    kind, number, why_not = _identifier(normalise(text))
    if kind is not None:
        shown = mask_id_card(number) if kind is SearchKind.ID_NUMBER else number
        try:
            key = ensure_hash_key(session)
        except ServiceError:
            return Search(kind, false(), shown, notice=say(NO_KEY_SEARCH))
        digest = keyed_hash(number, key)
        return Search(kind, Case.applicant_id_hash == digest, shown, avoid_hall_index=sqlite)
    folded = unicodedata.normalize("NFKC", text)
    windows = session.execute(
        select(Window.id, Window.number, Window.name)
        .where(Window.hall_id == hall_id, func.upper(Window.number).in_({text.upper(), folded.upper()}))
        .order_by(Window.number)
    ).all()
    if windows:
        label = " ".join(f"{number} {name}" for _, number, name in windows)
        ids = [window_id for window_id, _, _ in windows]
        return Search(SearchKind.WINDOW, Case.window_id.in_(ids), label, avoid_hall_index=sqlite)
    pattern = f"%{_escape_like(folded)}%"
    if sqlite:
        condition = or_(
            Case.case_no.like(pattern, escape="\\"), Case.applicant_name.like(pattern, escape="\\")
        )
        narrowed = _by_name_index(session, folded)
        if narrowed is not None:
            condition = and_(narrowed, condition)  # the index's few cases, each tested by the LIKE
    else:
        # ILIKE, as SQLite's LIKE already is for Latin letters; the trigram indexes serve both.
        condition = or_(
            Case.case_no.ilike(pattern, escape="\\"), Case.applicant_name.ilike(pattern, escape="\\")
        )
    shown = mask_identifiers(text, shape_only=True)[0]
    return Search(SearchKind.TEXT, condition, shown, when_empty=why_not, avoid_hall_index=sqlite)
