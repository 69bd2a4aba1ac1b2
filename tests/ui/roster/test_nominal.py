"""The roster grid marks a session suspected of 挂名: in the cell, its tooltip and what a screen reader says."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from hallmonitor.services.staffing import load_week
from hallmonitor.ui.roster.delegate import NOMINAL_COLOUR, RosterDelegate
from hallmonitor.ui.roster.model import NominalRole, RosterModel
from tests.support.nominal_week import import_week

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def model(sqlite_hall, tmp_path: Path, qapp):  # type: ignore[no-untyped-def]
    import_week(sqlite_hall, tmp_path)
    model = RosterModel(today=lambda: date(2026, 5, 18))
    model.load(load_week(sqlite_hall, date(2026, 5, 11), now=datetime(2026, 5, 18, 9, 0)))
    return model


def cell(model: RosterModel, number: str, column: int):  # type: ignore[no-untyped-def]
    assert model.week is not None
    row = next(i for i, w in enumerate(model.week.windows) if w.number == number)
    return model.index(row, column)


def test_a_suspected_cell_says_so_and_a_clean_one_does_not(qtmodeltester, model) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(model)
    a01, b01 = cell(model, "A01", 0), cell(model, "B01", 0)
    assert model.data(a01, NominalRole).status == "待核查"
    assert model.data(b01, NominalRole) is None
    tip = model.data(a01, Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[0] == "Compliant"  # the roster's word stays
    assert tip.splitlines()[-1].startswith("⚑ Suspected nominal presence (to verify): 受理办件 6 件")
    assert "Suspected nominal presence" in model.data(a01, Qt.ItemDataRole.AccessibleTextRole)
    assert "Suspected" not in model.data(b01, Qt.ItemDataRole.ToolTipRole)


def test_the_delegate_paints_the_amber_mark_on_a_suspected_cell_only(model) -> None:  # type: ignore[no-untyped-def]
    delegate = RosterDelegate()

    def painted(index) -> QColor:  # type: ignore[no-untyped-def]
        image = QImage(QSize(120, 60), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        option = QStyleOptionViewItem()
        option.rect = image.rect()
        painter = QPainter(image)
        delegate.paint(painter, option, index)
        painter.end()
        return image.pixelColor(117, 57)  # inside the bottom-right corner

    assert painted(cell(model, "A01", 0)) == QColor(NOMINAL_COLOUR)
    assert painted(cell(model, "B01", 0)) != QColor(NOMINAL_COLOUR)
