"""The third-party notices the app ships name every library it runs on, as installed here."""

from __future__ import annotations

import json

from scripts.third_party_notices import ASSETS, LICENCES, key, notices, unlisted


def test_every_installed_dependency_is_in_the_shipped_notices() -> None:
    assert unlisted() == [], "run python scripts/third_party_notices.py"


def test_the_notices_written_from_this_environment_name_the_apps_libraries_with_their_texts() -> None:
    entries, texts = notices()
    names = {key(str(e["name"])) for e in entries}
    for wanted in ("qt", "pyside6", "shiboken6", "sqlalchemy", "alembic", "openpyxl", "pyqtgraph", "numpy"):
        assert wanted in names
    for wanted in ("psycopg", "psycopg-binary", "argon2-cffi", "python", "wenquanyi micro hei"):
        assert wanted in names
    assert "hallmonitor" not in names and "pytest" not in names
    assert "Permission is hereby granted" in texts[f"{LICENCES}/texts/sqlalchemy.txt"]
    assert "libpq" in texts[f"{LICENCES}/texts/psycopg-binary.txt"]  # the libraries the wheel carries


def test_the_shipped_index_points_to_files_that_exist() -> None:
    index = json.loads((ASSETS / LICENCES / "index.json").read_text(encoding="utf-8"))
    for entry in index["components"]:
        for name in entry["files"]:
            assert (ASSETS / name).is_file(), name
