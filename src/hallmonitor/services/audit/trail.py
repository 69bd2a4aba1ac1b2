"""Reading the audit trail: the whole of it for an auditor, one record's history for those who work with it.

Pages are keyed by sequence number (``before``), newest first, never by an
offset: the trail grows by hundreds of thousands of entries a year and keeps
growing while someone reads it, so the next page starts below the last entry
shown, costs the same at the millionth entry as at the first, and shows each
entry once. One record's history is read through the (table, row, seq) index.

The trail is the database's, as its chain is: on a database holding several
halls, the full trail shows them all (an auditor checks the chain as a whole),
while a record's history is only given for a record of the reader's hall.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import String, and_, cast, or_, select
from sqlalchemy.orm import Session

from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.texts import say, translated
from hallmonitor.services.audit.entries import ACTION_WORDS, TrailEntry, entry_from, stored_row
from hallmonitor.services.audit.kinds import EntityKind, find_kind
from hallmonitor.services.hall import HallContext, ServiceError
from hallmonitor.storage.models import AuditEntry, Operator, Window

_LOG = AuditEntry.__table__
DEFAULT_LIMIT = 200
MAX_LIMIT = 1000
#: What a filter's action may be written as, in either language: insert, Added or 新增.
_ACTIONS = {
    **{a: a for a in ACTION_WORDS},
    **{word: a for a, word in ACTION_WORDS.items()},
    **{translated(word, "zh_CN"): a for a, word in ACTION_WORDS.items()},
}


@dataclass(frozen=True, slots=True)
class TrailFilter:
    #: A kind's key, word or table (``window``, 窗口, ``service_window``).
    kind: str | None = None
    #: The record's key (its id); with ``kind``, one record's entries.
    row_key: str | None = None
    #: Who made the change: the name the trail holds, or an account's login.
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    #: "insert", "update" or "delete" (or 新增, 修改, 删除).
    action: str | None = None


@dataclass(frozen=True, slots=True)
class TrailPage:
    entries: tuple[TrailEntry, ...]
    #: Ask for ``before=next_before`` for the next page; None when this page is the last.
    next_before: int | None


def _limit(limit: int) -> int:
    if limit < 1:
        raise ServiceError(say("A page holds at least {least} entry.", least=1))
    return min(limit, MAX_LIMIT)


def _conditions(session: Session, ctx: HallContext, wanted: TrailFilter) -> list[Any]:
    where: list[Any] = []
    if wanted.kind and wanted.kind.strip():
        where.append(_LOG.c.table_name == find_kind(wanted.kind).table)
    if wanted.row_key and wanted.row_key.strip():
        where.append(_LOG.c.row_key == wanted.row_key.strip())
    if wanted.actor and wanted.actor.strip():
        where.append(_LOG.c.actor.in_(actor_names(session, ctx, wanted.actor.strip())))
    if wanted.since and wanted.until and wanted.since > wanted.until:
        raise ServiceError(
            say(
                "The first day {since} is after the last day {until}; swap them.",
                since=wanted.since,
                until=wanted.until,
            )
        )
    if wanted.since:
        where.append(_LOG.c.at >= datetime.combine(wanted.since, time()))
    if wanted.until:
        where.append(_LOG.c.at < datetime.combine(wanted.until + timedelta(days=1), time()))
    if wanted.action and wanted.action.strip():
        action = _ACTIONS.get(wanted.action.strip())
        if action is None:
            raise ServiceError(
                say(
                    'The action "{action}" is not known; the actions are: {actions}.',
                    action=wanted.action.strip(),
                    actions=say(", ").join(say(word) for word in ACTION_WORDS.values()),
                )
            )
        where.append(_LOG.c.action == action)
    return where


def actor_names(session: Session, ctx: HallContext, actor: str) -> list[str]:
    """The names the trail may hold for ``actor``: itself, and the name of the hall's account with that login.

    Entries name the person as the account's name; people search by the login they know.
    """
    names = {actor}
    names.update(
        session.scalars(select(Operator.name).where(Operator.hall_id == ctx.hall_id, Operator.login == actor))
    )
    return sorted(names)


def _page(session: Session, where: list[Any], before: int | None, limit: int) -> TrailPage:
    limit = _limit(limit)
    query = select(_LOG)
    if before is not None:
        where = [*where, _LOG.c.seq < before]
    if where:
        query = query.where(and_(*where))
    rows = session.execute(query.order_by(_LOG.c.seq.desc()).limit(limit + 1)).mappings().all()
    entries = tuple(entry_from(r) for r in rows[:limit])
    return TrailPage(entries, entries[-1].seq if len(rows) > limit else None)


def list_trail(
    ctx: HallContext,
    wanted: TrailFilter | None = None,
    *,
    before: int | None = None,
    limit: int = DEFAULT_LIMIT,
) -> TrailPage:
    """The entries ``wanted`` lets through, newest first, below sequence number ``before``."""
    ctx.require(Permission.READ_AUDIT, say("read the audit trail"))
    with ctx.db.session() as session:
        return _page(session, _conditions(session, ctx, wanted or TrailFilter()), before, limit)


def trail_actors(ctx: HallContext) -> list[tuple[str, str]]:
    """(login, name) of the hall's accounts, for the filter's choices (the trail names people by name)."""
    ctx.require(Permission.READ_AUDIT, say("read the audit trail"))
    with ctx.db.session() as session:
        rows = session.execute(
            select(Operator.login, Operator.name)
            .where(Operator.hall_id == ctx.hall_id)
            .order_by(Operator.login)
        )
        return [(str(login), str(name)) for login, name in rows]


# --- one record's history ------------------------------------------------------------------


def _allowed(ctx: HallContext, kind: EntityKind, action: str) -> None:
    if ctx.actor.may(Permission.READ_AUDIT) or any(ctx.actor.may(p) for p in kind.readers):
        return
    ctx.require(min(kind.readers, default=Permission.READ_AUDIT), action)


def _owner(session: Session, kind: EntityKind, key: str) -> tuple[Any, Any]:
    """(hall id, window id) of the record, from its row or, once deleted, from the trail's copy of it."""
    window_of = getattr(kind.model, "window_id", None)
    if kind.model is Window:
        window_of = Window.id
    columns = [kind.model.hall_id, window_of if window_of is not None else kind.model.id]
    found = session.execute(select(*columns).where(kind.model.id == int(key))).first()
    if found is not None:
        return found[0], (found[1] if window_of is not None else None)
    last = session.execute(
        select(_LOG.c.before, _LOG.c.after)
        .where(_LOG.c.table_name == kind.table, _LOG.c.row_key == key, _LOG.c.action != "update")
        .order_by(_LOG.c.seq.desc())
        .limit(1)
    ).first()
    if last is None:
        return None, None
    row = stored_row(str(last.after or last.before or ""))
    window = key if kind.model is Window else row.get("window_id")
    return row.get("hall_id"), (int(window) if window is not None else None)


def entity_history(
    ctx: HallContext,
    kind: str,
    entity_id: int | str,
    *,
    before: int | None = None,
    limit: int = DEFAULT_LIMIT,
) -> TrailPage:
    """The trail of one window, staff member, item, case, alert or account, with its dependent rows.

    Whoever reads the hall may read its windows', staff's, items', cases' and
    alerts' (a 窗口负责人 those of their windows); an account's only an
    administrator or an auditor.
    """
    found = find_kind(kind)
    word = say(found.word)
    action = say("see the history of a record ({kind})", kind=word)
    _allowed(ctx, found, action)
    if found.model is None:
        raise ServiceError(
            say("{kind} records have no history of their own: filter the audit trail by kind.", kind=word)
        )
    key = str(entity_id).strip()
    if not key.isdigit():
        raise ServiceError(say('{kind} numbers are whole numbers; "{key}" is not one.', kind=word, key=key))
    with ctx.db.session() as session:
        hall_id, window_id = _owner(session, found, key)
        if hall_id != ctx.hall_id:
            raise ServiceError(
                say("{hall} has no {kind} numbered {key}.", hall=ctx.hall_name, kind=word, key=key)
            )
        if found.model is Window or hasattr(found.model, "window_id"):
            ctx.require_window(window_id, action)
        own = and_(_LOG.c.table_name == found.table, _LOG.c.row_key == key)
        children = [
            and_(
                _LOG.c.table_name == model.__table__.name,
                _LOG.c.row_key.in_(select(cast(model.id, String)).where(column == int(key))),
            )
            for model, column in found.children
        ]
        return _page(session, [or_(own, *children)], before, limit)
