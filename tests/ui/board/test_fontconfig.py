"""The board on a PC that has exactly one CJK font, chosen through a private fontconfig file.

Each case runs in a child process whose FONTCONFIG_FILE lists only that font's
files, so the app picks it by itself and nothing falls back to another family;
WenQuanYi Micro Hei is the app's own (the child sees no font at all, as on a
fresh Linux install). The child measures every tile (tests/support/fit_probe.py)
and reports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.support.fontconfig import needs_fontconfig, private_fontconfig
from tests.support.long_names import build_long_names_hall
from tests.support.paths import REPO

#: The family the app draws with, and the fonts the PC has besides the app's own.
FONTS = {"WenQuanYi Micro Hei": (), "Noto Sans CJK SC": ("Noto Sans CJK SC",)}


@needs_fontconfig
@pytest.mark.parametrize("family", FONTS)
def test_with_only_one_cjk_font_installed_every_tile_fits(sqlite_hall, tmp_path, family):
    build_long_names_hall(sqlite_hall)
    env = dict(os.environ, FONTCONFIG_FILE=str(private_fontconfig(tmp_path / "fc", *FONTS[family])))
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
