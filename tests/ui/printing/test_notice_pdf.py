"""The printed notice: an A4 PDF whose text reads back as the characters printed."""

from __future__ import annotations

import os
import re

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QFontDatabase

from hallmonitor.reports.notices import CLOSURE_TITLE, ORDER_TITLE, build_notice
from hallmonitor.services.alerts import notice_data
from hallmonitor.services.rules import run_rules
from hallmonitor.ui.printing import notice_pdf
from hallmonitor.ui.printing.notice_pdf import NoticeFontError, pick_font, reads_back, write_notice_pdf
from hallmonitor.ui.shell import install_translations
from tests.support.alert_scenario import MON, WED, at, build_ladder
from tests.support.notice_checks import assert_reads_back

A4_POINTS = (595, 842)


@pytest.fixture
def order(sqlite_hall, qapp):
    build_ladder(sqlite_hall)
    run_rules(sqlite_hall, at(MON, 9, 30))
    return sqlite_hall


def test_order_to_correct_pdf_reads_back_window_dates_deadline_and_real_cjk(order, tmp_path: Path) -> None:
    content = build_notice(notice_data(order, 1, issued_on=MON))
    path = tmp_path / "order.pdf"
    family = write_notice_pdf(content, path)
    assert family
    reader = PdfReader(path)
    width, height = (round(float(v)) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == A4_POINTS
    assert reader.metadata is not None and reader.metadata.title == ORDER_TITLE
    assert_reads_back(
        path,
        ORDER_TITLE,
        "1号窗口",
        "市场监管局",
        "2026年5月11日",  # the violating day, and the issue date
        "2026年5月12日",  # the deadline
        "李协理（劳务派遣）",
        "正式公职人员",
        "工",
        "日",
        "人",
        "签收人",
    )


def test_closure_suggestion_after_escalation(order, tmp_path: Path) -> None:
    run_rules(order, at(WED, 9, 30))
    content = build_notice(notice_data(order, 1, issued_on=WED))
    assert content.title == CLOSURE_TITLE
    path = tmp_path / "closure.pdf"
    write_notice_pdf(content, path)
    assert_reads_back(path, CLOSURE_TITLE, "2026年5月13日", "整改期限为2026年5月12日", "建议对1号窗口")


def test_a_font_whose_text_layer_is_wrong_is_not_used(qapp) -> None:
    family = pick_font("工日人心")
    assert reads_back(family, "责令整改通知书工日人心")
    # Noto Sans CJK maps Kangxi radicals to the glyphs of 工, 日, 人, 心: its text layer reads radicals.
    noto = next((f for f in QFontDatabase.families() if f.startswith("Noto Sans CJK")), None)
    if noto is not None:
        assert not reads_back(noto, "工")
    assert not reads_back("No Such Font Family", "工")


def test_no_usable_font_is_an_error_sentence_not_boxes(qapp, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(notice_pdf, "_candidates", lambda: ["No Such Font Family"])
    translators = install_translations(qapp, "zh_CN")
    try:
        with pytest.raises(NoticeFontError, match="没有可用于打印通知书的中文字体") as info:
            pick_font("工日人心")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert "fonts-wqy-microhei" in str(info.value) or "微软雅黑" in str(info.value)
    assert "（已检查：No Such Font Family）" in str(info.value)
    assert "HALLMONITOR_NOTICE_FONT" in str(info.value)


def test_no_usable_font_is_said_in_english_on_a_pc_in_english(qapp, monkeypatch) -> None:
    monkeypatch.setattr(notice_pdf, "_candidates", lambda: [])
    with pytest.raises(NoticeFontError) as info:
        pick_font("工日人心")
    message = str(info.value)
    assert message.startswith("There is no Chinese font to print notices with")
    assert "(no Chinese font found at all)" in message and "HALLMONITOR_NOTICE_FONT" in message
    assert not re.search(r"[\u4e00-\u9fff]", message)


def test_a_font_file_named_in_the_environment_is_tried_first(qapp, monkeypatch) -> None:
    path = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    if not Path(path).is_file():
        pytest.skip("WenQuanYi Micro Hei is not installed")
    monkeypatch.setenv(notice_pdf.FONT_ENV, path)
    assert notice_pdf._candidates()[0].startswith("WenQuanYi Micro Hei")
