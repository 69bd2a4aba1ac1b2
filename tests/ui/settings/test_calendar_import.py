"""设置 ▸ 工作日历's import: its file dialog offers every format the import reads, its row problems a line each."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re

import pytest
from PySide6.QtWidgets import QFileDialog

from hallmonitor.domain.texts import use_language
from hallmonitor.reports.imports.tabular import CSV_SUFFIXES, EXCEL_SUFFIXES
from hallmonitor.ui.shell import install_translations
from tests.ui.settings.test_page import _page, env  # noqa: F401  (env is the page's fixture)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

BAD_ROW = "日期,类型,说明\n2026-10-01,休息日,国庆节\n2026-10-02,放假,国庆节\n"


def _offered(monkeypatch, panel) -> list[str]:
    offered: list[str] = []

    def chose_nothing(_parent, _caption, _folder, name_filter, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        offered.append(name_filter)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", chose_nothing)
    panel.ask_import()
    return offered


def test_the_file_dialog_offers_every_format_the_calendar_import_reads(qtbot, env, monkeypatch):  # noqa: F811
    page = _page(qtbot, env)
    panel = page.calendar
    (name_filter,) = _offered(monkeypatch, panel)
    patterns = set(re.findall(r"\*(\.\w+)", name_filter))
    assert patterns == set(EXCEL_SUFFIXES) | set(CSV_SUFFIXES)
    assert {".xls", ".ods"} <= patterns


def _imported(qtbot, panel, tmp_path) -> list[str]:
    path = tmp_path / "calendar.csv"
    path.write_text(BAD_ROW, encoding="utf-8")
    panel.import_file(str(path))
    assert not panel.import_button.isEnabled()
    qtbot.waitUntil(panel.import_button.isEnabled, timeout=10_000)
    return panel.message.text().splitlines()


def test_a_bad_row_of_the_calendar_is_named_in_english(qtbot, env, tmp_path):  # noqa: F811
    use_language("en")
    try:
        page = _page(qtbot, env)
        panel = page.calendar
        lines = _imported(qtbot, panel, tmp_path)
    finally:
        use_language(None)
    # The column is the file's own header; what is wrong with the row is the import's sentence.
    assert any(line.startswith("Row 3, 类型: ") for line in lines), lines


def test_a_bad_row_of_the_calendar_is_named_in_chinese_as_before(qtbot, qapp, env, tmp_path):  # noqa: F811
    translators = install_translations(qapp, "zh_CN")
    try:
        page = _page(qtbot, env)
        panel = page.calendar
        lines = _imported(qtbot, panel, tmp_path)
        (name_filter,) = _offered(pytest.MonkeyPatch(), panel)
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert any(line.startswith("第3行 类型：") for line in lines), lines
    assert name_filter.startswith("电子表格或 CSV (")
