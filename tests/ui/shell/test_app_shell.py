"""The application shell: smoke start, translations, font, errors as sentences, remembered window."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from contextlib import closing
from datetime import datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from hallmonitor import app as app_module
from hallmonitor.app import ErrorHook, chinese_font_family, install_translations, run_app
from hallmonitor.domain.permissions import Permission
from hallmonitor.services.hall import PermissionDenied, ServiceError
from hallmonitor.storage.database import DatabaseError
from hallmonitor.ui.shell import dialogs, pages
from hallmonitor.ui.shell.dialogs import error_text, show_error
from hallmonitor.ui.shell.main_window import MainWindow
from hallmonitor.ui.shell.operations import OperationRunner
from hallmonitor.ui.shell.preferences import app_settings, ui_language
from tests.support.hall_builder import build_small_hall

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def shown_boxes(monkeypatch):
    """Message boxes that would have been shown, without blocking the test."""
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


def test_smoke_mode_opens_the_app_and_exits_0_once_the_board_is_painted(qapp, sqlite_hall, capsys):
    build_small_hall(sqlite_hall)
    assert run_app(db_url=sqlite_hall.db.url, smoke=True) == 0


def test_smoke_mode_always_opens_the_first_page_and_remembers_nothing(
    qapp, sqlite_hall, isolated_preferences
):
    build_small_hall(sqlite_hall)
    settings = app_settings()
    settings.setValue("main_window/last_page", "roster")
    settings.sync()
    before = {p: p.read_bytes() for p in isolated_preferences.rglob("*.ini")}
    assert run_app(db_url=sqlite_hall.db.url, smoke=True) == 0
    assert {p: p.read_bytes() for p in isolated_preferences.rglob("*.ini")} == before


def test_smoke_mode_on_a_named_page_waits_for_that_pages_data(qapp, sqlite_hall, caplog) -> None:
    """The bundle's check opens the charts page this way, so a broken numpy or pyqtgraph fails it."""
    build_small_hall(sqlite_hall)
    with caplog.at_level(logging.INFO, logger="hallmonitor"):
        assert run_app(db_url=sqlite_hall.db.url, smoke=True, page="charts") == 0
    painted = [r.getMessage() for r in caplog.records if r.getMessage().startswith("smoke: page")]
    assert painted == ["smoke: page charts painted its data"]


def test_smoke_mode_on_a_page_the_account_does_not_have_exits_2_naming_the_pages(
    qapp, sqlite_hall, capsys
) -> None:
    build_small_hall(sqlite_hall)
    assert run_app(db_url=sqlite_hall.db.url, smoke=True, page="nonsense") == 2
    err = capsys.readouterr().err
    assert "nonsense" in err and "charts" in err and "Traceback" not in err


def test_smoke_mode_on_a_database_without_a_hall_exits_1_with_a_sentence(qapp, sqlite_url, capsys):
    assert run_app(db_url=sqlite_url, smoke=True) == 1
    assert "hallmonitor init" in capsys.readouterr().err


def test_a_database_that_cannot_be_opened_offers_the_demo_hall(qapp, tmp_path, monkeypatch, sqlite_hall):
    asked: list[str] = []
    monkeypatch.setattr(app_module, "_ask_demo", lambda parent, sentence: asked.append(sentence) or True)
    monkeypatch.setattr(app_module, "_build_demo_database", lambda runner, real_url=None: sqlite_hall)
    start = app_module.open_hall_context("nonsense://", False, OperationRunner())
    assert start is not None and start.ctx is sqlite_hall and start.demo
    assert "nonsense://" in asked[0]


def test_the_chinese_catalogue_and_qts_own_are_loaded(qapp):
    saved = QLocale()
    translators = install_translations(qapp, "zh_CN")
    try:
        assert QLocale().language() is QLocale.Language.Chinese
        assert len(translators) == 2
        assert QCoreApplication.translate("MainWindow", "Hall board") == "大厅态势"
        assert QCoreApplication.translate("Vocabulary", "F") == "正"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(saved)
    assert QCoreApplication.translate("MainWindow", "Hall board") == "Hall board"


def test_english_is_chosen_by_the_environment(monkeypatch, qapp):
    assert ui_language() == "zh_CN"
    monkeypatch.setenv("HALLMONITOR_LANG", "en")
    assert ui_language() == "en"
    saved = QLocale()
    assert install_translations(qapp, "en") == []
    QLocale.setDefault(saved)


def test_a_simplified_chinese_font_is_preferred_over_a_japanese_fallback():
    assert chinese_font_family(["Noto Sans CJK JP", "WenQuanYi Micro Hei"]) == "WenQuanYi Micro Hei"
    assert chinese_font_family(["WenQuanYi Micro Hei", "Noto Sans CJK SC"]) == "Noto Sans CJK SC"
    assert chinese_font_family(["DejaVu Sans"]) is None
    assert chinese_font_family() is not None  # the app's own, at least (tests/ui/conftest.py)


def test_a_service_error_is_shown_as_its_sentence_and_what_to_do(qapp, shown_boxes):
    show_error(None, ServiceError("窗口 A09 不存在。"))
    box = shown_boxes[-1]
    assert box.text() == "窗口 A09 不存在。"
    assert box.informativeText() == "Correct what the message says and try again."
    assert error_text(PermissionDenied("无权修改排班。"))[1].startswith("Ask the hall's supervisor")
    assert "database" in error_text(DatabaseError("无法打开数据库 x"))[1]


def test_an_unexpected_error_shows_no_traceback_but_the_log_file(qapp, shown_boxes, caplog):
    with caplog.at_level(logging.ERROR, logger="hallmonitor.ui"):
        show_error(None, KeyError("internal detail"))
    box = shown_boxes[-1]
    assert "internal detail" not in box.text() + box.informativeText()
    assert "hallmonitor.log" in box.informativeText()
    assert "internal detail" in caplog.text


def test_the_error_hook_logs_and_shows_a_dialog(qapp, shown_boxes, caplog):
    hook = ErrorHook(smoke=False)
    hook.install()
    try:
        assert sys.excepthook is hook
        with caplog.at_level(logging.ERROR, logger="hallmonitor.app"):
            try:
                raise RuntimeError("boom")
            except RuntimeError as exc:
                hook(type(exc), exc, exc.__traceback__)
    finally:
        hook.uninstall()
    assert sys.excepthook is not hook
    assert "uncaught error" in caplog.text
    assert shown_boxes[-1].text().startswith("Something unexpected went wrong")


def test_the_navigation_lists_the_registered_pages_and_skips_missing_ones(qtbot, env, monkeypatch, caplog):
    monkeypatch.setattr(
        "hallmonitor.ui.shell.main_window.PAGES",
        [
            *pages.PAGES,
            ("ghost", "hallmonitor.ui.shell.pages.no_such_page", "GhostPage", Permission.READ_HALL),
        ],
    )
    with caplog.at_level(logging.INFO, logger="hallmonitor.ui"):
        window = MainWindow(env)
    qtbot.addWidget(window)
    assert "ghost" not in window.page_keys
    assert window.page_keys[:2] == ["board", "roster"]
    assert "no_such_page" in caplog.text
    assert [window.nav.item(i).text() for i in range(2)] == ["Hall board", "Roster and attendance"]


def test_menus_carry_the_native_shortcuts(qtbot, env):
    window = MainWindow(env)
    qtbot.addWidget(window)
    assert window.action_refresh.shortcut() == QKeySequence("F5")
    assert window.action_export.shortcut() == QKeySequence("Ctrl+E")
    assert window.action_new_case.shortcut() == QKeySequence("Ctrl+N")
    assert window.action_search.shortcut() == QKeySequence("Ctrl+F")
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&View", "&Cases", "&Help"]


def test_new_case_and_search_open_the_cases_page_and_ask_it(qtbot, env, monkeypatch):
    from hallmonitor.ui.cases import CasesPage

    calls: list[str] = []
    monkeypatch.setattr(CasesPage, "new_case", lambda self: calls.append("new"))
    monkeypatch.setattr(CasesPage, "focus_search", lambda self: calls.append("search"))
    window = MainWindow(env)
    qtbot.addWidget(window)
    window.show()
    window.action_new_case.trigger()
    assert window.current_key == "cases"
    window.action_search.trigger()
    assert calls == ["new", "search"]


def test_the_status_bar_shows_the_hall_the_session_and_open_alerts(qtbot, env):
    window = MainWindow(env)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.status.alerts_label.property("count") == 1, timeout=10_000)
    assert window.status.hall_label.text() == "测试市政务服务大厅"
    assert window.status.session_label.text() == "Morning"
    assert window.status.clock_label.text() == "2026-05-11 10:00"


def test_size_and_last_page_are_remembered(qtbot, env, isolated_preferences):
    window = MainWindow(env)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda k: k == "roster"):
        window.show_page("roster")
    window.resize(1111, 777)
    window.close()
    assert list(isolated_preferences.rglob("*.ini"))  # written to the test's folder, not the user's

    again = MainWindow(env)
    qtbot.addWidget(again)
    assert again.start_key == "roster"
    with qtbot.waitSignal(again.page_ready, timeout=10_000):
        again.open_start_page()
    assert again.current_key == "roster"


def test_refresh_reloads_the_current_page(qtbot, env):
    window = MainWindow(env)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.page_ready, timeout=10_000):
        window.show_page("board")
    with qtbot.waitSignal(window.page_ready, timeout=10_000, check_params_cb=lambda k: k == "board"):
        window.action_refresh.trigger()


def test_long_work_waits_behind_a_progress_dialog_and_returns_its_result(qtbot, qapp):
    runner = OperationRunner()
    assert dialogs.run_and_wait(None, runner, "sum", lambda progress: sum(range(10)), "…") == 45
    with pytest.raises(ServiceError):
        dialogs.run_and_wait(None, runner, "fail", _fail, "…")
    runner.wait(5_000)


def _fail(_progress):
    raise ServiceError("不行。")


def test_opening_the_shell_and_its_pages_imports_no_heavy_module():
    code = (
        "import sys, hallmonitor.app, hallmonitor.ui.shell.main_window, hallmonitor.ui.board.page, "
        "hallmonitor.ui.roster.page; "
        "print(sorted(m for m in ('pyqtgraph', 'openpyxl') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_database_chosen_in_settings_is_opened_at_the_next_start(qapp, sqlite_hall, monkeypatch):
    from hallmonitor.storage.database import ENV_VAR
    from hallmonitor.ui.shell.preferences import DATABASE_URL_KEY

    build_small_hall(sqlite_hall)
    monkeypatch.delenv(ENV_VAR, raising=False)
    settings = app_settings()
    settings.setValue(DATABASE_URL_KEY, sqlite_hall.db.url)
    settings.sync()
    assert app_module.chosen_database_url(None) == sqlite_hall.db.url
    assert run_app(db_url=None, smoke=True) == 0
    # --db and $HALLMONITOR_DB still come first.
    assert app_module.chosen_database_url("sqlite:///other.sqlite3") == "sqlite:///other.sqlite3"
    monkeypatch.setenv(ENV_VAR, "sqlite:///from-env.sqlite3")
    assert app_module.chosen_database_url(None) is None


def test_the_start_window_shows_before_the_database_layer_is_loaded():
    # What a double-click shows within a fraction of a second: nothing of SQLAlchemy, the models or
    # the services is needed for it, so none of it is loaded yet.
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "import hallmonitor.app\n"
        "from hallmonitor.ui.shell import ErrorHook, OperationRunner, StartWindow, install_translations\n"
        "install_translations(app, 'zh_CN'); ErrorHook(False); OperationRunner()\n"
        "window = StartWindow(); window.show_now()\n"
        "print(window.isVisible(), window.status.text())\n"
        "print(sorted(m for m in ('sqlalchemy', 'hallmonitor.storage.database', 'hallmonitor.services.hall')"
        " if m in sys.modules))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.splitlines() == ["True 正在打开大厅数据库…", "[]"]


def test_the_main_window_takes_the_start_windows_place(qapp, sqlite_hall, monkeypatch):
    build_small_hall(sqlite_hall)
    from hallmonitor.ui.shell import StartWindow

    shown: list[StartWindow] = []
    original = StartWindow.show_now

    def show_now(self: StartWindow) -> None:
        shown.append(self)
        original(self)

    monkeypatch.setattr(StartWindow, "show_now", show_now)
    assert run_app(db_url=sqlite_hall.db.url, smoke=True) == 0
    (start,) = shown
    assert not shiboken6.isValid(start)  # closed and gone once the main window was shown


def test_the_rules_start_judging_once_the_first_page_has_painted(qtbot, env):
    window = MainWindow(env)
    qtbot.addWidget(window)
    window.show()
    app_module._watch_after_first_paint(window, env)
    assert getattr(window, "alert_watch", None) is None  # nothing judged while the page paints
    with qtbot.waitSignal(window.page_ready, timeout=10_000):
        window.open_start_page(first=True)
    qtbot.waitUntil(lambda: window.alert_watch.monitor.runs >= 1, timeout=30_000)
    env.runner.wait(10_000)


def test_a_smoke_start_quits_without_running_the_rules(qapp, sqlite_hall):
    from hallmonitor.services.hall import read_mark

    build_small_hall(sqlite_hall)

    def mark():  # type: ignore[no-untyped-def]
        with sqlite_hall.db.session() as session:
            return read_mark(session, sqlite_hall.hall_id)

    before = mark()
    assert run_app(db_url=sqlite_hall.db.url, smoke=True) == 0
    assert mark() == before  # the facts the small hall planted are still waiting to be judged


@pytest.mark.sqlite_only  # the file is read as SQLite's own dump
def test_a_smoke_start_leaves_the_database_as_it_found_it(qapp, sqlite_hall):
    import sqlite3

    from hallmonitor.storage.integrity import sqlite_path

    build_small_hall(sqlite_hall)
    with sqlite_hall.db.session() as session:  # another PC's change of three days ago, long read by all
        session.execute(
            text("INSERT INTO change_feed (at, origin, tables) VALUES (:at, 'other-pc', 'staff')"),
            {"at": datetime.now() - timedelta(days=3)},
        )
    path = sqlite_path(sqlite_hall.db.url)

    def dump() -> list[str]:
        with closing(sqlite3.connect(path)) as conn:
            return list(conn.iterdump())

    before = dump()
    assert run_app(db_url=sqlite_hall.db.url, smoke=True) == 0
    assert dump() == before  # not even the change feed trimmed: a check writes nothing


def test_a_start_sets_aside_what_its_opening_loaded_from_the_collectors_full_passes(qapp, sqlite_hall):
    import gc

    build_small_hall(sqlite_hall)
    gc.unfreeze()
    assert run_app(db_url=sqlite_hall.db.url, smoke=True) == 0
    # The libraries, the models, the window and its first page: alive until the app quits.
    assert gc.get_freeze_count() > 50_000


def test_modules_imported_after_the_start_are_not_read_as_source_and_keep_pysides_features(tmp_path):
    (tmp_path / "plain_module.py").write_text(
        "from PySide6.QtCore import QObject\nNAME = QObject(objectName='plain').objectName()\n"
    )
    (tmp_path / "snake_module.py").write_text(
        "from __feature__ import snake_case\nfrom PySide6.QtCore import QObject\n"
        "NAME = QObject(object_name='snake').object_name()\n"
    )
    code = (
        "import linecache, sys\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "from hallmonitor.ui.shell import skip_pyside_source_scan\n"
        "print(skip_pyside_source_scan())\n"
        "import plain_module, snake_module\n"
        "print(plain_module.NAME, snake_module.NAME)\n"
        "print(sorted(f for f in linecache.cache if f.endswith(('plain_module.py', 'snake_module.py'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["True", "plain snake", "[]"]
