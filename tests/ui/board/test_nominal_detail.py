"""A tile's detail marks a session suspected of 挂名 under the people the roster has there."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from hallmonitor.services.staffing import tile_detail, windows
from hallmonitor.ui.board.detail import TileDetailDialog
from tests.support.nominal_week import import_week

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_detail_shows_the_suspicion_how_it_stands_and_why(qtbot, sqlite_hall, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import_week(sqlite_hall, tmp_path)
    ids = {w.number: w.id for w in windows(sqlite_hall)}
    detail = tile_detail(sqlite_hall, ids["A01"], date(2026, 5, 12), now=datetime(2026, 5, 12, 14, 0))
    dialog = TileDetailDialog(detail)
    qtbot.addWidget(dialog)
    text = dialog.roster_label.text()
    # The morning is judged (its cases were in by 13:30), the afternoon is still going on.
    assert text.count("Suspected nominal presence (to verify)") == 1
    assert "受理办件 6 件，均非排班正式人员受理或审批" in text
    morning, afternoon = text.split("Afternoon", 1)
    assert "Suspected" in morning and "Suspected" not in afternoon
    clean = TileDetailDialog(
        tile_detail(sqlite_hall, ids["B01"], date(2026, 5, 12), now=datetime(2026, 5, 20))
    )
    qtbot.addWidget(clean)
    assert "Suspected" not in clean.roster_label.text()
