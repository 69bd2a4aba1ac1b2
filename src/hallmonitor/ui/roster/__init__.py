"""排班与到岗: the week's roster grid, judged as it is edited."""

from hallmonitor.ui.roster.page import RosterPage

__all__ = ["RosterPage"]
