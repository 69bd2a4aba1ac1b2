"""A PC with no Chinese font of its own shows Chinese and prints notices with the font the app ships.

Each case runs in a child process whose private fontconfig file lists no font
at all (or Noto Sans CJK only, as deepin and UOS have), so nothing the machine
has installed can stand in for the app's own WenQuanYi Micro Hei.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase, QFontInfo

from hallmonitor.reports.notices import ORDER_TITLE
from hallmonitor.services.rules import run_rules
from hallmonitor.ui.shell import SHIPPED_FAMILY, SHIPPED_FONT, apply_chinese_font, register_shipped_font
from tests.support.alert_scenario import MON, at, build_ladder
from tests.support.fontconfig import listed_families, needs_fontconfig, private_fontconfig
from tests.support.notice_checks import assert_reads_back
from tests.support.paths import REPO

pytestmark = needs_fontconfig

#: The app's own font: both faces of its collection.
SHIPPED_FAMILIES = {SHIPPED_FAMILY, f"{SHIPPED_FAMILY} Mono"}


def child_env(tmp_path: Path, *families: str) -> dict[str, str]:
    config = private_fontconfig(tmp_path / "fc", *families)
    listed = listed_families(config)
    assert not [f for f in listed if "WenQuanYi" in f], "the machine's WenQuanYi Micro Hei is not hidden"
    assert listed if families else not listed
    env = dict(os.environ, FONTCONFIG_FILE=str(config), QT_QPA_PLATFORM="offscreen")
    env["HALLMONITOR_SETTINGS_DIR"] = str(tmp_path / "settings")
    env["HALLMONITOR_LOG_DIR"] = str(tmp_path / "log")
    env.pop("HALLMONITOR_NOTICE_FONT", None)
    env.pop("HALLMONITOR_LANG", None)
    return env


def test_the_shipped_font_is_the_last_choice_for_the_interface(qapp) -> None:
    assert SHIPPED_FAMILY in register_shipped_font()
    assert SHIPPED_FAMILY in QFontDatabase.families()
    saved = qapp.font()
    try:
        family = apply_chinese_font(qapp)
        preferred = {"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC"}
        if preferred & set(QFontDatabase.families()):
            assert family != SHIPPED_FAMILY  # a PC's own Chinese font comes first
        else:
            assert family == SHIPPED_FAMILY
        assert QFontInfo(qapp.font()).family() == family
    finally:
        qapp.setFont(saved)


def test_on_a_pc_without_fonts_the_window_draws_its_chinese_with_the_shipped_font(
    small, sqlite_hall, tmp_path
) -> None:
    env = child_env(tmp_path)
    picture = tmp_path / "window.png"
    child = subprocess.run(
        [sys.executable, "-m", "tests.support.fresh_pc_probe", sqlite_hall.db.url, str(picture)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    result = json.loads(child.stdout.strip().splitlines()[-1])
    assert set(result["cjk_families"]) <= SHIPPED_FAMILIES, "the child saw a Chinese font of the machine"
    assert result["family"] == SHIPPED_FAMILY
    chars = result["chars"]
    assert len(chars) > 30 and "窗" in chars and "厅" in chars  # the menus, navigation and tiles, in Chinese
    assert result["missing"] == []
    assert result["boxes"] == []
    assert result["distinct_shapes"] == len(chars)  # boxes would all look the same
    assert picture.stat().st_size > 10_000


@pytest.mark.parametrize("installed", [(), ("Noto Sans CJK SC",)], ids=["no font", "only Noto"])
def test_a_notice_prints_with_a_text_layer_that_reads_back(sqlite_hall, tmp_path, installed) -> None:
    build_ladder(sqlite_hall)
    run_rules(sqlite_hall, at(MON, 9, 30))
    out = tmp_path / "通知书.pdf"
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from hallmonitor.cli import main; sys.exit(main())",
            "--db",
            sqlite_hall.db.url,
            "notice",
            "1",
            "--out",
            str(out),
        ],
        cwd=REPO,
        env=child_env(tmp_path, *installed),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    assert SHIPPED_FAMILY in child.stdout
    assert_reads_back(out, ORDER_TITLE, "1号窗口", "市场监管局", "工", "日", "人", "签收人")


def test_the_font_file_and_its_licence_ship_in_the_package() -> None:
    assert SHIPPED_FONT.is_file() and SHIPPED_FONT.stat().st_size > 4_000_000
    licence = (SHIPPED_FONT.parent / "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "WenQuanYi" in licence and "Apache License" in licence and "Version 2.0" in licence
