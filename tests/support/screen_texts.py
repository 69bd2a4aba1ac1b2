"""Every text a widget and its visible children show, tables read through their models.

For the tests that look at what a screen says (in which language, with what words),
not at how it is drawn: labels, buttons, group titles, line edits and their
placeholders, text boxes, combo boxes' items, tabs, window titles, tooltips, the
actions of menus, the headers and cells (display text and tooltip) of every
item view, and what a board tile draws itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

__all__ = ["drawn_texts", "shown_texts"]

#: Rows of a table read through its model: the first screens' worth, where every column shows.
ROWS_READ = 60


def _model_texts(model: QAbstractItemModel | None, parent: QModelIndex | None = None) -> Iterator[str]:
    if model is None:
        return
    parent = parent or QModelIndex()
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    if not parent.isValid():
        for orientation, count in (
            (Qt.Orientation.Horizontal, _columns(model, parent)),
            (Qt.Orientation.Vertical, min(model.rowCount(parent), ROWS_READ)),
        ):
            for section in range(count):
                for role in roles:
                    yield _text(model.headerData(section, orientation, role))
    for row in range(min(model.rowCount(parent), ROWS_READ)):
        for column in range(_columns(model, parent)):
            index = model.index(row, column, parent)
            for role in roles:
                yield _text(model.data(index, role))
            if column == 0 and not isinstance(model, FLAT) and model.hasChildren(index):
                yield from _model_texts(model, index)


#: Models without children, whose hasChildren and columnCount Qt keeps private.
FLAT = (QAbstractListModel, QAbstractTableModel)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _widget_texts(widget: QWidget) -> Iterator[str]:
    if widget.isWindow():
        yield widget.windowTitle()
    yield widget.toolTip()
    if isinstance(widget, QLabel):
        yield widget.text()
    if isinstance(widget, QAbstractButton):
        yield widget.text()
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QLineEdit):
        yield widget.text()
        yield widget.placeholderText()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        yield widget.toPlainText()
        yield widget.placeholderText()
    if isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield widget.tabText(i)
            yield widget.tabToolTip(i)
    if isinstance(widget, QAbstractItemView):
        yield from _model_texts(widget.model())
    yield from drawn_texts(widget)
    for action in widget.actions():
        yield action.text()
        yield action.toolTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu())


def drawn_texts(widget: QWidget) -> Iterator[str]:
    """What a widget draws itself rather than through child widgets: a board tile's pieces."""
    pieces = getattr(widget, "pieces", None)
    if isinstance(pieces, dict):
        for piece in pieces.values():
            yield piece.text
            yield piece.tooltip


def _menu_texts(menu: QMenu) -> Iterator[str]:
    yield menu.title()
    for action in menu.actions():
        yield action.text()
        yield action.toolTip()
        if action.menu() is not None:
            yield from _menu_texts(action.menu())


def shown_texts(root: QWidget) -> Iterator[str]:
    """Every text ``root`` and its visible widgets show (a hidden one's own texts are not on screen)."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is root or widget.isVisibleTo(root):
            yield from (t for t in _widget_texts(widget) if t)
