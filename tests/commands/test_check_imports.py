"""``hallmonitor check`` of a day already judged loads only what reading the day takes.

A supervisor runs it many times a day; what it would import for work it does
not do (deriving alerts, working out holidays already kept, Excel, PostgreSQL's
dialect for a hall on SQLite) is paid by
every run. Run as a person runs it, in a process of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: ``hallmonitor check`` in this process, then which of the named modules it loaded, on stderr.
CHECK_THEN_MODULES = """
import sys
from hallmonitor.cli import main
code = main(sys.argv[1:])
heavy = (
    "holidays",
    "openpyxl",
    "hallmonitor.services.rules.reconcile",
    "hallmonitor.services.rules.card_history",
    "sqlalchemy.dialects.postgresql",
)
print(code, sorted(name for name in heavy if name in sys.modules), file=sys.stderr)
"""


def check(env: dict[str, str], *argv: str) -> tuple[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", CHECK_THEN_MODULES, *argv],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return done.stdout, done.stderr.strip().splitlines()[-1]


def test_checking_a_judged_day_again_neither_derives_alerts_nor_works_out_holidays(
    sqlite_url: str, tmp_path: Path
) -> None:
    env = dict(os.environ, HALLMONITOR_CACHE_DIR=str(tmp_path / "cache"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "hallmonitor",
            "--db",
            sqlite_url,
            "init",
            "--hall-code",
            "H1",
            "--hall-name",
            "某大厅",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    first, _ = check(env, "--db", sqlite_url, "check", "--date", "2026-05-11")
    again, loaded = check(env, "--db", sqlite_url, "check", "--date", "2026-05-11")
    assert again == first and "2026-05-11 星期一" in again
    # The year the calendar library lacks is read from the cache the first run wrote.
    assert loaded == "0 []"
