"""The printed notice of a confirmed 人员挂名: the PDF a department receives cites each session's evidence."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from hallmonitor.domain.enums import AlertKind
from hallmonitor.reports.notices import ORDER_TITLE, build_notice
from hallmonitor.services.alerts import Action, notice_data, perform
from hallmonitor.services.rules import run_rules
from hallmonitor.storage.models import Alert
from hallmonitor.ui.printing.notice_pdf import write_notice_pdf
from tests.support.nominal_week import import_week
from tests.support.notice_checks import assert_reads_back


def test_the_pdf_names_the_officer_the_helpers_and_the_finding(sqlite_hall, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import_week(sqlite_hall, tmp_path)
    with sqlite_hall.db.session() as s:
        alert_id = s.scalar(select(Alert.id).where(Alert.kind == AlertKind.NOMINAL_PRESENCE))
    assert alert_id is not None
    perform(
        sqlite_hall,
        alert_id,
        Action.CONFIRM_NOMINAL,
        "调阅监控，张三本周未到窗口",
        at=datetime(2026, 5, 15, 17, 30),
    )
    run_rules(sqlite_hall, datetime(2026, 5, 15, 17, 31))  # as the app's watch does after every action
    path = tmp_path / "nominal.pdf"
    write_notice_pdf(build_notice(notice_data(sqlite_hall, alert_id, issued_on=date(2026, 5, 18))), path)
    assert_reads_back(
        path,
        ORDER_TITLE,
        "A01号窗口",
        "正式公职人员挂名",
        "2026年5月11日",
        "张三（公务员，已到岗）",
        "受理：李四（劳务派遣）6件",
        "调阅监控，张三本周未到窗口",
        "按仅辅助人员值守认定",
    )
