"""The frame every page lives in: the main window, background operations, the change bus, errors and preferences.

Its names are imported when first asked for, not when the package is: the app imports
the start-up pieces (translations, fonts, the start window) before SQLAlchemy and the
services are loaded, so that a window is on screen while the database is being opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hallmonitor.lazy import lazy_names

if TYPE_CHECKING:
    from hallmonitor.ui.shell.desktop import open_path, open_url
    from hallmonitor.ui.shell.dialogs import build_error_box, run_and_wait, show_error, start_with_progress
    from hallmonitor.ui.shell.env import ChangeBus, UiEnv
    from hallmonitor.ui.shell.fonts import SHIPPED_FAMILY, SHIPPED_FONT, register_shipped_font
    from hallmonitor.ui.shell.heap import set_aside_after_first_showings, set_aside_live_objects
    from hallmonitor.ui.shell.icon import app_icon
    from hallmonitor.ui.shell.load_gate import LoadGate
    from hallmonitor.ui.shell.main_window import MainWindow
    from hallmonitor.ui.shell.operations import Operation, OperationRunner
    from hallmonitor.ui.shell.owned import owned_operation
    from hallmonitor.ui.shell.preferences import (
        DATABASE_URL_KEY,
        LANGUAGE_ENV,
        SETTINGS_DIR_ENV,
        app_settings,
        save_database_url,
        saved_database_url,
        set_ui_language,
        stored_ui_language,
        ui_language,
    )
    from hallmonitor.ui.shell.saving import is_saving, saving_text, start_save
    from hallmonitor.ui.shell.single_instance import SingleInstance
    from hallmonitor.ui.shell.stale import ReloadWhenShown
    from hallmonitor.ui.shell.start_window import StartWindow
    from hallmonitor.ui.shell.startup import (
        ErrorHook,
        apply_chinese_font,
        chinese_font_family,
        install_translations,
        skip_pyside_source_scan,
    )

#: Where each name of the package lives.
_HOMES = {
    "ChangeBus": "env",
    "DATABASE_URL_KEY": "preferences",
    "ErrorHook": "startup",
    "LANGUAGE_ENV": "preferences",
    "LoadGate": "load_gate",
    "MainWindow": "main_window",
    "Operation": "operations",
    "OperationRunner": "operations",
    "ReloadWhenShown": "stale",
    "SETTINGS_DIR_ENV": "preferences",
    "SHIPPED_FAMILY": "fonts",
    "SHIPPED_FONT": "fonts",
    "SingleInstance": "single_instance",
    "StartWindow": "start_window",
    "UiEnv": "env",
    "app_icon": "icon",
    "app_settings": "preferences",
    "apply_chinese_font": "startup",
    "build_error_box": "dialogs",
    "chinese_font_family": "startup",
    "install_translations": "startup",
    "is_saving": "saving",
    "open_path": "desktop",
    "open_url": "desktop",
    "owned_operation": "owned",
    "register_shipped_font": "fonts",
    "run_and_wait": "dialogs",
    "save_database_url": "preferences",
    "saved_database_url": "preferences",
    "saving_text": "saving",
    "set_aside_after_first_showings": "heap",
    "set_aside_live_objects": "heap",
    "set_ui_language": "preferences",
    "show_error": "dialogs",
    "skip_pyside_source_scan": "startup",
    "start_save": "saving",
    "start_with_progress": "dialogs",
    "stored_ui_language": "preferences",
    "ui_language": "preferences",
}

__all__ = [
    "DATABASE_URL_KEY",
    "LANGUAGE_ENV",
    "SETTINGS_DIR_ENV",
    "SHIPPED_FAMILY",
    "SHIPPED_FONT",
    "ChangeBus",
    "ErrorHook",
    "LoadGate",
    "MainWindow",
    "Operation",
    "OperationRunner",
    "ReloadWhenShown",
    "SingleInstance",
    "StartWindow",
    "UiEnv",
    "app_icon",
    "app_settings",
    "apply_chinese_font",
    "build_error_box",
    "chinese_font_family",
    "install_translations",
    "is_saving",
    "open_path",
    "open_url",
    "owned_operation",
    "register_shipped_font",
    "run_and_wait",
    "save_database_url",
    "saved_database_url",
    "saving_text",
    "set_aside_after_first_showings",
    "set_aside_live_objects",
    "set_ui_language",
    "show_error",
    "skip_pyside_source_scan",
    "start_save",
    "start_with_progress",
    "stored_ui_language",
    "ui_language",
]


__getattr__ = lazy_names(__name__, _HOMES, globals())
