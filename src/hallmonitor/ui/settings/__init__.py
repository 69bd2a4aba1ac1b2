"""设置: the hall, its rules, the work calendar, the database and its backups."""

from hallmonitor.ui.settings.backups_panel import backups_kept
from hallmonitor.ui.settings.hall_key_panel import KeyEntryDialog
from hallmonitor.ui.settings.page import SettingsPage

__all__ = ["KeyEntryDialog", "SettingsPage", "backups_kept"]
