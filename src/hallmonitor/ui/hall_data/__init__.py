"""大厅资料: departments, windows, staff and items maintained in the app, with their history."""

from hallmonitor.ui.hall_data.page import HallDataPage

__all__ = ["HallDataPage"]
