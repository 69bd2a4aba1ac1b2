"""An empty hall's statistics: each chart says 暂无数据 and the page says what to do next; nothing stalls opening it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime

import pytest
from PySide6.QtCore import QThreadPool

from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv
from tests.support.case_seed import seed_hall
from tests.support.paths import REPO

NOW = datetime(2026, 5, 22, 16, 0)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def bare_env(sqlite_hall, qapp):  # type: ignore[no-untyped-def]
    runner = OperationRunner(QThreadPool())
    yield UiEnv(ctx=sqlite_hall, runner=runner, bus=ChangeBus(), clock=lambda: NOW)
    runner.wait(10_000)


def open_page(qtbot, env):  # type: ignore[no-untyped-def]
    from hallmonitor.ui.charts.page import ChartsPage

    page = ChartsPage(env)
    qtbot.addWidget(page)
    page.resize(1340, 700)
    page.show()
    with qtbot.waitSignal(page.data_ready, timeout=20_000):
        page.refresh()
    return page


def test_a_hall_without_windows_says_where_to_add_them(qtbot, bare_env, language):
    page = open_page(qtbot, bare_env)
    assert all(chart.is_empty for chart in page.charts)
    assert all(
        chart.empty_label.text() == ("暂无数据" if language == "zh_CN" else "No data yet")
        for chart in page.charts
    )
    hint = page.hint.text()
    assert page.hint.isVisible()
    if language == "zh_CN":
        assert hint == "还没有窗口：在 大厅资料 添加，或 文件 ▸ 导入。"
    else:
        assert hint == "No windows yet: add them on Hall data, or File ▸ Import."
    assert all(chart.empty_hint.text() == hint for chart in page.charts)
    assert all(chart.plot.listDataItems() == [] for chart in page.charts)  # no fake axes with nothing on them


def test_windows_without_cases_point_to_entering_cases(qtbot, bare_env, language):
    seed_hall(bare_env.ctx)
    page = open_page(qtbot, bare_env)
    assert page.window_chart.is_empty and page.daily_chart.is_empty
    # No roster either: the weekly chart says what would fill it.
    assert page.compliance_chart.is_empty
    weekly = page.compliance_chart.empty_hint.text()
    assert ("排班与到岗" in weekly) if language == "zh_CN" else ("rostered" in weekly)
    hint = page.hint.text()
    assert "2026-04-25" in hint and "2026-05-22" in hint
    assert ("办件登记" in hint and "文件 ▸ 导入" in hint) if language == "zh_CN" else ("Cases" in hint)


CHILD = """
import json, sys, threading
from datetime import datetime
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

imported_on = []

class Spy:
    def find_spec(self, name, path=None, target=None):
        if name == "pyqtgraph":
            imported_on.append(threading.current_thread() is threading.main_thread())
        return None

sys.meta_path.insert(0, Spy())
app = QApplication([])
from hallmonitor.services.hall import hall_context
from hallmonitor.storage.database import open_database
from hallmonitor.ui.charts.page import ChartsPage
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv

ctx = hall_context(open_database(sys.argv[1]))
env = UiEnv(ctx=ctx, runner=OperationRunner(), bus=ChangeBus(), clock=lambda: datetime(2026, 5, 22, 16, 0))
page = ChartsPage(env)
page.show()
page.refresh()
opened = {"loaded": "pyqtgraph" in sys.modules, "loading": page.loading.isVisible()}
loop = QEventLoop()
page.data_ready.connect(loop.quit)
QTimer.singleShot(60_000, loop.quit)
loop.exec()
env.runner.wait(10_000)
print(json.dumps({**opened, "main_thread": imported_on, "charts": len(page.charts)}))
ctx.db.close()
"""


def test_the_page_opens_at_once_and_loads_pyqtgraph_off_the_ui_thread(sqlite_hall, tmp_path):
    seed_hall(sqlite_hall)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HALLMONITOR_LOG_DIR=str(tmp_path / "log"))
    child = subprocess.run(
        [sys.executable, "-c", CHILD, sqlite_hall.db.url],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    result = json.loads(child.stdout.strip().splitlines()[-1])
    # Shown with its "loading" line before pyqtgraph is there; pyqtgraph then came in on a worker.
    assert result == {"loaded": False, "loading": True, "main_thread": [False], "charts": 6}
