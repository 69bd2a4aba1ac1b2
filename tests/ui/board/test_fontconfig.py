"""The board on a PC that has exactly one CJK font, chosen through a private fontconfig file.

Each font runs in a child process whose FONTCONFIG_FILE lists only that font's
files, so the app picks it by itself and nothing falls back to another family;
the child measures every tile (tests/support/fit_probe.py) and reports.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.long_names import build_long_names_hall
from tests.support.paths import REPO

FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC")


def private_fontconfig(folder: Path, family: str) -> Path:
    """A fonts.conf whose only fonts are ``family``'s files (linked into ``folder``)."""
    listed = subprocess.run(["fc-list", family, "file"], capture_output=True, text=True, check=False).stdout
    files = [line.split(":")[0].strip() for line in listed.splitlines() if line.strip()]
    if not files:
        pytest.skip(f"the font {family} is not installed")
    fonts = folder / "fonts"
    fonts.mkdir(parents=True)
    for file in files:
        (fonts / Path(file).name).symlink_to(file)
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{folder / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return config


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig is not installed")
@pytest.mark.parametrize("family", FONTS)
def test_with_only_one_cjk_font_installed_every_tile_fits(sqlite_hall, tmp_path, family):
    build_long_names_hall(sqlite_hall)
    env = dict(os.environ, FONTCONFIG_FILE=str(private_fontconfig(tmp_path / "fc", family)))
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HALLMONITOR_SETTINGS_DIR"] = str(tmp_path / "settings")
    env["HALLMONITOR_LOG_DIR"] = str(tmp_path / "log")
    child = subprocess.run(
        [sys.executable, "-m", "tests.support.fit_probe", sqlite_hall.db.url, "zh_CN", "1350", "728"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    result = json.loads(child.stdout.strip().splitlines()[-1])
    assert result["family"] == family
    assert result["tiles"] == 20
    assert result["misfits"] == []
