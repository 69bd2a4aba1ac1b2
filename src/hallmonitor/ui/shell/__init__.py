"""The frame every page lives in: the main window, background operations, the change bus, errors and preferences."""

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
from hallmonitor.ui.shell.startup import (
    ErrorHook,
    apply_chinese_font,
    chinese_font_family,
    install_translations,
)

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
    "start_save",
    "start_with_progress",
    "stored_ui_language",
    "ui_language",
]
