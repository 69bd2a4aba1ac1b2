"""Staffing: the roster as it is edited, the verdict of every window and session, and the board.

Who is at which window decides everything the directive asks, so the
verdicts here feed the board, the rules, the weekly report and the charts.

Its names load when first asked for: the rules run and a day's check ask for the
verdicts, not the board or the roster editor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hallmonitor.lazy import lazy_names

if TYPE_CHECKING:
    from hallmonitor.services.staffing.board import (
        BoardSnapshot,
        BoardTile,
        DutyPerson,
        TileAlert,
        TileDetail,
        TileStatus,
        board_snapshot,
        display_slot,
        open_alert_count,
        tile_detail,
    )
    from hallmonitor.services.staffing.categories import (
        CategoryHistory,
        category_history,
    )
    from hallmonitor.services.staffing.nominal import (
        NominalEvidence,
        NominalSession,
        nominal_sessions,
        session_evidence,
    )
    from hallmonitor.services.staffing.reviews import (
        ReviewRecord,
        confirmed_nominal,
        last_reviews,
        nominal_reviews,
    )
    from hallmonitor.services.staffing.roster import (
        Cell,
        CellKey,
        RosterCellChange,
        RosterConflict,
        RosterWeek,
        SaveResult,
        StaffOption,
        cell_verdict,
        load_week,
        monday_of,
        save_roster_changes,
    )
    from hallmonitor.services.staffing.roster_edits import (
        copied_cells,
        find_staff,
        with_attendance,
        with_staff,
        without_staff,
    )
    from hallmonitor.services.staffing.suspected import (
        NOMINAL_STATUSES,
        SuspectedLine,
        suspected_lines,
    )
    from hallmonitor.services.staffing.verdicts import (
        WindowInfo,
        duty_records,
        judge_range,
        judged_since,
        session_starts,
        states_at,
        windows,
    )

#: Where each name of the package lives.
_HOMES = {
    "BoardSnapshot": "board",
    "BoardTile": "board",
    "CategoryHistory": "categories",
    "Cell": "roster",
    "CellKey": "roster",
    "DutyPerson": "board",
    "NOMINAL_STATUSES": "suspected",
    "NominalEvidence": "nominal",
    "NominalSession": "nominal",
    "ReviewRecord": "reviews",
    "RosterCellChange": "roster",
    "RosterConflict": "roster",
    "RosterWeek": "roster",
    "SaveResult": "roster",
    "StaffOption": "roster",
    "SuspectedLine": "suspected",
    "TileAlert": "board",
    "TileDetail": "board",
    "TileStatus": "board",
    "WindowInfo": "verdicts",
    "board_snapshot": "board",
    "category_history": "categories",
    "cell_verdict": "roster",
    "confirmed_nominal": "reviews",
    "copied_cells": "roster_edits",
    "display_slot": "board",
    "duty_records": "verdicts",
    "find_staff": "roster_edits",
    "judge_range": "verdicts",
    "judged_since": "verdicts",
    "last_reviews": "reviews",
    "load_week": "roster",
    "monday_of": "roster",
    "nominal_reviews": "reviews",
    "nominal_sessions": "nominal",
    "open_alert_count": "board",
    "save_roster_changes": "roster",
    "session_evidence": "nominal",
    "session_starts": "verdicts",
    "states_at": "verdicts",
    "suspected_lines": "suspected",
    "tile_detail": "board",
    "windows": "verdicts",
    "with_attendance": "roster_edits",
    "with_staff": "roster_edits",
    "without_staff": "roster_edits",
}

__all__ = [
    "NOMINAL_STATUSES",
    "BoardSnapshot",
    "BoardTile",
    "CategoryHistory",
    "Cell",
    "CellKey",
    "DutyPerson",
    "NominalEvidence",
    "NominalSession",
    "ReviewRecord",
    "RosterCellChange",
    "RosterConflict",
    "RosterWeek",
    "SaveResult",
    "StaffOption",
    "SuspectedLine",
    "TileAlert",
    "TileDetail",
    "TileStatus",
    "WindowInfo",
    "board_snapshot",
    "category_history",
    "cell_verdict",
    "confirmed_nominal",
    "copied_cells",
    "display_slot",
    "duty_records",
    "find_staff",
    "judge_range",
    "judged_since",
    "last_reviews",
    "load_week",
    "monday_of",
    "nominal_reviews",
    "nominal_sessions",
    "open_alert_count",
    "save_roster_changes",
    "session_evidence",
    "session_starts",
    "states_at",
    "suspected_lines",
    "tile_detail",
    "windows",
    "with_attendance",
    "with_staff",
    "without_staff",
]


__getattr__ = lazy_names(__name__, _HOMES, globals())
