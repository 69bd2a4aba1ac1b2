"""Import files: reading a sheet or CSV, what each kind must look like, and turning cells into values."""

from hallmonitor.reports.imports.cells import EARLIEST, LATEST
from hallmonitor.reports.imports.columns import DayType
from hallmonitor.reports.imports.rows import Binding, Record, RowError, bind, parse_row
from hallmonitor.reports.imports.samples import refuse_sample_row
from hallmonitor.reports.imports.specs import KINDS, spec_for
from hallmonitor.reports.imports.tabular import TableError, read_table
from hallmonitor.reports.imports.templates import write_template

__all__ = [
    "EARLIEST",
    "KINDS",
    "LATEST",
    "Binding",
    "DayType",
    "Record",
    "RowError",
    "TableError",
    "bind",
    "parse_row",
    "read_table",
    "refuse_sample_row",
    "spec_for",
    "write_template",
]
