"""Checks that dist/HallMonitor holds what the app loads in ways PyInstaller's analysis cannot see.

Alembic reads its migrations by file path, the app and Qt load .qm translations from folders,
holidays loads a gettext catalogue, psycopg loads its binary extension, and subcommand handlers,
pages and SQL dialects are imported by name. A bundle missing any of them builds fine and fails
only on a user's PC, so build.py stops before running or packaging such a bundle. On Linux the
same goes for a library the bundle neither holds nor may take from the PC (elf_needs.py): the
offscreen smoke test would pass, and the window would not open on a desktop.
"""

from __future__ import annotations

from pathlib import Path

from build_common import APP_DIR, CLI, IS_LINUX, PACKAGE, ROOT, BuildError, say
from elf_needs import missing_libraries

#: Modules the built executables must contain although nothing imports them by a plain import
#: statement (subcommand handlers and pages are imported by name, dialects chosen by URL).
REQUIRED_MODULES = [
    "hallmonitor.cli",
    "hallmonitor.app",
    "chinese_calendar",
    "holidays.countries.china",
    "alembic.op",
    "alembic.context",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg",
    "openpyxl",
    "pyqtgraph",
]


def bundle_modules() -> set[str]:
    from PyInstaller.archive.readers import pkg_archive_contents

    return set(pkg_archive_contents(str(CLI), recursive=True))


def verify_bundle() -> None:
    """The files read by path and the modules imported by name are in the folder."""
    internal = APP_DIR / "_internal"
    problems = []

    def expect_same_files(source: Path, pattern: str, what: str) -> None:
        wanted = {p.relative_to(ROOT / "src") for p in source.glob(pattern) if "__pycache__" not in p.parts}
        found = {p.relative_to(internal) for p in (internal / source.relative_to(ROOT / "src")).glob(pattern)}
        if not wanted:
            problems.append(f"no {what} in the source tree ({source.relative_to(ROOT)}/{pattern})")
        for path in sorted(wanted - found):
            problems.append(f"{what} not bundled: {path.as_posix()}")

    migrations = PACKAGE / "storage" / "migrations"
    expect_same_files(migrations, "env.py", "Alembic environment")
    expect_same_files(migrations, "versions/*.py", "migration")
    translations = PACKAGE / "ui" / "assets" / "translations"
    if translations.is_dir():
        expect_same_files(translations, "*.qm", "translation")
    # The messages made below the interface read their Chinese from this catalogue, by file.
    expect_same_files(PACKAGE / "domain", "texts_*.json", "message catalogue")
    if not list(internal.glob("PySide6/**/qtbase_zh_CN.qm")):
        problems.append("Qt's own Chinese translation qtbase_zh_CN.qm not bundled")
    if not (internal / "holidays" / "locale" / "zh_CN" / "LC_MESSAGES" / "CN.mo").is_file():
        problems.append("holidays' Chinese catalogue (holidays/locale/zh_CN/LC_MESSAGES/CN.mo) not bundled")
    if not list(internal.glob("psycopg_binary/_psycopg*")):
        problems.append("psycopg_binary's extension not bundled: PostgreSQL would not work")

    modules = bundle_modules()
    wanted = set(REQUIRED_MODULES)
    # Every module of the package: pages and subcommand handlers are imported by name.
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if "migrations" not in parts:
            wanted.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    problems += [f"module not bundled: {name}" for name in sorted(wanted - modules)]
    if IS_LINUX:
        for library, users in sorted(missing_libraries(APP_DIR).items()):
            problems.append(
                f"{library} is needed by {', '.join(users[:3])}{' and more' if len(users) > 3 else ''} "
                "but is neither bundled nor a library every desktop has: install it on the build "
                "machine (installer/README.md lists the X11 libraries Qt's xcb platform needs) and build again"
            )
    if problems:
        raise BuildError("the bundle is incomplete:\n  " + "\n  ".join(problems))
    say(
        f"bundle contents checked: migrations, translations, calendar data, {len(wanted)} modules imported by name"
    )
