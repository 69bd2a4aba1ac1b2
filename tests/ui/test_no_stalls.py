"""A case save, a roster save and an alert action on the demo hall do their work off the UI thread.

Each action's service call is wrapped where the UI module finds it, and the
thread it ran on recorded: it must not be the QApplication's, nor must the
rules run that follows. The longest gap of a 20 ms timer on the UI thread
around each action is recorded (and printed with ``-s``), not asserted: it
depends on the PC. benchmarks/bench_stalls.py reports it against a baseline.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from tests.support.stalls import (
    GapRecorder,
    act_on_an_alert,
    build_demo_file,
    open_demo_window,
    save_a_case,
    save_the_roster,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(scope="module")
def demo_file(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stalls") / "demo.sqlite3"
    shutil.copyfile(sqlite_template, path)
    build_demo_file(f"sqlite:///{path}")
    return path


@pytest.fixture
def demo(qtbot, qapp, demo_file: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_file, path)
    opened = open_demo_window(f"sqlite:///{path}", debounce_ms=50)
    qtbot.addWidget(opened.window)
    qtbot.waitUntil(lambda: opened.idle and opened.watch.monitor.runs >= 1, timeout=30_000)
    yield opened
    opened.watch.monitor.stop()
    qtbot.waitUntil(lambda: opened.idle, timeout=30_000)
    opened.env.runner.wait(30_000)


def _record_threads(monkeypatch: pytest.MonkeyPatch, target: Any, name: str) -> list[int]:
    """Wrap ``target.name`` so each call notes the thread it ran on."""
    threads: list[int] = []
    original = getattr(target, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, wrapped)
    return threads


def _measured(qtbot, demo, open_page: str, act: Callable[[Any], Callable[[], bool]]) -> list[int]:  # type: ignore[no-untyped-def]
    demo.page(open_page)
    qtbot.waitUntil(lambda: demo.idle, timeout=30_000)
    runs = demo.watch.monitor.runs
    recorder = GapRecorder()
    recorder.start()
    done = act(demo)
    qtbot.waitUntil(lambda: done() and demo.watch.monitor.runs > runs and demo.idle, timeout=30_000)
    gaps = recorder.stop()
    print(f"{act.__name__}: longest gap {max(gaps)} ms over {len(gaps)} ticks of 20 ms")
    return gaps


def _ui_thread() -> int:
    assert QThread.currentThread() is QApplication.instance().thread()
    return threading.get_ident()


@pytest.fixture
def rules_threads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from hallmonitor.ui.watch import monitor

    return _record_threads(monkeypatch, monitor, "run_rules")


def test_a_case_save_and_the_rules_after_it_run_off_the_ui_thread(qtbot, demo, monkeypatch, rules_threads):
    from hallmonitor.ui.cases import actions

    saves = _record_threads(monkeypatch, actions, "complete_case")
    gaps = _measured(qtbot, demo, "cases", save_a_case)
    assert len(saves) == 1 and rules_threads
    assert _ui_thread() not in {*saves, *rules_threads}
    assert gaps  # the timer kept ticking while the case was stored


def test_a_roster_save_and_the_rules_after_it_run_off_the_ui_thread(qtbot, demo, monkeypatch, rules_threads):
    from hallmonitor.ui.roster import page

    saves = _record_threads(monkeypatch, page.staffing, "save_roster_changes")
    gaps = _measured(qtbot, demo, "roster", save_the_roster)
    assert len(saves) == 1 and rules_threads
    assert _ui_thread() not in {*saves, *rules_threads}
    assert demo.window.page("roster").message_label.text().startswith(("Saved", "已保存"))
    assert gaps


def test_an_alert_action_and_the_rules_after_it_run_off_the_ui_thread(
    qtbot, demo, monkeypatch, rules_threads
):
    from hallmonitor.ui.alerts import page

    actions = _record_threads(monkeypatch, page, "perform")
    gaps = _measured(qtbot, demo, "alerts", act_on_an_alert)
    assert len(actions) == 1 and rules_threads
    assert _ui_thread() not in {*actions, *rules_threads}
    assert gaps
