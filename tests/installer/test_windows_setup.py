"""The Windows setup script compiles (where makensis is), over a stand-in for the built folder."""

from __future__ import annotations

import shutil
import struct
import sys
import zlib
from pathlib import Path

import pytest
from icons import write_ico
from windows_package import compile_setup, numeric_version

needs_makensis = pytest.mark.skipif(
    shutil.which("makensis") is None, reason="NSIS's makensis is not installed"
)
MARKER = b"a stand-in payload for HallMonitor.exe"


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\0\0\0\0"))
        + chunk(b"IEND", b"")
    )


def stand_in(tmp_path: Path) -> tuple[Path, Path]:
    """A built folder's shape (the two executables, _internal) and an icon folder."""
    source = tmp_path / "HallMonitor"
    (source / "_internal").mkdir(parents=True)
    (source / "HallMonitor.exe").write_bytes(MARKER)
    (source / "hallmonitor-cli.exe").write_bytes(b"cli")
    (source / "_internal" / "library.dat").write_bytes(b"data")
    icons = tmp_path / "icons"
    icons.mkdir()
    write_ico([(32, tiny_png())], icons / "hallmonitor.ico")
    return source, icons


@needs_makensis
def test_the_setup_script_compiles_into_a_windows_program_holding_the_folder(tmp_path: Path) -> None:
    source, icons = stand_in(tmp_path)
    setup = compile_setup(
        Path(shutil.which("makensis") or "makensis"),
        icons,
        tmp_path / "out" / "HallMonitor-setup.exe",
        source=source,
        compressor="none",
        strict=True,
    )
    data = setup.read_bytes()
    assert data[:2] == b"MZ"
    assert MARKER in data  # uncompressed: the payload is there as it is
    # The name shown in Settings ▸ Apps, in Chinese: the script's text survived its encoding.
    assert "窗口监管台 HallMonitor".encode("utf-16-le") in data


@needs_makensis
def test_a_signing_command_signs_the_uninstaller_and_the_setup(tmp_path: Path) -> None:
    source, icons = stand_in(tmp_path)
    log = tmp_path / "signed.txt"
    recorder = (
        f"{sys.executable} -c \"import sys; open(sys.argv[1], 'a').write(sys.argv[2] + chr(10))\" {log}"
    )
    setup = compile_setup(
        Path(shutil.which("makensis") or "makensis"),
        icons,
        tmp_path / "out" / "HallMonitor-setup.exe",
        source=source,
        compressor="zlib",
        sign=f"{recorder} $f",
    )
    signed = log.read_text(encoding="utf-8").splitlines()
    assert len(signed) == 2  # the uninstaller, written first, then the setup itself
    assert signed[-1] == str(setup)


def test_windows_gets_four_numbers_of_the_version() -> None:
    assert numeric_version("0.1.0") == "0.1.0.0"
    assert numeric_version("1.2rc1") == "1.2.0.0"
