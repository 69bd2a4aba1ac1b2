"""The case dialog of a case whose stored facts no hall could mean: it opens and says why there is no deadline."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime

import pytest
from PySide6.QtCore import QThreadPool

from hallmonitor.ui.cases.dialog import CaseDialog
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from tests.support.implausible import plant

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_a_case_received_in_9999_opens_and_says_its_deadline_is_not_worked_out(sqlite_hall, qapp, qtbot):
    planted = plant(sqlite_hall)
    runner = OperationRunner(QThreadPool())
    env = UiEnv(ctx=sqlite_hall, runner=runner, bus=ChangeBus(), clock=lambda: datetime(2026, 5, 20, 10, 0))
    dialog = CaseDialog(env, planted.week.cases["C04"])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.detail_shown, timeout=10_000):
        dialog.show()
    assert dialog.deadline_text.text().startswith("受理时间 9999-12-31 10:00 超出合理范围")
    assert not dialog.error.isVisible() or not dialog.error.text()
    runner.wait(10_000)
