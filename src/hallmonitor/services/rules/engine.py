"""The rules run: bring the hall's alert history up to date with its facts.

The history is a function of the facts and of what supervisors did (see
``domain.alert_history``), never of when the rules ran. A run judges from where
the last one stopped, or from the earliest fact that changed since (whichever
is earlier), up to the moment asked for, derives the alerts from the facts,
and writes only what differs from what is stored. Each rule is judged on its
own, so complaints changed since judge the complaint cards again from their
own date while the other rules go on from the mark. So running the rules at
every session start, once a week, or first when a past week is exported gives
the same history, and a run with nothing new writes nothing.

It runs after every change while the app is open and at each session start,
after an import, before a report or a day's check is read, and on
``hallmonitor check``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import text, update

from hallmonitor.collector import collector_paused
from hallmonitor.domain.alert_history import DerivedAlert
from hallmonitor.domain.enums import AlertKind
from hallmonitor.domain.texts import stored_texts
from hallmonitor.lazy import lazy_names
from hallmonitor.services.alerts import Change
from hallmonitor.services.cases import refresh_due_dates
from hallmonitor.services.front_shop import evaluate_flags
from hallmonitor.services.hall import (
    SINCE_EVER,
    HallContext,
    advance_mark,
    due_dates_current,
    load_calendar,
    read_mark,
    settings_timeline,
)
from hallmonitor.services.staffing import windows
from hallmonitor.storage.models import RulesMark

if TYPE_CHECKING:
    from hallmonitor.services.rules.card_history import (
        CARD_KINDS,
        CASE_CARD_KINDS,
        COMPLAINT_KINDS,
        card_history,
    )
    from hallmonitor.services.rules.nominal_history import NOMINAL_KINDS, nominal_history
    from hallmonitor.services.rules.reconcile import reconcile
    from hallmonitor.services.rules.scope import load_scope
    from hallmonitor.services.rules.staffing_history import staffing_history

#: What deriving the alerts takes, loaded by the first run that has anything to judge: most runs (a
#: day's check of a judged day, a start after the last one) find the hall judged and derive nothing.
_DERIVING = {
    "CARD_KINDS": "card_history",
    "CASE_CARD_KINDS": "card_history",
    "COMPLAINT_KINDS": "card_history",
    "card_history": "card_history",
    "NOMINAL_KINDS": "nominal_history",
    "nominal_history": "nominal_history",
    "reconcile": "reconcile",
    "load_scope": "scope",
    "staffing_history": "staffing_history",
}
__getattr__ = lazy_names("hallmonitor.services.rules", _DERIVING, globals())


def _load_deriving() -> None:
    # Names already here (loaded, or replaced by a test) are kept.
    for name in _DERIVING:
        if name not in globals():
            __getattr__(name)


@dataclass
class RunSummary:
    as_of: datetime
    #: What this run judged: from (the earliest of its starts, the complaint cards' perhaps; None: from the
    #: start of the records) up to. Both None: nothing to do.
    judged_from: datetime | None = None
    judged_until: datetime | None = None
    new_flags: int = 0
    due_dates_changed: int = 0
    changes: list[Change] = field(default_factory=list)

    @property
    def new_alerts(self) -> list[Change]:
        return [c for c in self.changes if c.new]

    @property
    def escalations(self) -> list[Change]:
        return [c for c in self.changes if c.escalated]


def run_rules(ctx: HallContext, as_of: datetime, *, recompute_due_dates: bool = False) -> RunSummary:
    """Judge the hall up to ``as_of``; a moment already judged, with no fact changed since, is left alone.

    ``recompute_due_dates`` recomputes every case's due date first (after the
    items' time limits changed; a calendar change is noticed by itself).
    """
    # What the run stores is compared word for word when it judges again: one language for it.
    with stored_texts(), rules_lock(ctx), collector_paused():
        for _attempt in range(ATTEMPTS):
            try:
                return _run(ctx, as_of.replace(microsecond=0), recompute_due_dates)
            except _Superseded:
                continue  # another run wrote first: judge again from where it left things
        return RunSummary(as_of)


#: How often a run judges again when another one (on SQLite, which has no rules lock) wrote first.
ATTEMPTS = 3


class _Superseded(Exception):
    """Another rules run finished while this one was deriving; its derivation may be out of date."""


#: Advisory-lock namespace of the rules run; the hall id is added so halls do not wait for each other.
RULES_LOCK_BASE = 0x48_4D_00_00


#: The rules locks this thread holds (a change judged in its own transaction takes it first).
_held = threading.local()


@contextmanager
def rules_lock(ctx: HallContext) -> Iterator[None]:
    """On a shared PostgreSQL database, one rules run per hall at a time.

    Several PCs run the rules on every change and at each session start; two
    runs interleaving could each find no open alert for a window and both raise
    one. SQLite needs no lock: its writers are serialised by the file itself.
    Taken again by the thread that holds it, it is already held.
    """
    key = RULES_LOCK_BASE + ctx.hall_id
    held: set[tuple[str, int]] = _held.__dict__.setdefault("keys", set())
    if ctx.db.engine.dialect.name != "postgresql" or (ctx.db.url, key) in held:
        yield
        return
    with ctx.db.engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
        conn.commit()
        held.add((ctx.db.url, key))
        try:
            yield
        finally:
            held.discard((ctx.db.url, key))
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
            conn.commit()


def _run(ctx: HallContext, as_of: datetime, recompute_due_dates: bool) -> RunSummary:
    summary = RunSummary(as_of)
    with ctx.db.session() as session:
        before = read_mark(session, ctx.hall_id)
    calendar = load_calendar(ctx)
    # Due dates are facts the cards read; a changed one marks the rules dirty from that date.
    summary.due_dates_changed = refresh_due_dates(
        ctx, calendar, everything=recompute_due_dates or before.due_dates_stale
    )
    if before.due_dates_stale:
        with ctx.db.session() as session:
            due_dates_current(session, ctx.hall_id, before)
    with ctx.db.session() as session:
        mark = read_mark(session, ctx.hall_id)
    if mark.covers(as_of):
        return summary
    _load_deriving()
    start = mark.start()
    complaints_start = mark.complaints_start()
    horizon = max(as_of, mark.judged_until) if mark.judged_until is not None else as_of
    summary.judged_from, summary.judged_until = complaints_start, horizon
    # Only complaints changed, within what is judged: only the complaint cards are judged again.
    complaints_only = start is not None and start >= horizon
    # The complaint cards from their own start when it is earlier; else with the others, as one.
    apart = complaints_only or complaints_start != start
    card_kinds = CASE_CARD_KINDS | NOMINAL_KINDS if apart else CARD_KINDS | NOMINAL_KINDS
    if not complaints_only:
        summary.new_flags = evaluate_flags(ctx, start.date() if start is not None else None, horizon.date())
    timeline = settings_timeline(ctx)
    all_windows = windows(ctx)
    staffing: list[DerivedAlert] = []
    cards: list[DerivedAlert] = []
    complaint_cards: list[DerivedAlert] = []
    with ctx.db.session() as session:
        if not complaints_only:
            staffing_scope = load_scope(session, ctx.hall_id, {AlertKind.STAFFING}, start)
            card_scope = load_scope(session, ctx.hall_id, card_kinds, start)
        if apart:
            complaint_scope = load_scope(session, ctx.hall_id, COMPLAINT_KINDS, complaints_start)
    if not complaints_only:
        staffing = staffing_history(
            ctx, staffing_scope, all_windows, calendar, timeline, horizon, SINCE_EVER.date()
        )
        cards = card_history(ctx, card_scope, all_windows, calendar, timeline, horizon, card_kinds)
        cards += nominal_history(ctx, card_scope, all_windows, calendar, timeline, horizon, SINCE_EVER.date())
    if apart:
        complaint_cards = card_history(
            ctx, complaint_scope, all_windows, calendar, timeline, horizon, COMPLAINT_KINDS
        )
    with ctx.db.session() as session:
        # Take the mark's row first: writers wait for this run, and it reads what it writes over.
        session.execute(
            update(RulesMark)
            .where(RulesMark.hall_id == ctx.hall_id)
            .values(dirty_seq=RulesMark.dirty_seq)
            .execution_options(synchronize_session=False)
        )
        now = read_mark(session, ctx.hall_id)
        if now.judged_until != mark.judged_until:
            # Another run (another PC on a shared SQLite file) judged meanwhile and wrote its alerts:
            # writing this derivation over them could take back what it found.
            raise _Superseded
        if not complaints_only:
            summary.changes += reconcile(
                session, ctx.hall_id, load_scope(session, ctx.hall_id, {AlertKind.STAFFING}, start), staffing
            )
            summary.changes += reconcile(
                session, ctx.hall_id, load_scope(session, ctx.hall_id, card_kinds, start), cards
            )
        if apart:
            summary.changes += reconcile(
                session,
                ctx.hall_id,
                load_scope(session, ctx.hall_id, COMPLAINT_KINDS, complaints_start),
                complaint_cards,
            )
        advance_mark(session, ctx.hall_id, horizon, mark)
    return summary
