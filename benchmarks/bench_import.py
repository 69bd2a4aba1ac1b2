"""Import benchmark: a case file of a busy hall, against the bare libraries in the same run.

Run:  python benchmarks/bench_import.py [--cases 100000] [--pairs 3] [--profile FILE] [--phases]

A scale hall (100 windows in 5 zones, 379 staff, 300 items, half-day rosters
for the weeks the cases fall in) is built once through the app's own import
path; each measured import starts from a fresh copy of it, so every run inserts
the same rows. The file is an .xlsx as the queue system exports it: real Excel
dates, ID numbers and credit codes as text, about 3,000 cases a working day.

* ours: ``services.imports.import_file`` importing the file, the rules run after
  it included, as File → Import and ``hallmonitor import cases`` do;
* floor: python-calamine reading the same file and sqlite3's executemany writing
  its rows into a scratch table, in one transaction.

They are timed alternately (ours, floor, ours, floor…) and the medians compared.
Nothing here asserts a time: the table is for people comparing changes.
``--phases`` imports once more and says where that import's time went (wall
and CPU, without a profiler's overhead): on a shared machine the CPU column
is the steadier one. The database's integrity check runs in a thread beside
reading the file; CPU is the process's, so its row and the ones it overlaps
share theirs.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

#: When the import happens: the cases are received in the weeks before.
NOW = datetime(2026, 11, 27, 18, 0)
CASES_PER_DAY = 3000
GOAL = 1.5

ZONES = "ABCDE"
DEPARTMENTS = [
    f"市{name}局" for name in ("市场监管", "税务", "自然资源", "人社", "医保", "公安", "住建", "交通")
]
OFFICIAL = ["公务员", "参照公务员法管理", "事业编制"]
AUXILIARY = ["劳务派遣", "编外聘用", "第三方服务"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"

CASE_HEADER = [
    "办件编号",
    "窗口号",
    "事项编码",
    "申请人类型",
    "申请人",
    "证件号码",
    "受理时间",
    "受理人工号",
    "办件状态",
    "审批人工号",
    "审批时间",
    "审批地点",
    "办结时间",
    "跑动次数",
    "一件事编号",
]


def working_days(count: int) -> list[date]:
    """The ``count`` weekdays before NOW's day (the weeks chosen hold no public holiday)."""
    days: list[date] = []
    day = NOW.date()
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= timedelta(days=1)
    return sorted(days)


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


YES_NO = ["是否进驻", "是否授权窗口审批"]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def _windows() -> list[str]:
    return [f"{zone}{n:02d}" for zone in ZONES for n in range(1, 21)]


def _staff() -> list[str]:
    return [f"{1000 + i}" for i in range(379)]


def build_hall(folder: Path, days: list[date]) -> Path:
    """The scale hall, through the import path; returns its SQLite file."""
    from hallmonitor.services.hall import hall_context, init_hall
    from hallmonitor.services.imports import import_file
    from hallmonitor.storage.database import open_database

    path = folder / "hall.sqlite3"
    db = open_database(f"sqlite:///{path}")
    init_hall(db, "BENCH", "基准测试市政务服务大厅")
    ctx = hall_context(db, login="bench")
    rng = random.Random(11)
    windows, staff = _windows(), _staff()
    kinds = {"A": "综合窗口", "E": "办不成事反映窗口"}
    files = [
        (
            "windows",
            ["窗口号", "窗口名称", "部门", "窗口类型"],
            [
                [w, f"{w}号窗口", DEPARTMENTS[i % 8], kinds.get(w[0], "专业窗口")]
                for i, w in enumerate(windows)
            ],
        ),
        (
            "staff",
            ["工号", "姓名", "部门", "人员类别"],
            [
                [s, _name(rng), DEPARTMENTS[i % 8], rng.choice(OFFICIAL if i % 3 else AUXILIARY)]
                for i, s in enumerate(staff)
            ],
        ),
        (
            "items",
            [
                "事项编码",
                "事项名称",
                "部门",
                "事项类别",
                "办件类型",
                "承诺时限(工作日)",
                "法定时限(工作日)",
                *YES_NO,
            ],
            [
                [f"I{i:04d}", f"事项{i}", DEPARTMENTS[i % 8], "其他"]
                + (["即办件", 0, ""] if i % 5 == 0 else ["承诺件", p := rng.choice([1, 3, 5, 10]), p * 3])
                + ["是", "否" if i % 50 == 0 else "是"]
                for i in range(300)
            ],
        ),
        (
            "roster",
            ["日期", "时段", "窗口号", "工号", "到岗"],
            [
                [f"{day:%Y-%m-%d}", session, window, staff[(w + shift * 100 + d) % len(staff)], "是"]
                for d, day in enumerate(days)
                for shift, session in enumerate(("上午", "下午"))
                for w, window in enumerate(windows)
                # A few unstaffed half days, so the rules find what a real hall has.
                if (w * 7 + d * 3 + shift) % 97
            ],
        ),
    ]
    for kind, header, rows in files:
        result = import_file(ctx, kind, _write_csv(folder / f"{kind}.csv", header, rows), now=NOW)
        assert not result.errors, [str(e) for e in result.errors[:5]]
    db.close()
    return path


def _person_id(rng: random.Random) -> str:
    from hallmonitor.domain.identifiers import id_card_check_char

    birth = date(1950, 1, 1) + timedelta(days=rng.randrange(20000))
    body = f"{rng.choice(['110105', '440524', '350102', '370104'])}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return body + id_card_check_char(body)


def _credit_code(rng: random.Random) -> str:
    from hallmonitor.domain.identifiers import credit_code_check_char

    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91350100" + "".join(rng.choice(alphabet) for _ in range(9))
    return body + credit_code_check_char(body)


def write_cases(path: Path, count: int, days: list[date]) -> Path:
    """The queue system's export: an .xlsx with real dates, written by openpyxl's write-only mode."""
    from openpyxl import Workbook

    rng = random.Random(5)
    windows, staff = _windows(), _staff()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("办件")
    sheet.append(CASE_HEADER)
    per_day = max(1, count // len(days))
    for i in range(count):
        d = min(i // per_day, len(days) - 1)
        w = rng.randrange(len(windows))
        afternoon = rng.random() < 0.5
        received = datetime.combine(days[d], datetime.min.time()) + timedelta(
            hours=14 if afternoon else 9, minutes=rng.randrange(170), seconds=rng.randrange(60)
        )
        person = rng.random() < 0.6
        done = rng.random() < 0.9 and received + timedelta(hours=2) < NOW
        completed = min(received + timedelta(minutes=rng.randrange(30, 60 * 24 * 6)), NOW) if done else None
        # The person rostered at the window that half day, as in build_hall.
        clerk = staff[(w + afternoon * 100 + d) % len(staff)]
        back_office = rng.random() < 0.02
        sheet.append(
            [
                f"2026{i:08d}",
                windows[w],
                f"I{rng.randrange(300):04d}",
                "个人" if person else "企业",
                (rng.choice(SURNAMES) + rng.choice(GIVEN))
                if person
                else f"某某{rng.randrange(50000)}有限公司",
                _person_id(rng) if person else _credit_code(rng),
                received,
                clerk,
                "办结" if done else "已受理",
                clerk if done else None,
                completed,
                ("部门后台" if back_office else "窗口") if done else None,
                completed,
                1 if rng.random() < 0.95 else 2,
                None,
            ]
        )
    workbook.save(path)
    return path


def ours(hall: Path, cases: Path, scratch: Path) -> Callable[[], float]:
    from hallmonitor.services.hall import hall_context
    from hallmonitor.services.imports import import_file
    from hallmonitor.storage.database import open_database

    def run() -> float:
        target = scratch / "ours.sqlite3"
        shutil.copyfile(hall, target)
        db = open_database(f"sqlite:///{target}")
        ctx = hall_context(db, login="bench")
        started = time.perf_counter()
        result = import_file(ctx, "cases", cases, now=NOW)
        elapsed = time.perf_counter() - started
        db.close()
        assert not result.errors and result.inserted, [str(e) for e in result.errors[:5]]
        return elapsed

    return run


#: (module, function, label) of the import's phases, timed by wrapping them for one run.
PHASES = [
    ("hallmonitor.storage.integrity", "quick_check", "integrity check (alongside, in a thread)"),
    ("hallmonitor.services.imports.pipeline", "read_table", "open the file (calamine)"),
    ("hallmonitor.services.imports.pipeline", "_read_rows", "parse and check cells"),
    ("hallmonitor.services.imports.pipeline", "_duplicates", "repeated case numbers"),
    ("hallmonitor.services.imports.pipeline", "_write", "write the rows"),
    ("hallmonitor.services.imports.pipeline", "insert_rows", "  of which: INSERT of the cases"),
    ("hallmonitor.services.imports.pipeline", "_apply_rules", "the rules' run"),
    ("hallmonitor.storage.audit", "append", "the audit trail's entries"),
]


def phases(run: Callable[[], float]) -> list[tuple[str, float, float]]:
    """(label, wall s, CPU s) of each phase of one ``run``, and of the whole as the last row."""
    import importlib

    spent: dict[str, list[float]] = {label: [0.0, 0.0] for _m, _f, label in PHASES}
    originals = []
    for module_name, name, label in PHASES:
        module = importlib.import_module(module_name)
        original = getattr(module, name)
        originals.append((module, name, original))

        def timed(
            *args: object, _original: Callable[..., object] = original, _label: str = label, **kw: object
        ) -> object:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return _original(*args, **kw)
            finally:
                spent[_label][0] += time.perf_counter() - wall
                spent[_label][1] += time.process_time() - cpu

        setattr(module, name, timed)
    try:
        cpu = time.process_time()
        wall = run()
        cpu = time.process_time() - cpu
    finally:
        for module, name, original in originals:
            setattr(module, name, original)
    return [(label, w, c) for label, (w, c) in spent.items()] + [("the whole import", wall, cpu)]


def floor(cases: Path, scratch: Path) -> Callable[[], float]:
    def run() -> float:
        from python_calamine import CalamineWorkbook

        target = scratch / "floor.sqlite3"
        target.unlink(missing_ok=True)
        started = time.perf_counter()
        rows = CalamineWorkbook.from_path(str(cases)).get_sheet_by_index(0).to_python()
        connection = sqlite3.connect(target)
        columns = ", ".join(f"c{i} " for i in range(len(rows[0])))
        connection.execute(f"CREATE TABLE cases ({columns})")
        marks = ", ".join("?" * len(rows[0]))
        with connection:
            connection.executemany(f"INSERT INTO cases VALUES ({marks})", rows[1:])
        connection.close()
        return time.perf_counter() - started

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument(
        "--pairs", type=int, default=3, help="alternated (ours, floor) pairs; medians compared"
    )
    parser.add_argument("--profile", type=Path, help="also profile one more import into this file")
    parser.add_argument("--phases", action="store_true", help="also time one more import's phases")
    args = parser.parse_args()
    # The hall's ID-hash key goes with the throw-away database, never to the user's config folder.
    os.environ.setdefault("HALLMONITOR_KEY_DIR", tempfile.mkdtemp(prefix="bench-keys-"))
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    days = working_days(max(1, -(-args.cases // CASES_PER_DAY)))
    started = time.perf_counter()
    hall = build_hall(folder, days)
    cases = write_cases(folder / "cases.xlsx", args.cases, days)
    print(
        f"hall built and {args.cases:,} case rows over {len(days)} working days written "
        f"({cases.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s"
    )
    measure_ours, measure_floor = ours(hall, cases, folder), floor(cases, folder)
    ours_times, floor_times = [], []
    for _pair in range(args.pairs):
        ours_times.append(measure_ours())
        floor_times.append(measure_floor())
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(measure_ours)
        profiler.dump_stats(args.profile)
    spent = phases(measure_ours) if args.phases else []
    mine, base = statistics.median(ours_times), statistics.median(floor_times)
    ratio = mine / base
    print(f"{'figure':<44}{'ours s':>9}{'floor s':>9}{'ratio':>8}{'goal':>8}{'met':>6}")
    print(
        f"{f'import {args.cases:,} case rows from .xlsx':<44}{mine:>9.2f}{base:>9.2f}"
        f"{ratio:>7.1f}x{f'≤ {GOAL}x':>8}{'yes' if ratio <= GOAL else 'no':>6}"
    )
    print(f"ours:  {', '.join(f'{t:.2f}' for t in ours_times)} s")
    print(f"floor: {', '.join(f'{t:.2f}' for t in floor_times)} s")
    if spent:
        print(f"\n{'phase of one more import':<44}{'wall s':>9}{'CPU s':>9}")
        for label, wall, cpu in spent:
            print(f"{label:<44}{wall:>9.2f}{cpu:>9.2f}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
