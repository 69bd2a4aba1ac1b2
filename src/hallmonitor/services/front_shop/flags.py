"""前店后厂 flags: found from case records and the roster, reviewed by a supervisor, never deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Date, and_, case, cast, delete, exists, func, or_, select, update
from sqlalchemy.orm import aliased

from hallmonitor.domain.enums import ApprovalPlace, FlagState, FrontShopReason
from hallmonitor.domain.front_shop import ApprovalFacts, front_shop_reasons, review
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.plausible import EARLIEST
from hallmonitor.domain.texts import say
from hallmonitor.services.hall import HallContext, ServiceError, facts_changed
from hallmonitor.storage.models import Case, Department, FrontShopFlag, Item, RosterEntry, Staff, Window
from hallmonitor.storage.upsert import upsert

#: How the stored reasons (enum values) are joined in their column: the store's format, not a message.
REASON_SEPARATOR = "；"


@dataclass(frozen=True, slots=True)
class FlagRow:
    flag_id: int
    case_id: int
    case_no: str
    window_no: str
    department: str
    item_name: str
    approved_at: datetime | None
    approver: str
    reasons: tuple[str, ...]
    state: FlagState
    note: str
    reviewed_by: str
    reviewed_at: datetime | None


def evaluate_flags(ctx: HallContext, start: date | None, end: date) -> int:
    """Flag cases approved between ``start`` and ``end`` (inclusive); returns new flags.

    The approver's presence is one EXISTS per case over the roster (any window
    of the hall, not marked absent); the domain decides what counts as evidence.
    Existing flags keep their review state; their reasons are brought up to date.
    A flag nobody reviewed goes when a corrected record leaves no evidence; a
    reviewed one stays, since the review is part of the case's history. A
    voided case is not judged: its flag, if any, stays as it was.

    Only the approvals that hold some evidence, or already have a flag, leave
    the database: a run after a roster correction weeks back re-judges tens of
    thousands of approvals, almost all of them clean, and judging those in
    Python found nothing. ``has_evidence`` says in SQL what the domain's
    reasons look at, so a case it leaves out is one with no reason.
    """
    presence = (
        exists()
        .where(
            RosterEntry.staff_id == Case.approved_by_id,
            RosterEntry.day == day_of(Case.approved_at, sqlite=ctx.db.is_sqlite),
            RosterEntry.attendance.is_not(False),
        )
        .correlate(Case)
    )
    end_at = datetime.combine(end, datetime.max.time())
    conditions = [
        Case.hall_id == ctx.hall_id,
        Case.voided_at.is_(None),
        Case.approved_at.is_not(None),
        Case.approved_at <= end_at,
        # An approval dated before 2000 is a placeholder or a typo, named by ``check``, not evidence.
        Case.approved_at >= datetime.combine(max(start or EARLIEST, EARLIEST), datetime.min.time()),
    ]
    has_evidence = or_(
        Case.approval_place == ApprovalPlace.BACK_OFFICE,
        Item.window_may_approve.is_not(True),
        and_(Case.approved_by_id.is_not(None), ~presence),
    )
    query = (
        select(
            Case.id,
            Case.approval_place,
            Case.approved_by_id,
            Case.approved_at,
            Item.window_may_approve,
            presence.label("present"),
            FrontShopFlag.id,
            FrontShopFlag.state,
            FrontShopFlag.reasons,
        )
        .join(Item, Case.item_id == Item.id)
        .outerjoin(FrontShopFlag, FrontShopFlag.case_id == Case.id)
        .where(*conditions, or_(FrontShopFlag.id.is_not(None), has_evidence))
    )
    new_flags: list[dict[str, object]] = []
    changed: list[dict[str, object]] = []
    stale: list[int] = []
    with ctx.db.session() as session:
        for row in session.execute(query):
            case_id, place, approver_id, approved_at, may_approve, present, flag_id, state, stored = row
            facts = ApprovalFacts(
                approved=True,
                approval_place=place,
                approver_present_in_hall=None if approver_id is None else bool(present),
                window_may_approve=bool(may_approve),
            )
            reasons = front_shop_reasons(facts)
            if not reasons:
                if flag_id is not None and state is FlagState.PENDING:
                    stale.append(flag_id)
                continue
            text = REASON_SEPARATOR.join(r.value for r in reasons)
            if flag_id is None:
                # Dated by the approval it is about, never by when the rules happened to look.
                new_flags.append(
                    {
                        "case_id": case_id,
                        "reasons": text,
                        "state": FlagState.PENDING,
                        "note": "",
                        "reviewed_by": "",
                        "created_at": approved_at,
                    }
                )
            elif stored != text:
                changed.append({"id": flag_id, "reasons": text})
        if changed:
            session.execute(update(FrontShopFlag), changed)
        # A case whose approval was taken back is no longer evidence of anything.
        stale += session.scalars(
            select(FrontShopFlag.id)
            .join(Case, FrontShopFlag.case_id == Case.id)
            .where(
                FrontShopFlag.state == FlagState.PENDING,
                Case.hall_id == ctx.hall_id,
                Case.approved_at.is_(None),
            )
        )
        for begin in range(0, len(stale), 5000):
            session.execute(delete(FrontShopFlag).where(FrontShopFlag.id.in_(stale[begin : begin + 5000])))
        # One statement for a file's thousands of back-office approvals, not one each; a flag another
        # PC wrote meanwhile is left as it is.
        insert_flags = upsert(ctx.db.engine.dialect.name, FrontShopFlag).on_conflict_do_nothing(
            index_elements=["case_id"]
        )
        for begin in range(0, len(new_flags), 5000):
            session.execute(insert_flags, new_flags[begin : begin + 5000])
    return len(new_flags)


def day_of(column, *, sqlite: bool):  # type: ignore[no-untyped-def]
    """The date part of a DATETIME column, comparable with a DATE column on either backend."""
    return func.date(column) if sqlite else cast(column, Date)


def ctx_now() -> datetime:
    return datetime.now().replace(microsecond=0)


def list_flags(
    ctx: HallContext, state: FlagState | None = None, *, approved_on: date | None = None, limit: int = 5000
) -> list[FlagRow]:
    ctx.require(Permission.READ_HALL, Permission.READ_HALL.value)
    approver = aliased(Staff)
    query = (
        select(
            FrontShopFlag.id,
            Case.id,
            Case.case_no,
            Window.number,
            Department.name,
            Item.name,
            Case.approved_at,
            func.coalesce(approver.name, ""),
            FrontShopFlag.reasons,
            FrontShopFlag.state,
            FrontShopFlag.note,
            FrontShopFlag.reviewed_by,
            FrontShopFlag.reviewed_at,
        )
        .join(Case, FrontShopFlag.case_id == Case.id)
        .join(Window, Case.window_id == Window.id)
        .join(Item, Case.item_id == Item.id)
        # The item's department approves the case, as in the case table and the weekly report.
        .join(Department, Item.department_id == Department.id)
        .outerjoin(approver, Case.approved_by_id == approver.id)
        # A voided case's flag is nothing to review; the case dialog still shows it.
        .where(Case.hall_id == ctx.hall_id, Case.voided_at.is_(None))
        # Pending first, then the newest approvals: in SQL, so the limit never drops a pending flag.
        .order_by(case((FrontShopFlag.state == FlagState.PENDING, 0), else_=1), Case.approved_at.desc())
        .limit(limit)
    )
    if state is not None:
        query = query.where(FrontShopFlag.state == state)
    if approved_on is not None:
        query = query.where(
            Case.approved_at >= datetime.combine(approved_on, datetime.min.time()),
            Case.approved_at < datetime.combine(approved_on + timedelta(days=1), datetime.min.time()),
        )
    with ctx.db.session() as session:
        rows = session.execute(query).all()
    return [
        FlagRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], tuple(r[8].split(REASON_SEPARATOR)), *r[9:])
        for r in rows
    ]


def review_flag(
    ctx: HallContext, flag_id: int, decision: FlagState, note: str, *, at: datetime | None = None
) -> FlagState:
    """Confirm or dismiss a flag with a note; the previous review stays in the case's history."""
    ctx.require(Permission.REVIEW_FLAGS, say("review a front shop, back factory flag"))
    from hallmonitor.storage.models import CaseEvent

    when = at or ctx_now()
    with ctx.db.session() as session:
        # The rules' mark first, as every writer takes it, so two PCs never wait on each other in a ring.
        # The window's 前店后厂 card follows the review: red when confirmed, ended when all are dismissed.
        facts_changed(session, ctx.hall_id, when)
        flag = session.scalar(
            select(FrontShopFlag)
            .join(Case, FrontShopFlag.case_id == Case.id)
            .where(FrontShopFlag.id == flag_id, Case.hall_id == ctx.hall_id)
            .with_for_update(of=FrontShopFlag)
        )
        if flag is None:
            raise ServiceError(
                say("There is no front shop, back factory flag numbered {flag}.", flag=flag_id)
            )
        voided = session.scalar(
            select(Case.case_no).where(Case.id == flag.case_id, Case.voided_at.is_not(None))
        )
        if voided is not None:
            raise ServiceError(
                say(
                    "Case {case_no} is voided: its front shop, back factory flag needs no review.",
                    case_no=voided,
                )
            )
        try:
            new_state = review(flag.state, decision, note)
        except ValueError as exc:
            raise ServiceError(str(exc)) from exc
        session.add(
            CaseEvent(
                case_id=flag.case_id,
                at=when,
                actor=ctx.actor.name,
                action=f"前店后厂{new_state.value}",
                note=say(
                    "{before} → {after}: {note}",
                    before=flag.state.value,
                    after=new_state.value,
                    note=note.strip(),
                ),
            )
        )
        flag.state, flag.note, flag.reviewed_by, flag.reviewed_at = (
            new_state,
            note.strip(),
            ctx.actor.name,
            when,
        )
    return new_state


def reasons_of(text: str) -> tuple[FrontShopReason, ...]:
    return tuple(FrontShopReason(r) for r in text.split(REASON_SEPARATOR) if r)
