"""The interface language is chosen in Settings and speaks, messages included, from the next start."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication

from hallmonitor.domain.plausible import shown
from hallmonitor.domain.texts import use_language
from hallmonitor.ui.settings.language_panel import LanguagePanel
from hallmonitor.ui.shell import LANGUAGE_ENV, SETTINGS_DIR_ENV, install_translations, ui_language


@pytest.fixture
def preferences(tmp_path, monkeypatch, qapp):
    monkeypatch.setenv(SETTINGS_DIR_ENV, str(tmp_path / "preferences"))
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    yield
    for translator in install_translations(qapp, "zh_CN"):
        qapp.removeTranslator(translator)
    use_language(None)


def test_english_chosen_in_settings_is_spoken_at_the_next_start(qtbot, qapp, preferences):
    panel = LanguagePanel()
    qtbot.addWidget(panel)
    assert panel.combo.currentText() == "简体中文"
    panel.combo.setCurrentIndex(panel.combo.findData("en"))
    assert "下次启动" in panel.note.text() or "next start" in panel.note.text()
    assert ui_language() == "en"

    # What the composition root does at start, with the stored choice.
    installed = install_translations(qapp, ui_language())
    assert installed == []
    assert QCoreApplication.translate("MainWindow", "Hall board") == "Hall board"
    assert shown(None) == "(empty)"

    again = LanguagePanel()
    qtbot.addWidget(again)
    assert again.combo.currentText() == "English"


def test_chinese_is_the_first_language_of_a_fresh_install(qtbot, qapp, preferences):
    assert ui_language() == "zh_CN"
    translators = install_translations(qapp, ui_language())
    try:
        assert QCoreApplication.translate("MainWindow", "Hall board") == "大厅态势"
        assert shown(None) == "（空）"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_the_environment_variable_wins_and_the_panel_says_so(qtbot, preferences, monkeypatch):
    monkeypatch.setenv(LANGUAGE_ENV, "en")
    panel = LanguagePanel()
    qtbot.addWidget(panel)
    assert panel.combo.currentText() == "简体中文"
    assert LANGUAGE_ENV in panel.note.text()
    assert ui_language() == "en"
