"""The fonts and languages of real office PCs, for the tests that measure what a screen shows.

Windows draws Chinese with Microsoft YaHei, domestic Linux with Noto Sans CJK SC
or WenQuanYi Micro Hei; their line heights differ by a fifth, which is what
clipped the board's tiles. A test picks one family for the whole application
(checked with QFontInfo: a missing family would silently fall back) and, when
it needs Chinese, installs the app's translations; both are undone afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QRect, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from hallmonitor.domain.texts import use_language
from hallmonitor.ui.shell import install_translations

CJK_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC")
#: The application's type size (what ``apply_chinese_font`` sets at least).
POINT_SIZE = 10.0


@contextmanager
def app_font(family: str, point_size: float = POINT_SIZE) -> Iterator[QFont]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if family not in QFontDatabase.families():
        pytest.skip(f"the font {family} is not installed")
    saved = app.font()
    font = QFont(family)
    font.setPointSizeF(point_size)
    app.setFont(font)
    assert QFontInfo(app.font()).family() == family  # the family itself, not a fallback
    try:
        yield font
    finally:
        app.setFont(saved)


@contextmanager
def ui_language(language: str) -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = QLocale()
    translators = install_translations(app, language)
    try:
        yield
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(saved)
        # The services' messages follow the language installed: back to the default for the next test.
        use_language(None)


def label_misfits(owner: QWidget, labels: list[QLabel], inside: QRect) -> list[str]:
    """What is wrong with ``labels`` drawn on ``owner``: text larger than its label, a label
    reaching outside ``inside`` (the owner's drawable area), or two labels overlapping."""
    problems = []
    shown = [label for label in labels if label.isVisibleTo(owner) and label.text()]
    for label in shown:
        label.ensurePolished()
        metrics = label.fontMetrics()
        area = label.contentsRect()
        if label.wordWrap():
            bound = metrics.boundingRect(area, int(label.alignment().value) | 0x1000, label.text())
            fits = bound.width() <= area.width() and bound.height() <= area.height()
        else:
            fits = (
                metrics.horizontalAdvance(label.text()) <= area.width() and metrics.height() <= area.height()
            )
        if not fits:
            problems.append(f"{label.objectName()} {label.text()!r} does not fit {area}")
        if not inside.contains(label.geometry()):
            problems.append(f"{label.objectName()} {label.text()!r} at {label.geometry()} leaves {inside}")
    for i, first in enumerate(shown):
        for second in shown[i + 1 :]:
            if first.geometry().intersects(second.geometry()):
                problems.append(f"{first.text()!r} overlaps {second.text()!r}")
    return problems


def tile_misfits(page: QWidget) -> list[str]:
    """What is wrong with the pieces each tile of a board page draws (``label_misfits``' checks, each
    text against its rectangle with its own font's metrics), and any text the layout had to cut."""
    from hallmonitor.ui.board.tile_layout import ACCENT

    problems = []
    for number, tile in page.tiles.items():  # type: ignore[attr-defined]
        inside = QRect(ACCENT, 1, tile.width() - ACCENT - 1, tile.height() - 2)
        problems += [f"{number}: {p}" for p in _piece_misfits(list(tile.pieces.values()), inside)]
        if tile.layout_ is not None and tile.layout_.cut:
            problems.append(f"{number}: some text was cut with …")
    return problems


def _piece_misfits(pieces: list[Any], inside: QRect) -> list[str]:
    problems = []
    shown = [piece for piece in pieces if piece.text]
    for piece in shown:
        metrics = QFontMetrics(piece.font)
        area = piece.text_rect
        if piece.flags & int(Qt.TextFlag.TextWordWrap.value):
            bound = metrics.boundingRect(area, piece.flags, piece.text)
            fits = bound.width() <= area.width() and bound.height() <= area.height()
        else:
            fits = metrics.horizontalAdvance(piece.text) <= area.width() and metrics.height() <= area.height()
        if not fits:
            problems.append(f"{piece.piece.key} {piece.text!r} does not fit {area}")
        if not inside.contains(piece.rect):
            problems.append(f"{piece.piece.key} {piece.text!r} at {piece.rect} leaves {inside}")
    for i, first in enumerate(shown):
        for second in shown[i + 1 :]:
            if first.rect.intersects(second.rect):
                problems.append(f"{first.text!r} overlaps {second.text!r}")
    return problems
