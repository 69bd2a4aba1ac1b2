"""A database at an older schema revision, for the tests of what an upgrade does to a hall's data."""

from __future__ import annotations

import shutil
from pathlib import Path

from hallmonitor.storage.database import MIGRATIONS_DIR, upgrade


def upgraded_to(revision: str, url: str, folder: Path) -> None:
    """Bring the database at ``url`` to ``revision`` (four digits) with a copy of the migrations up to it."""
    scripts = folder / f"migrations-{revision}"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    for later in (scripts / "versions").glob("*.py"):
        if later.name[:4] > revision:
            later.unlink()
    upgrade(url, script_location=scripts)
