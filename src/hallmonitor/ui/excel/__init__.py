"""The File menu's Excel work: import a file, export the weekly report, write an import template."""

from hallmonitor.ui.excel.actions import export_week, import_file, write_template

__all__ = ["export_week", "import_file", "write_template"]
