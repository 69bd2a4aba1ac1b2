"""A notice on A4 paper, as a PDF whose text reads back as the characters printed.

Qt's PDF writer builds the text layer (ToUnicode map) by looking up, for each
glyph, the first code point the font maps to it. Fonts that map the Kangxi
radicals (U+2F00–U+2FDF) to the same glyphs as 工, 日, 人, 心 — Noto Sans
CJK among them — therefore print the right shapes but copy and search as
radicals, and a department searching its archive for its window's notice
would not find it. So a font is only used after the same lookup, done here
on the notice's own text, gives back every character unchanged. The app's own
WenQuanYi Micro Hei (``ui.shell.register_shipped_font``) passes and is tried
first, so a notice prints on a PC whose only Chinese fonts are Noto or Source
Han (deepin, UOS) or that has none; only text it cannot draw (a rare character
in a name) is tried in the installed fonts, and when none passes the notice is
refused with a sentence rather than written wrong.

This needs a QGuiApplication (fonts), not QtWidgets, so the headless
``hallmonitor notice`` command can use it on the offscreen platform.
"""

from __future__ import annotations

import html
import os
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextDocument,
)

from hallmonitor.files import replacing
from hallmonitor.reports.notices import NoticeContent
from hallmonitor.services.hall import ServiceError
from hallmonitor.ui.shell import SHIPPED_FAMILY, register_shipped_font

#: Set to a .ttf/.ttc/.otf file to print notices with that font (it is still checked).
FONT_ENV = "HALLMONITOR_NOTICE_FONT"

#: Families known to give a correct text layer, in order of preference.
PREFERRED_FAMILIES = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimSun",
    "SimHei",
    "Source Han Sans SC",
    "Noto Sans SC",
    "Noto Sans CJK SC",
)
#: Where those fonts live when the platform's font list does not include them (e.g. offscreen on Windows).
KNOWN_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)


def install_hint(platform: str = sys.platform) -> str:
    """What to install for notices, in the interface's language, on this kind of PC."""
    hints = {
        "linux": QCoreApplication.translate(
            "NoticePdf",
            "Install the WenQuanYi Micro Hei font (Debian/Ubuntu: sudo apt install fonts-wqy-microhei)",
        ),
        "win32": QCoreApplication.translate(
            "NoticePdf", "Make sure Microsoft YaHei or SimSun is among the system's fonts"
        ),
        "darwin": QCoreApplication.translate("NoticePdf", "Install WenQuanYi Micro Hei or Source Han Sans"),
    }
    return hints.get(platform, hints["linux"])


class NoticeFontError(ServiceError):
    """No installed font prints the notice with a correct text layer."""


def _all_code_points() -> str:
    return "".join(chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c < 0xE000)


@cache
def _reverse_map(family: str) -> dict[int, str]:
    """Glyph -> the first code point mapping to it: how the PDF writer fills the text layer.

    Empty for a family that is not installed: Qt would draw it in another font.
    """
    if not QFontDatabase.hasFamily(family):
        return {}
    raw = QRawFont.fromFont(QFont(family))
    if not raw.isValid():
        return {}
    chars = _all_code_points()
    reverse: dict[int, str] = {}
    for char, glyph in zip(chars, raw.glyphIndexesForString(chars), strict=True):
        if glyph and glyph not in reverse:
            reverse[glyph] = char
    return reverse


def reads_back(family: str, text: str) -> bool:
    """True when every character of ``text`` has a glyph in ``family`` that reads back as itself."""
    reverse = _reverse_map(family)
    if not reverse:
        return False
    chars = "".join(sorted({c for c in text if not c.isspace()}))
    raw = QRawFont.fromFont(QFont(family))
    return all(reverse.get(g) == c for c, g in zip(chars, raw.glyphIndexesForString(chars), strict=True))


def _register_known_files() -> None:
    """Add the known font files when the platform lists none of the preferred families (the app's own aside)."""
    if set(QFontDatabase.families()) & (set(PREFERRED_FAMILIES) - {SHIPPED_FAMILY}):
        return
    for path in KNOWN_FONT_FILES:
        if Path(path).is_file():
            QFontDatabase.addApplicationFont(path)


def _candidates() -> list[str]:
    extra = os.environ.get(FONT_ENV)
    families: list[str] = []
    if extra and Path(extra).is_file():
        font_id = QFontDatabase.addApplicationFont(extra)
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    families += [f for f in register_shipped_font() if f == SHIPPED_FAMILY and f not in families]
    _register_known_files()
    installed = QFontDatabase.families()
    families += [f for f in PREFERRED_FAMILIES if f in installed and f not in families]
    families += [
        f for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese) if f not in families
    ]
    return families


def pick_font(text: str) -> str:
    """The first usable family for ``text``; NoticeFontError with what to do when there is none."""
    tried = []
    for family in _candidates():
        if reads_back(family, text):
            return family
        tried.append(family)
    if tried:
        found = QCoreApplication.translate("NoticePdf", " (checked: %1)").replace(
            "%1", QCoreApplication.translate("NoticePdf", ", ").join(tried[:6])
        )
    else:
        found = QCoreApplication.translate("NoticePdf", " (no Chinese font found at all)")
    raise NoticeFontError(
        QCoreApplication.translate(
            "NoticePdf",
            "There is no Chinese font to print notices with: the text in the PDF must copy and search"
            " correctly%1. %2, or name a font file in the environment variable %3.",
        )
        .replace("%1", found)
        .replace("%2", install_hint())
        .replace("%3", FONT_ENV)
    )


def _html(content: NoticeContent, family: str) -> str:
    e = html.escape
    cells = "".join(f"<th>{e(h)}</th>" for h in content.table_header)
    rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in content.table_rows)
    # Two ideographic spaces open a paragraph, as in printed official documents; Qt's
    # rich text ignores text-indent in points.
    paragraphs = "".join(f'<p class="body">\u3000\u3000{e(p)}</p>' for p in content.paragraphs)
    after = "".join(f'<p class="body">\u3000\u3000{e(p)}</p>' for p in content.after_table)
    signature = "".join(f'<p class="sign">{e(s)}</p>' for s in content.signature)
    receipt = "".join(f'<p class="receipt">{e(r)}</p>' for r in content.receipt)
    return f"""
<html><head><style>
body {{ font-family: '{family}'; font-size: 12pt; }}
h1 {{ font-size: 22pt; font-weight: bold; text-align: center; margin-bottom: 4pt; }}
p.number {{ text-align: center; font-size: 11pt; margin-bottom: 14pt; }}
p.to {{ font-size: 13pt; margin-bottom: 6pt; }}
p.body {{ font-size: 13pt; line-height: 150%; margin-top: 4pt; margin-bottom: 4pt; white-space: pre-wrap; }}
table {{ border-collapse: collapse; margin-top: 6pt; margin-bottom: 8pt; }}
th {{ font-size: 11pt; font-weight: bold; background-color: #eeeeee; }}
td {{ font-size: 11pt; }}
p.sign {{ font-size: 13pt; text-align: right; margin-top: 2pt; margin-bottom: 2pt; }}
p.receipt {{ font-size: 12pt; margin-top: 10pt; }}
</style></head><body>
<h1>{e(content.title)}</h1>
<p class="number">{e(content.number)}</p>
<p class="to">{e(content.addressee)}</p>
{paragraphs}
<table width="100%" border="1" cellspacing="0" cellpadding="5"><tr>{cells}</tr>{rows}</table>
<p style="font-size: 3pt;">&nbsp;</p>
{after}
<p>&nbsp;</p>
{signature}
<p>&nbsp;</p>
<hr/>
{receipt}
</body></html>"""


def write_notice_pdf(content: NoticeContent, path: str | Path) -> str:
    """Write ``content`` as an A4 PDF at ``path``; returns the font family used.

    Written beside it and renamed when whole (``files.replacing``): a notice
    killed half-way leaves the earlier file, if any, and no part of its own.
    """
    family = pick_font(content.all_text())
    target = Path(path)
    if not target.parent.is_dir():
        raise FileNotFoundError(
            2, QCoreApplication.translate("NoticePdf", "The folder does not exist"), str(target.parent)
        )
    with replacing(target) as part:
        _paint(content, family, part, target)  # the writer is gone, its file closed, when it returns
    return family


def _paint(content: NoticeContent, family: str, part: Path, target: Path) -> None:
    writer = QPdfWriter(str(part))
    writer.setTitle(content.title)
    writer.setCreator("HallMonitor 窗口监管台")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(25, 25, 22, 22),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(QFont(family, 12))
    doc.setDocumentMargin(0)
    doc.setHtml(_html(content, family))
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(page.width(), page.height()))
    painter = QPainter()
    if not painter.begin(writer):
        raise PermissionError(
            13, QCoreApplication.translate("NoticePdf", "The file cannot be written"), str(target)
        )
    try:
        for index in range(doc.pageCount()):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * page.height())
            doc.drawContents(painter, QRectF(0, index * page.height(), page.width(), page.height()))
            painter.restore()
    finally:
        painter.end()
