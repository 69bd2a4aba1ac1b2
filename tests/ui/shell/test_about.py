"""Help ▸ About: the version, the folders this PC keeps the hall in, and the licences of what the app carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallmonitor import __version__
from hallmonitor.ui.shell import MainWindow
from hallmonitor.ui.shell.about import AboutDialog, third_party_components

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def about(qtbot, env) -> AboutDialog:
    window = MainWindow(env)
    qtbot.addWidget(window)
    window.findChild(type(window.action_refresh), "about").trigger()
    dialog = window.about_dialog
    assert dialog.isVisible()
    return dialog


@pytest.mark.sqlite_only  # the data folder it expects is the SQLite file's
def test_about_shows_the_version_and_the_data_log_and_backup_folders(about, sqlite_hall, tmp_path) -> None:
    database = Path(sqlite_hall.db.engine.url.database).resolve()
    assert __version__ in about.version_label.text()
    assert "Qt 6." in about.version_label.text()
    assert about.database_label.text() == sqlite_hall.db.display_name
    assert str(database.parent) in about.data_label.text()
    assert str(database.parent / "backups") in about.backup_label.text()
    assert str(tmp_path / "log") in about.log_label.text()  # HALLMONITOR_LOG_DIR of the UI tests


def test_about_lists_qt_under_the_lgpl_with_its_text_and_where_its_source_is(about) -> None:
    titles = [about.component_list.item(row).text() for row in range(about.component_list.count())]
    assert titles[0].startswith("Qt 6.") and titles[0].endswith("LGPL-3.0-only")
    shown = about.licence_text.toPlainText()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in shown and "Version 3, 29 June 2007" in shown
    assert "GNU GENERAL PUBLIC LICENSE" in shown  # the GPL-3.0 the LGPL supplements
    assert "download.qt.io" in shown
    for name, licence in [
        ("PySide6", "LGPL-3.0-only"),
        ("Shiboken6", "LGPL-3.0-only"),
        ("WenQuanYi Micro Hei", "Apache-2.0"),
        ("SQLAlchemy", "MIT"),
        ("psycopg", "LGPL-3.0-only"),
    ]:
        assert any(t.startswith(f"{name} ") and t.endswith(licence) for t in titles), name
    about.component_list.setCurrentRow(next(i for i, t in enumerate(titles) if t.startswith("WenQuanYi")))
    assert "Apache License" in about.licence_text.toPlainText()


def test_every_listed_licence_text_is_shipped() -> None:
    components = third_party_components()
    assert len(components) > 20
    for component in components:
        text = component.text()
        assert "is missing)" not in text, component.name
        assert len(text) > 200, component.name
