"""The Chinese font the app brings along, for a PC that has none of its own.

A fresh Linux install (and some office images) has no CJK font at all: every
Chinese character of the interface is a box, and notices cannot be printed. So
WenQuanYi Micro Hei (Apache-2.0, its licence beside it in ui/assets/fonts) ships
in the package and is added to Qt's font list at start, before a family is chosen.
It is the last of the interface's families (a PC with Microsoft YaHei or Noto Sans
CJK keeps drawing with those) and the first of the notices' (its PDF text layer
reads back as the characters printed, which Noto's does not).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase

log = logging.getLogger("hallmonitor.ui")

FONT_FOLDER = Path(__file__).parents[1] / "assets" / "fonts"
SHIPPED_FONT = FONT_FOLDER / "wqy-microhei.ttc"
SHIPPED_FONT_LICENCE = FONT_FOLDER / "LICENSE-wqy-microhei.txt"
#: The proportional face of the collection (the other one is its monospaced twin).
SHIPPED_FAMILY = "WenQuanYi Micro Hei"

_font_id: int | None = None


def register_shipped_font() -> list[str]:
    """Add the shipped font to Qt's font list, once; its families ([] when it cannot be read).

    Needs a QGuiApplication. Safe to call again: the first registration is kept.
    """
    global _font_id
    if _font_id is not None:
        families = QFontDatabase.applicationFontFamilies(_font_id)
        if families:
            return list(families)
    if not SHIPPED_FONT.is_file():
        log.warning("the shipped font %s is missing", SHIPPED_FONT)
        return []
    font_id = QFontDatabase.addApplicationFont(str(SHIPPED_FONT))
    if font_id < 0:
        log.warning("the shipped font %s cannot be read", SHIPPED_FONT)
        return []
    _font_id = font_id
    return list(QFontDatabase.applicationFontFamilies(font_id))
