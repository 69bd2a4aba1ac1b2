"""设置: the hall, its rules, the work calendar, the database and its backups."""

from hallmonitor.ui.settings.backups_panel import backups_kept
from hallmonitor.ui.settings.page import SettingsPage

__all__ = ["SettingsPage", "backups_kept"]
