"""The printed notices of the ladder (责令整改通知书, 临时关闭建议书) as plain content."""

from hallmonitor.reports.notices.content import (
    CLOSURE_TITLE,
    ORDER_TITLE,
    NoticeContent,
    NoticeData,
    NoticeFact,
    OnDuty,
    build_notice,
)

__all__ = [
    "CLOSURE_TITLE",
    "ORDER_TITLE",
    "NoticeContent",
    "NoticeData",
    "NoticeFact",
    "OnDuty",
    "build_notice",
]
