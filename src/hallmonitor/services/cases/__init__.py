"""Cases (办件): entered at the window, found among a million, shown in full, and their due dates."""

from hallmonitor.services.cases.applicants import applicant_identity
from hallmonitor.services.cases.corrections import (
    FIELD_LABELS,
    correct_case,
    correction_input,
    display_value,
    record_correction,
)
from hallmonitor.services.cases.due_dates import CHUNK, case_due_date, refresh_due_dates, special_periods_of
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
