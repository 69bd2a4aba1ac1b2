"""Items (事项) of the catalogue: listed, added and edited, every field; deactivated, never deleted.

An item's time limit decides its cases' due dates, and whether it is admitted
and may be approved at the window decides its 前店后厂 flags, so an edit of
those fields makes the rules work its cases out again: their stored due dates
are cleared (the next rules run recomputes them) and the rules judge again
from the first day the change touches.

An item no longer handled is deactivated (停用) instead: its past cases keep
naming it and stay correctable, but no new case may use it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from hallmonitor.domain.enums import CaseType, ItemCategory
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.texts import say
from hallmonitor.services.hall import HallContext, ServiceError, facts_changed
from hallmonitor.services.hall_data.departments import EDIT, department_of
from hallmonitor.services.hall_data.log import log_change
from hallmonitor.services.hall_data.text import hall_row, matches, reason_text, refuse_taken, required_text
from hallmonitor.storage.models import Case, Department, Item

#: Fields whose change moves the item's cases' due dates.
_DUE_FIELDS = ("case_type", "promised_days")
#: Fields whose change moves the item's cases' 前店后厂 flags.
_FLAG_FIELDS = ("admitted", "window_may_approve")


@dataclass(frozen=True, slots=True)
class ItemInput:
    code: str
    name: str
    department_id: int
    category: ItemCategory
    case_type: CaseType
    promised_days: int = 0
    legal_days: int = 0
    admitted: bool = True
    window_may_approve: bool = True


@dataclass(frozen=True, slots=True)
class ItemRow:
    id: int
    code: str
    name: str
    department_id: int
    department: str
    category: ItemCategory
    case_type: CaseType
    promised_days: int
    legal_days: int
    admitted: bool
    window_may_approve: bool
    #: False once deactivated (停用): no new case may use it.
    active: bool = True
    #: The row's change count when read; an edit based on it is refused once it moved on.
    version: int = 0

    def as_input(self) -> ItemInput:
        values = {f.name: getattr(self, f.name) for f in fields(ItemInput)}
        return ItemInput(**values)


def list_items(ctx: HallContext, search: str = "") -> list[ItemRow]:
    """The catalogue, items in use first, each part by code; ``search`` matches code, name,
    department, category or 启用 / 停用."""
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    with ctx.db.session() as session:
        rows = session.execute(
            select(
                Item.id,
                Item.code,
                Item.name,
                Item.department_id,
                Department.name,
                Item.category,
                Item.case_type,
                Item.promised_days,
                Item.legal_days,
                Item.admitted,
                Item.window_may_approve,
                Item.active,
                Item.version,
            )
            .join(Department, Item.department_id == Department.id)
            .where(Item.hall_id == ctx.hall_id)
            .order_by(Item.active.desc(), Item.code)
        ).all()
    return [
        ItemRow(*row[:9], bool(row[9]), bool(row[10]), bool(row[11]), row[12])
        for row in rows
        if matches(
            search, row[1], row[2], row[4], row[5].value, say("In use") if row[11] else say("Deactivated")
        )
    ]


def item_fields(item: Item) -> dict[str, Any]:
    return {
        "code": item.code,
        "name": item.name,
        "department": item.department.name if item.department else "",
        "category": item.category,
        "case_type": item.case_type,
        "promised_days": item.promised_days,
        "legal_days": item.legal_days,
        "admitted": bool(item.admitted),
        "window_may_approve": bool(item.window_may_approve),
        "in_use": item.active is not False,
    }


def _checked(data: ItemInput) -> ItemInput:
    try:
        category = ItemCategory(data.category)
    except ValueError:
        raise ServiceError(say('Item category "{value}" is not known.', value=data.category)) from None
    try:
        case_type = CaseType(data.case_type)
    except ValueError:
        raise ServiceError(
            say(
                'Case type "{value}" is not known; it should be {immediate} or {promised}.',
                value=data.case_type,
                immediate=CaseType.IMMEDIATE.value,
                promised=CaseType.PROMISED.value,
            )
        ) from None
    promised, legal = int(data.promised_days), int(data.legal_days)
    if promised < 0 or legal < 0:
        raise ServiceError(say("The promised and legal time limits cannot be negative."))
    return ItemInput(
        code=required_text(data.code, say("Item code"), 64),
        name=required_text(data.name, say("Item name"), 200),
        department_id=data.department_id,
        category=category,
        case_type=case_type,
        promised_days=promised,
        legal_days=legal,
        admitted=bool(data.admitted),
        window_may_approve=bool(data.window_may_approve),
    )


def _code_taken(session, ctx: HallContext, code: str, own_id: int | None) -> None:  # type: ignore[no-untyped-def]
    refuse_taken(
        session,
        ctx,
        Item.code,
        code,
        own_id,
        say("Item code {code} is already another item's; check the code.", code=code),
    )


def add_item(ctx: HallContext, data: ItemInput, *, reason: str = "", at: datetime | None = None) -> int:
    ctx.require(Permission.EDIT_MASTER_DATA, say(EDIT))
    data = _checked(data)
    with ctx.db.session() as session:
        _code_taken(session, ctx, data.code, None)
        dept = department_of(session, ctx, data.department_id)
        values = {f.name: getattr(data, f.name) for f in fields(ItemInput)}
        item = Item(hall_id=ctx.hall_id, **values)
        session.add(item)
        session.flush()
        item.department = dept
        log_change(session, ctx, "item", item.id, "add", reason=reason, after=item_fields(item), at=at)
        return item.id


def edit_item(
    ctx: HallContext,
    item_id: int,
    data: ItemInput,
    *,
    reason: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> bool:
    """Change any field of the item; False when nothing changed."""
    ctx.require(Permission.EDIT_MASTER_DATA, say(EDIT))
    data = _checked(data)
    with ctx.db.session() as session:
        item = item_of(session, ctx, item_id)
        _code_taken(session, ctx, data.code, item.id)
        dept = department_of(session, ctx, data.department_id)
        before = item_fields(item)
        for f in fields(ItemInput):
            setattr(item, f.name, getattr(data, f.name))
        item.department = dept
        after = item_fields(item)
        if after == before:
            return False
        changed = {k for k in after if after[k] != before[k]}
        if changed & set(_DUE_FIELDS):
            _redo_due_dates(session, ctx, item.id)
        if changed & set(_FLAG_FIELDS):
            first = session.scalar(select(func.min(Case.received_at)).where(Case.item_id == item.id))
            if first is not None:
                facts_changed(session, ctx.hall_id, first.date())
        log_change(
            session,
            ctx,
            "item",
            item.id,
            "edit",
            reason=reason,
            before=before,
            after=after,
            at=at,
            expected_version=expected_version,
        )
        return True


def set_item_active(
    ctx: HallContext, item_id: int, active: bool, reason: str, *, at: datetime | None = None
) -> str:
    """Deactivate (停用) the item or put it in use again (启用), with a reason; returns the sentence to show.

    Nothing the rules judge changes: the item's cases, received while it was in
    use, keep their due dates and flags, so the rules need not judge again.
    """
    ctx.require(Permission.EDIT_MASTER_DATA, say("deactivate an item or put it in use again"))
    active = bool(active)
    reason = reason_text(
        reason, say("Reason for putting it in use") if active else say("Reason for deactivating")
    )
    with ctx.db.session() as session:
        item = item_of(session, ctx, item_id)
        named = {"code": item.code, "name": item.name}
        if item.active is not False and active:
            raise ServiceError(say("Item {code} ({name}) is in use already; nothing to do.", **named))
        if item.active is False and not active:
            raise ServiceError(say("Item {code} ({name}) is deactivated already; nothing to do.", **named))
        item.active = active
        log_change(
            session,
            ctx,
            "item",
            item.id,
            "activate" if active else "deactivate",
            reason=reason,
            before={"in_use": not active},
            after={"in_use": active},
            at=at,
        )
        if active:
            return say("Item {code} ({name}) is in use again: new cases can be entered for it.", **named)
        return say(
            "Item {code} ({name}) is deactivated: no new case can be entered for it; "
            "the cases already entered are not affected.",
            **named,
        )


def item_of(session, ctx: HallContext, item_id: int) -> Item:  # type: ignore[no-untyped-def]
    return hall_row(session, ctx, Item, item_id, say("That item does not exist; refresh and try again."))


def _redo_due_dates(session, ctx: HallContext, item_id: int) -> None:  # type: ignore[no-untyped-def]
    """Clear the item's cases' due dates for the next rules run, which recomputes the missing ones."""
    first = session.scalar(select(func.min(Case.due_date)).where(Case.item_id == item_id))
    session.execute(
        update(Case)
        .where(Case.item_id == item_id)
        .values(due_date=None)
        .execution_options(synchronize_session=False)
    )
    if first is not None:
        facts_changed(session, ctx.hall_id, first)
