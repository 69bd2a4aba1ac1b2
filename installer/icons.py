"""The application icon in the formats the packages need: SVG, a 256 px PNG and a Windows .ico.

Rendering needs Qt (a QGuiApplication), which the build process itself should not start, so
make_icons() runs build.py again in a child process with the hidden ``--render-icons SVG OUT``
option, and that child calls render_icons(). The .ico goes to PyInstaller (the executables'
icon, via HALLMONITOR_BUILD_ICON) and the NSIS setup; the SVG and PNG go into the Linux packages.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

from build_common import BUILD_SCRIPT, INSTALLER, PACKAGE, WORK, BuildError, run


def write_ico(pngs: list[tuple[int, bytes]], target: Path) -> None:
    """An .ico holding PNG images (Windows Vista and later read these)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in pngs:
        entries += struct.pack(
            "<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset + len(blobs)
        )
        blobs += data
    target.write_bytes(header + entries + blobs)


def render_icons(svg: Path, out: Path) -> None:
    """Render ``svg`` to PNGs and an .ico with Qt (run in a child process: it needs a QGuiApplication)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication([])  # noqa: F841 - Qt's painting needs it alive
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise BuildError(f"cannot read the icon {svg}")
    pngs = []
    for size in (16, 24, 32, 48, 64, 128, 256):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        pngs.append((size, bytes(data.data())))
    out.mkdir(parents=True, exist_ok=True)
    (out / "hallmonitor.png").write_bytes(pngs[-1][1])
    write_ico(pngs, out / "hallmonitor.ico")
    shutil.copyfile(svg, out / "hallmonitor.svg")


def make_icons() -> Path:
    """build/icons/hallmonitor.{svg,png,ico} from the app's own SVG icon, else installer/hallmonitor.svg."""
    own = PACKAGE / "ui" / "assets" / "icons" / "hallmonitor.svg"
    svg = own if own.is_file() else INSTALLER / "hallmonitor.svg"
    out = WORK / "icons"
    run([sys.executable, BUILD_SCRIPT, "--render-icons", svg, out], what="rendering the icons")
    return out
