"""Cases (办件): entered at the window, found among a million, shown in full, and their due dates.

Its names load when first asked for: the rules run asks for the due dates alone at every
run, and that must not cost loading case entry (and with it the import readers and openpyxl).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hallmonitor.lazy import lazy_names

if TYPE_CHECKING:
    from hallmonitor.services.cases.applicants import applicant_identity
    from hallmonitor.services.cases.corrections import (
        FIELD_LABELS,
        correct_case,
        correction_input,
        display_value,
        record_correction,
    )
    from hallmonitor.services.cases.due_dates import (
        CHUNK,
        case_due_date,
        refresh_due_dates,
        special_periods_of,
    )
    from hallmonitor.services.cases.entry import (
        CaseInput,
        InvalidCaseInput,
        add_special_period,
        complete_case,
        end_special_period,
        register_case,
    )
    from hallmonitor.services.cases.outline import STRIDE, CaseOutline, case_outline, fetch_cases
    from hallmonitor.services.cases.paging import PAGE, PageStart, Place, case_page, find_cases
    from hallmonitor.services.cases.query import (
        SORT_KEYS,
        CaseFilter,
        CaseResult,
        CaseRow,
        FilterChoices,
        count_cases,
        deadline_state,
        filter_choices,
    )
    from hallmonitor.services.cases.search import NO_KEY_SEARCH, SEARCH_CAP, SearchKind
    from hallmonitor.services.cases.view import (
        CaseDetail,
        Choice,
        EntryChoices,
        EventInfo,
        case_detail,
        changes_of,
        check_applicant_id,
        entry_choices,
    )
    from hallmonitor.services.cases.voiding import case_id_of, void_case

#: Where each name of the package lives.
_HOMES = {
    "CHUNK": "due_dates",
    "CaseDetail": "view",
    "CaseFilter": "query",
    "CaseInput": "entry",
    "CaseOutline": "outline",
    "CaseResult": "query",
    "CaseRow": "query",
    "Choice": "view",
    "EntryChoices": "view",
    "EventInfo": "view",
    "FIELD_LABELS": "corrections",
    "FilterChoices": "query",
    "InvalidCaseInput": "entry",
    "NO_KEY_SEARCH": "search",
    "PAGE": "paging",
    "PageStart": "paging",
    "Place": "paging",
    "SEARCH_CAP": "search",
    "SORT_KEYS": "query",
    "STRIDE": "outline",
    "SearchKind": "search",
    "add_special_period": "entry",
    "applicant_identity": "applicants",
    "case_detail": "view",
    "case_due_date": "due_dates",
    "case_id_of": "voiding",
    "case_outline": "outline",
    "case_page": "paging",
    "changes_of": "view",
    "check_applicant_id": "view",
    "complete_case": "entry",
    "correct_case": "corrections",
    "correction_input": "corrections",
    "count_cases": "query",
    "deadline_state": "query",
    "display_value": "corrections",
    "end_special_period": "entry",
    "entry_choices": "view",
    "fetch_cases": "outline",
    "filter_choices": "query",
    "find_cases": "paging",
    "record_correction": "corrections",
    "refresh_due_dates": "due_dates",
    "register_case": "entry",
    "special_periods_of": "due_dates",
    "void_case": "voiding",
}

__all__ = [
    "CHUNK",
    "FIELD_LABELS",
    "NO_KEY_SEARCH",
    "PAGE",
    "SEARCH_CAP",
    "SORT_KEYS",
    "STRIDE",
    "CaseDetail",
    "CaseFilter",
    "CaseInput",
    "CaseOutline",
    "CaseResult",
    "CaseRow",
    "Choice",
    "EntryChoices",
    "EventInfo",
    "FilterChoices",
    "InvalidCaseInput",
    "PageStart",
    "Place",
    "SearchKind",
    "add_special_period",
    "applicant_identity",
    "case_detail",
    "case_due_date",
    "case_id_of",
    "case_outline",
    "case_page",
    "changes_of",
    "check_applicant_id",
    "complete_case",
    "correct_case",
    "correction_input",
    "count_cases",
    "deadline_state",
    "display_value",
    "end_special_period",
    "entry_choices",
    "fetch_cases",
    "filter_choices",
    "find_cases",
    "record_correction",
    "refresh_due_dates",
    "register_case",
    "special_periods_of",
    "void_case",
]


__getattr__ = lazy_names(__name__, _HOMES, globals())
