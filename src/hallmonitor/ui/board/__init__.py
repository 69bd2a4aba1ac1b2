"""大厅态势: the hall as it stands now, one tile per window."""

from hallmonitor.ui.board.page import BoardPage

__all__ = ["BoardPage"]
