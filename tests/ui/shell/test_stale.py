"""A page behind another page reloads once it is shown again; a page on screen, or on its own, at once."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStackedWidget, QWidget

from hallmonitor.ui.shell import ReloadWhenShown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_a_hidden_page_reloads_once_when_shown_and_a_shown_one_at_once(qtbot) -> None:
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    front, behind = QWidget(), QWidget()
    stack.addWidget(front)
    stack.addWidget(behind)
    stack.show()
    ran: list[str] = []
    for page, name in ((front, "front"), (behind, "behind")):
        reload, refresh = ReloadWhenShown(page), lambda name=name: ran.append(name)
        for _ in range(3):  # three changes announced: one reload
            reload.request(refresh)
    assert ran == ["front", "front", "front"]  # on screen: each change at once
    ran.clear()
    stack.setCurrentWidget(behind)
    qtbot.waitUntil(lambda: ran == ["behind"])
    qtbot.wait(50)
    assert ran == ["behind"]


def test_a_page_on_its_own_reloads_at_once(qtbot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    ran: list[int] = []
    ReloadWhenShown(page).request(lambda: ran.append(1))
    assert ran == [1]  # not shown, but in no window that is: a test's page, or one being built
