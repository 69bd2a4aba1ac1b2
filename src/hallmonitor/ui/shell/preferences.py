"""Per-user interface preferences (window geometry, last page, language, the database for next start) in QSettings.

Always the INI format under the "HallMonitor" organisation, so that tests and
the screenshot script can point QSettings.setPath (or HALLMONITOR_SETTINGS_DIR)
at a temporary folder and never touch the user's own preferences. Rule
settings that every PC must share live in the database, not here.
"""

from __future__ import annotations

import os
from pathlib import Path

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


def _language(chosen: str) -> str:
    return "en" if chosen.strip().lower().startswith("en") else DEFAULT_LANGUAGE


def ui_language() -> str:
    """ "zh_CN" (the default) or "en"; the environment wins over the stored preference."""
    return _language(os.environ.get(LANGUAGE_ENV) or stored_ui_language())


def stored_ui_language() -> str:
    """The language chosen in Settings (Chinese until one is), whatever the environment says."""
    return _language(str(app_settings().value(LANGUAGE_KEY, DEFAULT_LANGUAGE) or ""))


def settings_folder() -> Path:
    """The folder of the settings file, where the shared database's password file lives too."""
    return Path(app_settings().fileName()).parent


def save_database_url(url: str) -> str:
    """Remember the database for the next start, its password (if any) in a password file, never here."""
    from hallmonitor.services.settings import password_kept_apart

    kept = password_kept_apart(url, settings_folder())
    settings = app_settings()
    settings.setValue(DATABASE_URL_KEY, kept)
    settings.sync()
    return kept


def saved_database_url() -> str | None:
    value = str(app_settings().value(DATABASE_URL_KEY, "") or "")
    if not value:
        return None
    from hallmonitor.services.settings import holds_password

    # An address remembered by an earlier version may still hold its password: move it out now.
    return save_database_url(value) if holds_password(value) else value


def set_ui_language(language: str) -> None:
    """Takes effect at the next start (the translators are installed before any widget exists)."""
    settings = app_settings()
    settings.setValue(LANGUAGE_KEY, _language(language))
    settings.sync()
