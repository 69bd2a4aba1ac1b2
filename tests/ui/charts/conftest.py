"""The fonts and languages a chart must read in: the two CJK fonts of domestic Linux, Chinese and English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QRectF
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from hallmonitor.app import install_translations

FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC")


@pytest.fixture(params=FONTS)
def family(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The application's font for the test (a panel measures with the font it was made with)."""
    name = request.param
    if name not in QFontDatabase.families():
        pytest.skip(f"the font {name} is not installed")
    saved = QFont(qapp.font())
    font = QFont(saved)
    font.setFamily(name)
    qapp.setFont(font)
    yield name
    qapp.setFont(saved)


@pytest.fixture(params=("zh_CN", "en"))
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    saved = QLocale()
    translators = install_translations(qapp, request.param)
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(saved)


def overlapping(rects: list[QRectF]) -> list[tuple[int, int]]:
    """Pairs of rectangles that share more than a hairline."""
    return [
        (a, b)
        for a in range(len(rects))
        for b in range(a + 1, len(rects))
        if (both := rects[a].intersected(rects[b])).width() > 0.5 and both.height() > 0.5
    ]
