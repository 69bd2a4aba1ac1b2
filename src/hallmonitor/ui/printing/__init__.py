"""Paper output drawn with Qt: a notice as an A4 PDF whose text reads back right."""

from hallmonitor.ui.printing.notice_pdf import write_notice_pdf

__all__ = ["write_notice_pdf"]
