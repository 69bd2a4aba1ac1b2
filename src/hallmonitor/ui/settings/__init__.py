"""设置: the hall, its rules, the work calendar and the database."""

from hallmonitor.ui.settings.page import SettingsPage

__all__ = ["SettingsPage"]
