"""A PC with exactly the fonts a test names, or none: a private fontconfig file for a child process.

A child started with FONTCONFIG_FILE set to ``private_fontconfig(folder, ...)``
sees only the named families' files (linked into ``folder``), and with no
family named no font at all, as on a fresh Linux install: whatever Chinese it
shows then comes from the font the app ships. For a whole pytest run,
tests/support/no_fonts.conf hides the machine's fonts from every test (see the README).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_fontconfig = pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig is not installed")


def private_fontconfig(folder: Path, *families: str) -> Path:
    """A fonts.conf whose only fonts are ``families``' files (none: no font at all); skips when one is missing."""
    fonts = folder / "fonts"
    fonts.mkdir(parents=True)
    for family in families:
        listed = subprocess.run(
            ["fc-list", family, "file"], capture_output=True, text=True, check=False
        ).stdout
        files = [line.split(":")[0].strip() for line in listed.splitlines() if line.strip()]
        if not files:
            pytest.skip(f"the font {family} is not installed")
        for file in files:
            link = fonts / Path(file).name
            if not link.exists():
                link.symlink_to(file)
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{folder / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return config


def listed_families(config: Path) -> list[str]:
    """The families fontconfig lists with ``config``: what a program started with it can find."""
    env = {"FONTCONFIG_FILE": str(config), "PATH": "/usr/bin:/bin"}
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=True, env=env)
    return sorted({line.strip() for line in listed.stdout.splitlines() if line.strip()})
