"""Run in a child process whose fontconfig knows one font only: open the board and say what does not fit.

    python -m tests.support.fit_probe DATABASE_URL LANGUAGE WIDTH HEIGHT

The app chooses its font itself (``register_shipped_font``, then
``apply_chinese_font``), as on a PC where that font is the only CJK one, so
nothing can fall back to another family. Prints one
JSON line: the family Qt drew with and the tiles' misfits.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(url: str, language: str, width: int, height: int) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QFontInfo
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
    from tests.support.long_names import MORNING
    from tests.support.screens import tile_misfits

    app = QApplication(sys.argv[:1])
    install_translations(app, language)
    register_shipped_font()
    apply_chinese_font(app)
    ctx = hall_context(open_database(url))
    env = UiEnv(ctx=ctx, runner=OperationRunner(), bus=ChangeBus(), clock=Clock(MORNING))
    window = MainWindow(env)
    window.remember = False
    window.resize(width, height)
    window.show()
    loop = QEventLoop()
    window.page_ready.connect(lambda key: loop.quit() if key == "board" else None)
    QTimer.singleShot(20_000, loop.quit)
    window.show_page("board")
    loop.exec()
    for _ in range(3):
        app.processEvents()
    page = window.page("board")
    result = {
        "family": QFontInfo(app.font()).family(),
        "tiles": len(getattr(page, "tiles", {})),
        "misfits": tile_misfits(page) if page is not None else ["no board"],
    }
    env.runner.wait(10_000)
    window.close()
    ctx.db.close()
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
