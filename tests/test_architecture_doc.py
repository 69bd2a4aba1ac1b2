"""docs/architecture.md stays true: every path it names exists, and every capability package is in it."""

from __future__ import annotations

import re

from tests.support.paths import REPO

DOC = REPO / "docs" / "architecture.md"
PACKAGE = REPO / "src" / "hallmonitor"


def test_every_path_the_page_names_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    paths = set(re.findall(r"`((?:src|tests|docs|scripts)/[\w/.-]+)`", text))
    assert len(paths) > 30
    missing = sorted(p for p in paths if "<" not in p and not (REPO / p).exists())
    assert missing == []


def test_every_capability_package_is_in_the_table() -> None:
    table = DOC.read_text(encoding="utf-8").split("## The capabilities", 1)[1].split("### Why", 1)[0]
    for layer in ("services", "reports", "ui"):
        for package in (PACKAGE / layer).iterdir():
            if (package / "__init__.py").is_file():
                assert f"`{package.name}/" in table, (
                    f"{layer}/{package.name} is not in the capabilities table"
                )
