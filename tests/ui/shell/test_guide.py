"""F1 opens the user guide from docs/, its pictures and links working as on paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument

from hallmonitor.ui.shell.guide import ADMIN_GUIDE, USER_GUIDE, GuideWindow, guide_path, heading_id
from tests.ui.shell.test_page_keys import window_for

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_f1_opens_the_user_guide_in_chinese(qtbot, env):
    window = window_for(qtbot, env.ctx)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.guide_window
    assert isinstance(guide, GuideWindow)
    qtbot.addWidget(guide)
    qtbot.waitExposed(guide)
    text = guide.browser.toPlainText()
    for part in (
        "第一天：建立大厅",
        "大厅密钥",
        "排班与到岗",
        "办件登记",
        "前店后厂",
        "预警整改",
        "周报",
        "中心汇总",
    ):
        assert part in text
    env.runner.wait(10_000)


def test_every_picture_the_guides_show_is_there(qtbot):
    for name in (USER_GUIDE, ADMIN_GUIDE):
        path = guide_path(name)
        assert path is not None and path.parent == DOCS
        guide = GuideWindow(path)
        qtbot.addWidget(guide)
        pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", path.read_text(encoding="utf-8"))
        document = guide.browser.document()
        for picture in pictures:
            image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(picture))
            assert image is not None and not image.isNull(), picture
        if name == USER_GUIDE:
            assert len(pictures) >= 5


def test_the_table_of_contents_and_the_link_to_the_other_guide_work(qtbot):
    path = guide_path()
    assert path is not None
    guide = GuideWindow(path)
    qtbot.addWidget(guide)
    guide.resize(900, 600)
    guide.show()
    qtbot.waitExposed(guide)
    targets = re.findall(r"\]\(#([^)]+)\)", path.read_text(encoding="utf-8"))
    assert targets
    for target in targets:
        assert guide.scroll_to_heading(target), target
    guide._follow(QUrl(ADMIN_GUIDE))
    assert guide.browser.source().toLocalFile().endswith(ADMIN_GUIDE)
    assert "大厅密钥" in guide.browser.toPlainText() and "备份与恢复" in guide.browser.toPlainText()


def test_heading_ids_are_githubs():
    assert heading_id("第一天：建立大厅") == "第一天建立大厅"
    assert heading_id("每周：周报") == "每周周报"
    assert heading_id("Where data lives") == "where-data-lives"
