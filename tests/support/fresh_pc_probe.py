"""Run in a child process that sees no font at all: open the window as the app does and say how its Chinese is drawn.

    python -m tests.support.fresh_pc_probe DATABASE_URL SCREENSHOT.png

The app sets itself up as ``run_app`` does (translations, the shipped font, the
Chinese font choice), opens the board and saves a picture of the window. Prints
one JSON line: the Chinese families Qt knows, the family the window draws with,
the Chinese characters the window shows, those its font has no glyph for, and
those drawn exactly like a character no font has (a box).
"""

from __future__ import annotations

import json
import os
import re
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
#: A code point no font maps (a noncharacter): what a character without a glyph looks like.
NO_GLYPH = "\U0010fffd"


def shown_texts(window) -> list[str]:  # type: ignore[no-untyped-def]
    """The texts a supervisor sees: the title, the menus, the navigation, every visible label and button."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QTabBar

    from tests.support.screen_texts import drawn_texts

    texts = [window.windowTitle()]
    for action in window.menuBar().actions():
        texts.append(action.text())
        menu = action.menu()
        texts += [a.text() for a in menu.actions()] if menu is not None else []
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if widget.isVisible():
            texts.append(widget.text())
    for tile in getattr(window.page("board"), "tiles", {}).values():  # drawn by the tile, not labels
        texts += list(drawn_texts(tile))
    for listing in window.findChildren(QListWidget):
        texts += [listing.item(row).text() for row in range(listing.count())]
    for bar in window.findChildren(QTabBar):
        texts += [bar.tabText(index) for index in range(bar.count())]
    return texts


def drawn(font, char: str) -> bytes:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(40, 40, QImage.Format.Format_Grayscale8)
    image.fill(255)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(QRect(0, 0, 40, 40), int(Qt.AlignmentFlag.AlignCenter), char)
    painter.end()
    return bytes(image.constBits())


def main(url: str, picture: str) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics
    from PySide6.QtWidgets import QApplication

    from hallmonitor.services.hall import hall_context
    from hallmonitor.storage.database import open_database
    from hallmonitor.ui.shell import (
        ChangeBus,
        MainWindow,
        OperationRunner,
        UiEnv,
        apply_chinese_font,
        install_translations,
        register_shipped_font,
    )
    from tests.support.hall_builder import Clock

    app = QApplication(sys.argv[:1])
    install_translations(app, "zh_CN")
    register_shipped_font()
    apply_chinese_font(app)
    ctx = hall_context(open_database(url))
    env = UiEnv(ctx=ctx, runner=OperationRunner(), bus=ChangeBus(), clock=Clock())
    window = MainWindow(env)
    window.remember = False
    window.resize(1366, 768)
    window.show()
    loop = QEventLoop()
    window.page_ready.connect(lambda key: loop.quit() if key == "board" else None)
    QTimer.singleShot(20_000, loop.quit)
    window.show_page("board")
    loop.exec()
    for _ in range(3):
        app.processEvents()
    window.grab().save(picture)
    chars = sorted({c for text in shown_texts(window) for c in HAN.findall(text)})
    font = QFont(app.font())
    font.setPixelSize(28)
    metrics = QFontMetrics(font)
    box = drawn(font, NO_GLYPH)
    shapes = {c: drawn(font, c) for c in chars}
    result = {
        "cjk_families": sorted(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)),
        "family": QFontInfo(app.font()).family(),
        "chars": "".join(chars),
        "missing": [c for c in chars if not metrics.inFontUcs4(ord(c))],
        "boxes": [c for c, shape in shapes.items() if shape == box],
        "distinct_shapes": len(set(shapes.values())),
    }
    env.runner.wait(10_000)
    window.close()
    ctx.db.close()
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
