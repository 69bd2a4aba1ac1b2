"""Import files: reading a sheet or CSV, what each kind must look like, and turning cells into values."""

from hallmonitor.reports.imports.cells import EARLIEST, LATEST
from hallmonitor.reports.imports.columns import DayType
from hallmonitor.reports.imports.quoting import (
    CONTROL,
    QUOTE_LIMIT,
    control_char,
    escape_controls,
    one_line,
    quote,
    shown_path,
)
from hallmonitor.reports.imports.rows import Binding, Record, RowError, bind, parse_row, rows_with_errors
from hallmonitor.reports.imports.samples import refuse_sample_row
from hallmonitor.reports.imports.specs import KINDS, spec_for
from hallmonitor.reports.imports.tabular import TableError, read_table
from hallmonitor.reports.imports.templates import write_template

__all__ = [
    "CONTROL",
    "EARLIEST",
    "KINDS",
    "LATEST",
    "QUOTE_LIMIT",
    "Binding",
    "DayType",
    "Record",
    "RowError",
    "TableError",
    "bind",
    "control_char",
    "escape_controls",
    "one_line",
    "parse_row",
    "quote",
    "read_table",
    "refuse_sample_row",
    "rows_with_errors",
    "shown_path",
    "spec_for",
    "write_template",
]
