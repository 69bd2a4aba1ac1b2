"""Runs the built executables on a demo database: the proof that the bundle works before it ships.

A bundle can hold every file and still fail to start (a missing Qt plugin, a module that fails
to import, a calendar that fell back to Monday-Friday). So build.py runs the built
hallmonitor-cli and HallMonitor themselves, in a temporary folder and with the builder's own
database, settings and logs kept out, and stops the build on a non-zero exit, a time-out, an
error in the app's log or a missing translation.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from build_common import CLI, GUI, IS_LINUX, PACKAGE, BuildError, run, say, version, warn

SMOKE_DEMO_TODAY = "2026-05-15"
#: (day, word the check must print): a Monday, and Labour Day's Tuesday, which only the official
#: calendar (chinesecalendar's tables) knows is a holiday; a Monday-Friday fallback would say 工作日.
SMOKE_CHECKS = [("2026-05-11", "工作日"), ("2026-05-05", "休息日")]
#: Pages opened besides the first, for what only they load: the statistics page draws with
#: pyqtgraph over numpy, whose bundled OpenBLAS is the library most easily broken by the build.
SMOKE_PAGES = ["charts"]


def smoke_env(folder: Path) -> dict[str, str]:
    """The builder's own database, settings and logs stay out of it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HALLMONITOR_", "PYTHON"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HALLMONITOR_LOG_DIR=str(folder / "logs"),
        HALLMONITOR_SETTINGS_DIR=str(folder / "settings"),
    )
    if IS_LINUX:
        env.update(
            XDG_DATA_HOME=str(folder / "data"),
            XDG_STATE_HOME=str(folder / "state"),
            XDG_CONFIG_HOME=str(folder / "config"),
            XDG_CACHE_HOME=str(folder / "cache"),
        )
    return env


def check_database(url: str, env: dict[str, str], shown: str) -> None:
    run(
        [CLI, "--db", url, "demo", "--today", SMOKE_DEMO_TODAY],
        env=env,
        timeout=600,
        what=f"hallmonitor-cli demo on {shown}",
    )
    for day, word in SMOKE_CHECKS:
        out = run(
            [CLI, "--db", url, "check", "--date", day],
            env=env,
            timeout=300,
            what=f"hallmonitor-cli check --date {day} on {shown}",
        )
        first = out.strip().splitlines()[0] if out.strip() else ""
        if word not in first:
            raise BuildError(f"check --date {day} should say {word} (official calendar) but printed:\n{out}")
        if "尚无国务院公布" in out:
            raise BuildError(
                f"check --date {day} fell back to Monday-Friday: chinesecalendar's data is missing\n{out}"
            )
        say(f"  {first}")


def check_import(url: str, env: dict[str, str], folder: Path) -> None:
    """An item list written from the bundle's own template and imported: python-calamine reads it."""
    import openpyxl

    book = folder / "items.xlsx"
    run(
        [CLI, "--db", url, "template", "items", book],
        env=env,
        timeout=120,
        what="hallmonitor-cli template items",
    )
    workbook = openpyxl.load_workbook(book)
    workbook.worksheets[0]["A2"] = "SMOKE-0001"  # no longer the template's example row
    workbook.save(book)
    run(
        [CLI, "--db", url, "import", "items", book], env=env, timeout=300, what="hallmonitor-cli import items"
    )
    say("  hallmonitor-cli import items: the template's row, renamed, was imported")


def smoke(pg_url: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="hallmonitor-smoke-") as tmp:
        folder = Path(tmp)
        env = smoke_env(folder)
        out = run([CLI, "--version"], env=env, timeout=120, what="hallmonitor-cli --version")
        if f"hallmonitor {version()}" not in out:
            raise BuildError(
                f"hallmonitor-cli --version printed {out.strip()!r}, expected hallmonitor {version()}"
            )
        say(f"  {out.strip()}")
        url = f"sqlite:///{(folder / 'demo.sqlite3').as_posix()}"
        check_database(url, env, "a demo SQLite database")
        check_import(url, env, folder)
        run([GUI, "--db", url, "--smoke"], env=env, timeout=300, what="HallMonitor --smoke (offscreen)")
        say("  HallMonitor --smoke: the first page showed its data, exit 0")
        for page in SMOKE_PAGES:
            run(
                [GUI, "--db", url, "--smoke", "--page", page],
                env=env,
                timeout=300,
                what=f"HallMonitor --smoke --page {page} (offscreen)",
            )
            say(f"  HallMonitor --smoke --page {page}: the page showed its data, exit 0")
        log = folder / "logs" / "hallmonitor.log"
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        errors = [line for line in text.splitlines() if " ERROR " in line or " CRITICAL " in line]
        if errors:
            raise BuildError(
                "the built app logged errors during the checks:\n  " + "\n  ".join(errors) + f"\n{text}"
            )
        missing = [line for line in text.splitlines() if "translation" in line and "not found" in line]
        if missing:
            compiled = (PACKAGE / "ui" / "assets" / "translations" / "hallmonitor_zh_CN.qm").is_file()
            message = "the built app did not find a translation:\n  " + "\n  ".join(missing)
            if compiled or any("qtbase" in line for line in missing):
                raise BuildError(message)
            warn(message)
        if pg_url:
            check_database(pg_url, env, "PostgreSQL")
