"""The figures a person times from a command: the app's start to a painted board, and ``check --date``.

Both run in a child process, as a person starts them, so what Python, Qt and
SQLAlchemy cost to import is part of the figure; so it is of the floor, a child
that imports the same libraries and does the least the figure stands for. The
children get their own settings and log folders, never the user's.
"""

from __future__ import annotations

import compileall
import functools
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import hallmonitor
from hallmonitor.bench.hall import url_of
from hallmonitor.bench.timing import Figure, Goal

#: Open the database, one query, paint a label with its answer, quit once it is painted.
SMOKE_FLOOR = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import create_engine, text

app = QApplication(sys.argv[:1])
engine = create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as conn:
    staffed = conn.execute(
        text("SELECT count(DISTINCT window_id) FROM roster_entry WHERE day = :day"), {"day": sys.argv[2]}
    ).scalar()


class Board(QLabel):
    def paintEvent(self, event):
        super().paintEvent(event)
        QTimer.singleShot(0, app.quit)


board = Board(f"{staffed} windows staffed today")
board.show()
app.exec()
"""

#: Open the database with SQLAlchemy and count the day's cases.
CHECK_FLOOR = """
import sys
from sqlalchemy import create_engine, text

engine = create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as conn:
    count = conn.execute(
        text("SELECT count(*) FROM service_case WHERE received_at >= :start AND received_at < :end"),
        {"start": sys.argv[2], "end": sys.argv[3]},
    ).scalar()
print(count)
"""


@functools.cache
def compile_package() -> bool:
    """Write the package's bytecode, as an installed copy has it (the setup and the .deb ship it).

    A checkout run under PYTHONDONTWRITEBYTECODE would otherwise compile every
    module of the package on every start, which no user pays (0.3 s of a
    ``check`` on a slow PC), while the floor's libraries come compiled by pip.
    False where the package's folder is not writable; the figures then carry it.
    """
    return compileall.compile_dir(Path(hallmonitor.__file__).parent, quiet=1)


def child_environment(scratch: Path) -> dict[str, str]:
    compile_package()
    env = dict(os.environ)
    for name in ("HALLMONITOR_SETTINGS_DIR", "HALLMONITOR_LOG_DIR", "HALLMONITOR_TEMP_DIR"):
        folder = scratch / name.removeprefix("HALLMONITOR_").lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env.pop("HALLMONITOR_DB", None)
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _timed(command: list[str], env: dict[str, str], what: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"{what} exited with {done.returncode}: {' / '.join(tail)}")
    return elapsed


def smoke_figure(hall_file: Path, scratch: Path) -> Figure:
    env = child_environment(scratch)
    app = [sys.executable, "-m", "hallmonitor", "--db", url_of(hall_file), "--smoke"]
    floor = [sys.executable, "-c", SMOKE_FLOOR, str(hall_file), date.today().isoformat()]
    return Figure(
        "start to the board painted with data (--smoke)",
        "PySide6 + SQLAlchemy: open, one query, paint a label",
        Goal(ratio=2),
        lambda: _timed(app, env, "hallmonitor --smoke"),
        lambda: _timed(floor, env, "the start's floor"),
    )


def check_figure(hall_file: Path, scratch: Path, day: date, cases: int) -> Figure:
    env = child_environment(scratch)
    app = [sys.executable, "-m", "hallmonitor", "--db", url_of(hall_file), "check", "--date", day.isoformat()]
    bounds = [day.isoformat() + " 00:00:00", (day + timedelta(days=1)).isoformat() + " 00:00:00"]
    floor = [sys.executable, "-c", CHECK_FLOOR, str(hall_file), *bounds]
    return Figure(
        f"check --date, a busy day ({cases:,} cases)",
        "SQLAlchemy: open, count the day's cases",
        Goal(ratio=2),
        lambda: _timed(app, env, "hallmonitor check"),
        lambda: _timed(floor, env, "the check's floor"),
        note=f"check --date {day.isoformat()}",
    )


def scratch_folder(parent: Path | None = None) -> Path:
    return Path(tempfile.mkdtemp(prefix="hallmonitor-bench-", dir=parent))
