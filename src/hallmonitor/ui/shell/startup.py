"""What the app sets up before any window: translations, a Simplified Chinese font, the error hook.

Kept apart from the composition root (``hallmonitor.app``) so that it holds only
the order of start-up; these pieces are Qt alone and need no hall.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from hallmonitor.domain.texts import use_language

log = logging.getLogger("hallmonitor.app")

FONT_FAMILIES = (
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)
TRANSLATIONS_DIR = Path(__file__).parents[1] / "assets" / "translations"


def skip_pyside_source_scan() -> bool:
    """Stop PySide6 reading the source of every module imported after it; False where it does not.

    For its opt-in ``from __feature__ import snake_case`` PySide6 wraps ``import`` and, the first
    time each module is imported, reads the module's whole source (``inspect.getsource``, which also
    walks every loaded module) to decide whether it "uses PySide": with SQLAlchemy, the models and
    the services imported after Qt that was a sixth of a second of every start. The app never
    selects a feature, so every module is taken to use PySide's default ones, as a module that
    names PySide6 is; one that imports ``__feature__`` still gets what it asks for, which PySide
    records apart. A PySide6 without this internal is left as it is.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_default_features
    return True


def _uses_default_features(_module: object) -> bool:
    return True


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Load our catalogue and Qt's own for ``language``; English needs none (it is the source).

    The messages the services and rules make speak the same language from here on.
    """
    use_language(language)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    installed = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase_zh_CN", qt_folder), (f"hallmonitor_{language}", str(TRANSLATIONS_DIR))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, folder)
    return installed


def chinese_font_family(available: list[str] | None = None) -> str | None:
    families = set(QFontDatabase.families() if available is None else available)
    return next((f for f in FONT_FAMILIES if f in families), None)


def apply_chinese_font(app: QApplication) -> str | None:
    family = chinese_font_family()
    if family is None:
        log.warning("no Simplified Chinese font among %s; Qt's fallback is used", ", ".join(FONT_FAMILIES))
        return None
    font = QFont(family)
    size = app.font().pointSizeF()
    if size > 0:
        font.setPointSizeF(max(size, 10.0))
    app.setFont(font)
    return family


class ErrorHook:
    """sys.excepthook for the app's lifetime: log the details, show the user a sentence."""

    def __init__(self, smoke: bool) -> None:
        self.smoke = smoke
        self.previous = sys.excepthook
        self.failed = False
        self._showing = False

    def __call__(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught error", exc_info=(kind, exc, tb))
        self.failed = True
        if self.smoke:
            print(f"hallmonitor: {kind.__name__}: {exc}", file=sys.stderr)
            QApplication.exit(1)
            return
        if self._showing or issubclass(kind, KeyboardInterrupt):
            return
        self._showing = True
        try:
            from hallmonitor.ui.shell.dialogs import build_error_box

            build_error_box(QApplication.activeWindow(), exc).exec()
        finally:
            self._showing = False

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous
