"""The kill harness: real ``hallmonitor`` processes killed with SIGKILL at random moments.

An import of a few thousand cases, a weekly export, the demo and a large
roster save are each started as a child process and killed after a random
delay drawn over the time a whole run takes. Whatever moment the kill hit,
the database must be as it was before or as it is after: the file passes
``PRAGMA integrity_check``; an import leaves none of the file's cases, or all
of them with due dates, flags and alerts equal to an uninterrupted run; a
roster save leaves the old roster or the new one with its flags; the demo is
absent or whole. The next command then works (no database is ever stuck),
and after it no ``.part`` file and no private temporary folder of the killed
process is left, and nothing ever reaches the shared temporary folder.

Delays are random on every local run and fixed on CI (HALLMONITOR_HYPOTHESIS=ci);
a failure names the seed. The figures (kills survived / tried, and how many
landed before or after the commit) are printed at the end of each test.
"""

from __future__ import annotations

import functools
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from hallmonitor.files import PART_PREFIX, TEMP_ENV
from hallmonitor.services.hall import hall_context, init_hall
from hallmonitor.services.rules import run_rules
from hallmonitor.storage.database import open_database
from tests.support.derived import derived_state
from tests.support.import_files import (
    CASE_HEADER,
    PERSON_ID,
    ROSTER_HEADER,
    case_row,
    seed_reference,
    write_csv,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

#: Kills per operation.
KILLS = int(os.environ.get("HALLMONITOR_KILLS", "10"))
#: The derived data of two databases is compared as judged up to the same moment, after every
#: child's clock: the history is a function of the facts, never of when the rules ran.
COMPARED_AT = datetime.now().replace(microsecond=0) + timedelta(hours=12)
CASES = 2000
MAY = [date(2026, 5, d) for d in range(6, 30) if date(2026, 5, d).weekday() < 5]


def _seed() -> int:
    if os.environ.get("HALLMONITOR_HYPOTHESIS") == "ci":
        return 20260515
    return random.SystemRandom().randrange(1 << 30)


@dataclass
class Tally:
    what: str
    seed: int
    tried: int = 0
    survived: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        landed = "，".join(f"{k} {v}" for k, v in sorted(self.outcomes.items()))
        return (
            f"{self.what}: kills survived {self.survived} / tried {self.tried} ({landed}; seed {self.seed})"
        )


class Children:
    """Runs ``python -m hallmonitor`` (or a small script) as a real process, with private folders."""

    def __init__(self, root: Path) -> None:
        self.shared_temp = root / "shared-temp"
        self.private_temp = root / "private-temp"
        self.shared_temp.mkdir()
        self.env = {
            **os.environ,
            "TMPDIR": str(self.shared_temp),
            TEMP_ENV: str(self.private_temp),
            "PYTHONUNBUFFERED": "1",
        }

    def start(self, argv: Sequence[str], *, lines: bool = False) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, *argv],
            env=self.env,
            stdout=subprocess.PIPE if lines else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def run(self, argv: Sequence[str]) -> tuple[float, str]:
        """Run to the end; the seconds it took. A failing command fails the test with its stderr."""
        began = time.monotonic()
        child = self.start(argv)
        _out, err = child.communicate(timeout=600)
        text = err.decode(errors="replace")
        assert child.returncode == 0, text
        return time.monotonic() - began, text

    def work_time(self, argv: Sequence[str]) -> float:
        """Seconds from a child's first line of output (it starts the work) to its second (it is done)."""
        child = self.start(argv, lines=True)
        assert child.stdout is not None
        child.stdout.readline()
        began = time.monotonic()
        child.stdout.readline()
        took = time.monotonic() - began
        _out, err = child.communicate(timeout=600)
        assert child.returncode == 0, err.decode(errors="replace")
        return took

    def kill_after(
        self,
        argv: Sequence[str],
        delay: float,
        *,
        after_line: bool = False,
        armed: Callable[[], bool] | None = None,
    ) -> int | None:
        """Start, and SIGKILL after ``delay`` seconds unless it ended; its exit code, None when killed.

        The delay counts from the child's first line with ``after_line``, from the
        moment ``armed()`` is true (a part file appeared, say) when it is given.
        """
        child = self.start(argv, lines=after_line)
        if after_line:
            assert child.stdout is not None
            child.stdout.readline()
        while armed is not None and not armed() and child.poll() is None:
            time.sleep(0.002)
        try:
            child.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait()
            for stream in (child.stdout, child.stderr):
                if stream is not None:
                    stream.close()
            return None
        _out, err = child.communicate()
        assert child.returncode == 0, err.decode(errors="replace")
        return 0

    def assert_no_leftovers(self, *folders: Path) -> None:
        """No part files, nothing in the shared temporary folder, no private folder of a dead process."""
        parts = [p for folder in folders if folder.exists() for p in folder.iterdir()]
        assert [p.name for p in parts if p.name.startswith(PART_PREFIX) or p.suffix == ".part"] == []
        assert list(self.shared_temp.iterdir()) == []
        if self.private_temp.exists():
            assert list(self.private_temp.iterdir()) == []


def hm(url: str, *args: str) -> list[str]:
    return ["-m", "hallmonitor", "--db", url, *args]


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def judged(url: str, until: datetime = COMPARED_AT) -> dict[str, list[tuple[Any, ...]]]:
    """The derived data as judged up to ``until``."""
    db = open_database(url)
    try:
        run_rules(hall_context(db), until)
        return derived_state(db)
    finally:
        db.close()


def kill_many(
    tally: Tally,
    children: Children,
    root: Path,
    full_run: float,
    start: Callable[[Path], list[str]],
    check: Callable[[Path], str],
    *,
    fresh: Callable[[Path], None] | None = None,
    after_line: bool = False,
    armed: Callable[[Path], bool] | None = None,
) -> None:
    """KILLS times: a fresh folder (and database), a child killed at a random moment, ``check`` judges.

    With ``after_line``, the delay counts from the child's first line of output (a
    script saying it starts the work), so that the kills land in the work, not
    in Python starting up. With ``armed``, every other kill waits for it (the file
    being written) and comes within 3 % of a run after.
    """
    rng = random.Random(tally.seed)
    for attempt in range(KILLS):
        folder = root / f"{tally.what}-{attempt}"
        folder.mkdir()
        path = folder / "hall.sqlite3"
        if fresh is not None:
            fresh(path)
        aimed = armed is not None and attempt % 2 == 1
        delay = full_run * (rng.uniform(0, 0.03) if aimed else rng.uniform(0.1, 1.25))
        trigger = functools.partial(armed, path) if aimed and armed is not None else None
        children.kill_after(start(path), delay, after_line=after_line, armed=trigger)
        tally.tried += 1
        where = f"{tally}, attempt {attempt}, killed after {delay:.2f} s"
        if path.exists():
            assert integrity(path) == "ok", where
        try:
            tally.outcomes[check(path)] += 1
        except AssertionError as exc:
            raise AssertionError(f"{where}: {exc}") from exc
        tally.survived += 1
        shutil.rmtree(folder)
    print(tally)


def _copy(source: Path) -> Callable[[Path], None]:
    return lambda path: shutil.copyfile(source, path)


# --- the hall every kill starts from ------------------------------------------------------


def case_rows() -> list[list[Any]]:
    """A month of cases at three windows: on time, late, unfinished, approved in the back office, trips."""
    windows = [("A01", "SC-001", "1001"), ("A02", "SW-001", "1002"), ("B01", "BDC-01", "1003")]
    rows = []
    for i in range(CASES):
        window, item, staff = windows[i % 3]
        received = datetime.combine(MAY[i % len(MAY)], datetime.min.time()) + timedelta(
            hours=9, minutes=i % 240
        )
        changes: dict[str, Any] = {
            "窗口号": window,
            "事项编码": item,
            "申请人类型": "个人",
            "申请人": f"申请人{i}",
            "证件号码": PERSON_ID,
            "受理时间": f"{received:%Y-%m-%d %H:%M}",
            "受理人工号": staff,
            "审批人工号": staff,
            "审批时间": f"{received + timedelta(minutes=20):%Y-%m-%d %H:%M}",
            "审批地点": "部门后台" if i % 17 == 0 else "窗口",
            "办结时间": f"{received + timedelta(days=i % 11, minutes=30):%Y-%m-%d %H:%M}",
            "跑动次数": 2 if i % 29 == 0 else 1,
        }
        if i % 13 == 0:  # still open: overdue by now
            changes.update(办件状态="已受理", 办结时间="")
        rows.append(case_row(f"K{i:05d}", **changes))
    return rows


@dataclass
class Hall:
    """The seeded hall before the import, the same hall after it, and the import's file."""

    before: Path
    after: Path
    cases: Path
    import_run: float
    judged_after: dict[str, list[tuple[Any, ...]]]


@pytest.fixture(scope="module")
def children(tmp_path_factory: pytest.TempPathFactory) -> Children:
    return Children(tmp_path_factory.mktemp("children"))


@pytest.fixture(scope="module")
def hall(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory, children: Children) -> Hall:
    """Windows, staff, items and May's roster; then, in a copy, the month's cases imported by a child."""
    from hallmonitor.services.imports import import_file

    root = tmp_path_factory.mktemp("hall")
    before = root / "before.sqlite3"
    shutil.copyfile(sqlite_template, before)
    db = open_database(f"sqlite:///{before}")
    init_hall(db, "K01", "杀进程测试大厅")
    ctx = hall_context(db)
    seed_reference(ctx, root)
    roster = [
        [f"{day:%Y-%m-%d}", session, window, staff, "是"]
        for day in MAY
        for session in ("上午", "下午")
        for window, staff in (("A01", "1001"), ("A02", "1002"), ("B01", "1003"))
    ]
    assert import_file(ctx, "roster", write_csv(root / "roster.csv", ROSTER_HEADER, roster)).written
    db.close()
    cases = write_csv(root / "cases.csv", CASE_HEADER, case_rows())
    after = root / "after.sqlite3"
    shutil.copyfile(before, after)
    import_run, _ = children.run(hm(f"sqlite:///{after}", "import", "cases", str(cases)))
    assert _case_count(after) == (CASES, CASES)
    return Hall(before, after, cases, import_run, judged(_copied(after, root / "judged.sqlite3")))


def _copied(source: Path, target: Path) -> str:
    shutil.copyfile(source, target)
    return f"sqlite:///{target}"


def _fingerprint(path: Path) -> list[tuple[Any, ...]]:
    """Equal only when nothing was committed: the audit chain's head covers every audited row."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            # A full-text index is counted by its own tables (its virtual table cannot be scanned).
            t
            for (t,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
            )
        ]
        counts = [(t, conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables]
        return [
            *counts,
            *conn.execute("SELECT seq, hash FROM audit_head"),
            *conn.execute("SELECT * FROM rules_mark"),
            *conn.execute("SELECT max(id) FROM change_feed"),
        ]
    finally:
        conn.close()


def _case_count(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT count(*), count(due_date) FROM service_case WHERE case_no LIKE 'K%'"
        ).fetchone()
    finally:
        conn.close()


# --- the four operations --------------------------------------------------------------------


def test_an_import_killed_at_any_moment_leaves_the_database_before_or_after(
    hall: Hall, children: Children, tmp_path: Path
) -> None:
    before = _fingerprint(hall.before)

    def check(path: Path) -> str:
        url = f"sqlite:///{path}"
        count, with_due = _case_count(path)
        if count == 0:
            assert _fingerprint(path) == before  # not a row changed, audit trail and rules' mark included
            outcome = "before"
        else:
            assert (count, with_due) == (CASES, CASES)
            assert judged(url) == hall.judged_after  # flags and alerts as an uninterrupted run left them
            outcome = "after"
        children.run(hm(url, "check", "--date", "2026-05-20"))  # the next command works
        return outcome

    tally = Tally("import", _seed())
    start = lambda path: hm(f"sqlite:///{path}", "import", "cases", str(hall.cases))  # noqa: E731
    kill_many(tally, children, tmp_path, hall.import_run, start, check, fresh=_copy(hall.before))
    children.assert_no_leftovers(tmp_path)


def test_an_export_killed_at_any_moment_leaves_the_whole_report_or_none_and_no_part_after_the_next(
    hall: Hall, children: Children, tmp_path: Path
) -> None:
    url = f"sqlite:///{hall.after}"
    reference = tmp_path / "reference"
    export = ["export", "--week", "2026-W21", "--out"]
    full_run, _ = children.run(hm(url, *export, str(reference)))
    (report,) = reference.iterdir()
    expected = _sheets(report)

    def check(path: Path) -> str:
        out = path.parent / "out"
        done = out / report.name
        assert list(children.shared_temp.iterdir()) == []  # openpyxl's sheets never went there
        outcome = "after" if done.exists() else "before"
        if _listing(children.private_temp) or any(p.name.startswith(PART_PREFIX) for p in _listing(out)):
            outcome += " (killed writing it)"
        if done.exists():
            assert _sheets(done) == expected
        children.run(hm(url, *export, str(out)))  # the next export works and tidies up
        assert sorted(p.name for p in out.iterdir()) == [report.name]
        assert _sheets(done) == expected
        children.assert_no_leftovers(out)
        return outcome

    tally = Tally("export", _seed())
    start = lambda path: hm(url, *export, str(path.parent / "out"))  # noqa: E731
    # Writing begins when openpyxl streams the first sheet into the process's private folder.
    writing = lambda _path: any(_listing(folder) for folder in _listing(children.private_temp))  # noqa: E731
    kill_many(tally, children, tmp_path, full_run, start, check, armed=writing)
    assert integrity(hall.after) == "ok"


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except FileNotFoundError:
        return []


def _sheets(path: Path) -> list[tuple[str, int, int]]:
    workbook = load_workbook(path, read_only=True)
    try:
        return [(ws.title, ws.max_row or 0, ws.max_column or 0) for ws in workbook.worksheets]
    finally:
        workbook.close()


def test_the_demo_killed_at_any_moment_is_absent_or_whole_and_the_next_run_completes_it(
    children: Children, tmp_path: Path
) -> None:
    demo = ["demo", "--today", "2026-05-15", "--weeks", "1"]
    reference = tmp_path / "reference.sqlite3"
    full_run, _ = children.run(hm(f"sqlite:///{reference}", *demo))
    whole = _demo_state(f"sqlite:///{reference}")
    assert whole["alerts"] and whole["flags"] and whole["marks"][0][0] is not None

    def check(path: Path) -> str:
        url = f"sqlite:///{path}"
        outcome = "after" if _halls(path) else "before"
        if outcome == "after":
            assert _demo_state(url) == whole  # never a demo hall without its flags and alerts
        children.run(hm(url, *demo))  # the next run works, on whatever file the kill left
        assert _demo_state(url) == whole
        return outcome

    tally = Tally("demo", _seed())
    kill_many(tally, children, tmp_path, full_run, lambda path: hm(f"sqlite:///{path}", *demo), check)
    children.assert_no_leftovers(tmp_path)


def _halls(path: Path) -> int:
    """Halls in the file, read without opening (and so upgrading) it: 0 for no file or no schema yet."""
    if not path.exists():
        return 0
    conn = sqlite3.connect(path)
    try:
        if conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'hall'").fetchone()[0] == 0:
            return 0
        return int(conn.execute("SELECT count(*) FROM hall").fetchone()[0])
    finally:
        conn.close()


def _demo_state(url: str) -> dict[str, list[tuple[Any, ...]]]:
    db = open_database(url)
    try:
        return derived_state(db)
    finally:
        db.close()


#: A supervisor's big correction: everyone marked absent for all of May, saved in one go.
ROSTER_SAVE = """
import sys
from datetime import date
from hallmonitor.services.hall import hall_context
from hallmonitor.services.staffing import RosterCellChange, load_week, save_roster_changes, with_attendance
from hallmonitor.storage.database import open_database
ctx = hall_context(open_database(sys.argv[1]))
changes = []
for day in (4, 11, 18, 25):
    week = load_week(ctx, date(2026, 5, day))
    changes += [RosterCellChange(k, with_attendance(c, None, False), c) for k, c in week.cells.items()]
print("saving", flush=True)
save_roster_changes(ctx, changes)
print("saved", flush=True)
"""


#: What a roster save writes in its one transaction.
SAVED_TOGETHER = ("roster_entry", "front_shop_flag", "rules_mark", "service_case")


def _rows(path: Path, tables: Sequence[str]) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
    finally:
        conn.close()


def _attendance(path: Path) -> Counter[object]:
    conn = sqlite3.connect(path)
    try:
        return Counter(a for (a,) in conn.execute("SELECT attendance FROM roster_entry"))
    finally:
        conn.close()


def test_a_roster_save_killed_at_any_moment_leaves_the_old_roster_or_the_new_one_with_its_flags(
    hall: Hall, children: Children, tmp_path: Path
) -> None:
    before = _fingerprint(hall.after)
    reference = tmp_path / "reference.sqlite3"
    shutil.copyfile(hall.after, reference)
    save = ["-c", ROSTER_SAVE]
    children.run([*save, f"sqlite:///{reference}"])
    saved = _rows(reference, SAVED_TOGETHER)
    assert _attendance(reference) == Counter({0: len(MAY) * 6})
    # The save itself flags every approval by someone now marked absent.
    assert len(saved["front_shop_flag"]) > len(_rows(hall.after, SAVED_TOGETHER)["front_shop_flag"])
    judged_saved = judged(f"sqlite:///{reference}")
    full_run = children.work_time([*save, _copied(hall.after, tmp_path / "timed.sqlite3")])

    def check(path: Path) -> str:
        url = f"sqlite:///{path}"
        if _fingerprint(path) == before:
            outcome = "before"
        else:
            # The roster, the flags it changed and the rules' mark came in together; the alerts follow
            # at the next rules run, which every reader makes first.
            now = _rows(path, SAVED_TOGETHER)
            for table in SAVED_TOGETHER:
                assert now[table] == saved[table], table
            outcome = "after"
        children.run(hm(url, "check", "--date", "2026-05-20"))  # the next command works, and judges
        if outcome == "after":
            assert judged(url) == judged_saved
        return outcome

    tally = Tally("roster save", _seed())
    start = lambda path: [*save, f"sqlite:///{path}"]  # noqa: E731
    kill_many(tally, children, tmp_path, full_run, start, check, fresh=_copy(hall.after), after_line=True)
    children.assert_no_leftovers(tmp_path)
