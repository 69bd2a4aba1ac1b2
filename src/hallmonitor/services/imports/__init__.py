"""Importing a hall's Excel and CSV files: all checked first, then written in one transaction."""

from hallmonitor.services.imports.pipeline import ImportResult, import_file

__all__ = ["ImportResult", "import_file"]
