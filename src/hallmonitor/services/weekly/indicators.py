"""The core indicators of the week: bundles finished in it, real estate done in it, the week's trips.

A bundle (一件事) counts in the week its last step is completed, so its
earlier steps are loaded too even when they were finished weeks before.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hallmonitor.domain.enums import ENTERPRISE_SETUP_CATEGORIES, CaseStatus, ItemCategory
from hallmonitor.domain.indicators import CaseFacts, ItemFacts, compute_indicators
from hallmonitor.domain.plausible import EARLIEST_MOMENT
from hallmonitor.domain.rule_settings import RuleSettings
from hallmonitor.domain.work_calendar import WorkCalendar
from hallmonitor.reports.weekly import IndicatorRow, yes_no
from hallmonitor.services.cases import CHUNK
from hallmonitor.services.weekly.span import Span
from hallmonitor.storage.models import Case, Item

_BUNDLE_CATEGORIES = (*ENTERPRISE_SETUP_CATEGORIES, ItemCategory.CONSTRUCTION_PROJECT)


def facts_finished_this_week(
    session: Session, hall_id: int, span: Span, known: list[CaseFacts]
) -> list[CaseFacts]:
    """Cases completed this week but received earlier, and the other steps of bundles they finish.

    Their trips are left out (None) so the one-trip share stays a share of the week's intake, the
    same population as 办件明细 and 多次跑动件数.
    """
    seen = {f.case_no for f in known}
    columns = (Case.case_no, Item.category, Case.bundle_key, Case.received_at, Case.completed_at, Case.status)
    earlier = session.execute(
        select(*columns)
        .join(Item, Case.item_id == Item.id)
        .where(
            span.completed_in_week(),
            Case.voided_at.is_(None),
            Case.received_at < span.start,
            Case.received_at >= EARLIEST_MOMENT,
            Case.status == CaseStatus.COMPLETED,
        )
    ).all()
    extra = [_fact(span, row) for row in earlier if row.case_no not in seen]
    seen.update(f.case_no for f in extra)
    keys = sorted(
        {
            f.bundle_key
            for f in (*known, *extra)
            if f.bundle_key and f.done_on is not None and f.done_on >= span.start.date()
        }
    )
    for start in range(0, len(keys), CHUNK):
        members = session.execute(
            select(*columns)
            .join(Item, Case.item_id == Item.id)
            .where(
                Case.hall_id == hall_id,
                Case.voided_at.is_(None),
                Case.bundle_key.in_(keys[start : start + CHUNK]),
                Item.category.in_(_BUNDLE_CATEGORIES),
                Case.received_at <= span.as_of,
                Case.received_at >= EARLIEST_MOMENT,
            )
        ).all()
        for row in members:
            if row.case_no not in seen:
                seen.add(row.case_no)
                extra.append(_fact(span, row))
    return extra


def _fact(span: Span, row) -> CaseFacts:  # type: ignore[no-untyped-def]
    done = span.done(row.completed_at)
    finished_ok = done is not None and row.status is CaseStatus.COMPLETED
    return CaseFacts(
        row.case_no, row.category, row.bundle_key, row.received_at.date(), done, None, finished_ok
    )


def indicator_rows(
    session: Session, hall_id: int, facts: list[CaseFacts], calendar: WorkCalendar, settings: RuleSettings
) -> list[IndicatorRow]:
    items = [
        ItemFacts(*row)
        for row in session.execute(
            select(Item.code, Item.admitted, Item.window_may_approve).where(Item.hall_id == hall_id)
        )
    ]
    rows = []
    for result in compute_indicators(facts, items, calendar, settings):
        is_rate = result.unit == "%"
        met: str = ""
        if result.actual is not None:
            met = yes_no(result.actual >= result.target if is_rate else result.actual <= result.target)
        rows.append(
            IndicatorRow(
                result.name,
                result.target,
                result.actual,
                result.sample_count,
                result.met_rate,
                result.unit,
                result.met_count,
                met,
            )
        )
    return rows
