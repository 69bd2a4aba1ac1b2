"""Per-user interface preferences (window geometry, last page, language, the database for next start) in QSettings.

Always the INI format under the "HallMonitor" organisation, so that tests and
the screenshot script can point QSettings.setPath (or HALLMONITOR_SETTINGS_DIR)
at a temporary folder and never touch the user's own preferences. Rule
settings that every PC must share live in the database, not here.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

ORGANISATION = "HallMonitor"
APPLICATION = "HallMonitor"
SETTINGS_DIR_ENV = "HALLMONITOR_SETTINGS_DIR"
LANGUAGE_ENV = "HALLMONITOR_LANG"
LANGUAGE_KEY = "ui/language"
DEFAULT_LANGUAGE = "zh_CN"
# The database chosen in Settings; read at start-up when neither --db nor HALLMONITOR_DB is given.
DATABASE_URL_KEY = "database/url"


def app_settings() -> QSettings:
    folder = os.environ.get(SETTINGS_DIR_ENV)
    if folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def ui_language() -> str:
    """ "zh_CN" (the default) or "en"; the environment wins over the stored preference."""
    chosen = os.environ.get(LANGUAGE_ENV) or str(app_settings().value(LANGUAGE_KEY, DEFAULT_LANGUAGE) or "")
    chosen = chosen.strip().replace("-", "_")
    if chosen.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def saved_database_url() -> str | None:
    value = app_settings().value(DATABASE_URL_KEY, "")
    return str(value) if value else None


def set_ui_language(language: str) -> None:
    """Takes effect at the next start (the translators are installed before any widget exists)."""
    app_settings().setValue(LANGUAGE_KEY, language)
