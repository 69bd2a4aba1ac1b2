"""Scale benchmark: a hall with many cases, timed against baselines measured in the same run.

Run:  python benchmarks/bench_cases.py [--cases 1000000] [--db URL]

Absolute seconds depend on the PC, so every figure is also printed as a ratio
to a baseline measured on the same database in the same run:

* the case table's first page (what the lazy model loads) against loading every
  matching row (what a list-backed model would do);
* filtered counts (window + month, overdue) against a full count of the table;
* the weekly report's data (once the rules have judged the hall) against the same full count;
* what the case page's search box runs (a bounded count and the first page) for the
  middle of a case number, part of a name, a window's number and a full ID number,
  against the same full count.

Nothing here asserts a time: the numbers are for people comparing changes.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from hallmonitor.domain.enums import (
    ApplicantType,
    ApprovalPlace,
    CaseStatus,
    CaseType,
    ItemCategory,
    WindowKind,
)
from hallmonitor.domain.identifiers import id_card_check_char, keyed_hash
from hallmonitor.services.cases import CaseFilter, count_cases, fetch_cases, find_cases
from hallmonitor.services.hall import department_id, hall_context, init_hall
from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import Case, Item, Window

#: The applicant the ID-number search looks for: 30 of the benchmark's cases are theirs.
PERSON = "11010519900307001" + id_card_check_char("11010519900307001")

START = date(2024, 1, 1)


def populate(url: str, n_cases: int, seed: int = 7) -> None:
    db = open_database(url)
    init_hall(db, "BENCH", "基准测试大厅")
    ctx = hall_context(db)
    rng = random.Random(seed)
    with db.session() as s:
        depts = [department_id(s, ctx.hall_id, f"部门{i:02d}") for i in range(12)]
        s.execute(
            insert(Window),
            [
                {
                    "hall_id": ctx.hall_id,
                    "number": str(i + 1),
                    "name": f"窗口{i + 1}",
                    "department_id": depts[i % 12],
                    "kind": WindowKind.DEPARTMENT,
                    "state": "开放",
                    "zone": "A",
                    "grid_row": i // 10,
                    "grid_col": i % 10,
                }
                for i in range(40)
            ],
        )
        s.execute(
            insert(Item),
            [
                {
                    "hall_id": ctx.hall_id,
                    "code": f"I{i:04d}",
                    "name": f"事项{i}",
                    "department_id": depts[i % 12],
                    "category": ItemCategory.OTHER,
                    "case_type": CaseType.PROMISED,
                    "promised_days": rng.choice([1, 3, 5, 10]),
                    "legal_days": 20,
                    "admitted": True,
                    "window_may_approve": True,
                }
                for i in range(300)
            ],
        )
    with db.session() as s:
        windows = s.scalars(select(Window.id)).all()
        items = s.scalars(select(Item.id)).all()
    span = (date(2026, 11, 27) - START).days
    batch: list[dict[str, object]] = []
    for i in range(n_cases):
        received = datetime.combine(
            START + timedelta(days=rng.randrange(span)), datetime.min.time()
        ) + timedelta(hours=9, minutes=rng.randrange(420))
        done = rng.random() < 0.9
        completed = received + timedelta(days=rng.randrange(12)) if done else None
        batch.append(
            {
                "hall_id": ctx.hall_id,
                "case_no": f"B{i:08d}",
                "window_id": rng.choice(windows),
                "item_id": rng.choice(items),
                "applicant_type": ApplicantType.ENTERPRISE,
                "applicant_name": f"企业{rng.randrange(50000)}",
                "applicant_id_display": "",
                "applicant_id_hash": "",
                "received_at": received,
                "status": CaseStatus.COMPLETED if done else CaseStatus.ACCEPTED,
                "approved_at": completed,
                "approval_place": ApprovalPlace.WINDOW if done else None,
                "completed_at": completed,
                "trips": 1 if rng.random() < 0.95 else 2,
                "due_date": (received + timedelta(days=7)).date(),
            }
        )
        if len(batch) == 20000:
            with db.session() as s:
                s.execute(insert(Case), batch)
            batch.clear()
    if batch:
        with db.session() as s:
            s.execute(insert(Case), batch)
    with db.session() as s:
        theirs = s.scalars(select(Case.id).where(Case.id % max(1, n_cases // 30) == 0).limit(30)).all()
        digest = keyed_hash(PERSON, db.keys["hall_key"])  # type: ignore[arg-type]
        s.query(Case).filter(Case.id.in_(theirs)).update({"applicant_id_hash": digest})
    if db.engine.dialect.name == "postgresql":
        # What autovacuum does soon after a big import anyway: the planner sees the hall as it is.
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    db.close()


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument(
        "--db", help="a database URL to use (it must be empty); default a temporary SQLite file"
    )
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    # The hall's ID-hash key goes with the throw-away database, never to the user's config folder.
    os.environ.setdefault("HALLMONITOR_KEY_DIR", tempfile.mkdtemp(prefix="bench-keys-"))
    t0 = time.perf_counter()
    populate(url, args.cases)
    print(f"populated {args.cases:,} cases in {time.perf_counter() - t0:.1f} s ({url})")

    ctx = hall_context(open_database(url))
    with ctx.db.session() as s:
        window_id = s.scalar(select(func.min(Window.id)))
    month = CaseFilter(
        received_from=date(2026, 5, 1), received_to=date(2026, 5, 31), as_of=date(2026, 11, 27)
    )
    one_window = CaseFilter(
        window_id=window_id,
        received_from=date(2026, 5, 1),
        received_to=date(2026, 5, 31),
        as_of=date(2026, 11, 27),
    )
    everything = CaseFilter(as_of=date(2026, 11, 27))

    def full_count() -> int:
        with ctx.db.session() as s:
            return int(s.scalar(select(func.count()).select_from(Case)) or 0)

    baseline_count = timed(full_count)
    baseline_all_rows = timed(lambda: fetch_cases(ctx, month, limit=10**9), repeat=3)
    rows = [
        ("full count of cases (baseline A)", baseline_count, baseline_count),
        (
            "all rows of one month, as a list model would load (baseline B)",
            baseline_all_rows,
            baseline_all_rows,
        ),
        ("first page, one month, newest first", timed(lambda: fetch_cases(ctx, month)), baseline_all_rows),
        (
            "first page, all cases, newest first",
            timed(lambda: fetch_cases(ctx, everything)),
            baseline_all_rows,
        ),
        (
            "first page, all cases, by case number",
            timed(lambda: fetch_cases(ctx, everything, "case_no", False)),
            baseline_all_rows,
        ),
        (
            "page at row 100,000 of all cases",
            timed(lambda: fetch_cases(ctx, everything, offset=100_000)),
            baseline_all_rows,
        ),
        ("count: one window, one month", timed(lambda: count_cases(ctx, one_window)), baseline_count),
        (
            "count: overdue (SQL on stored due dates)",
            timed(lambda: count_cases(ctx, CaseFilter(overdue=True, as_of=date(2026, 11, 27)))),
            baseline_count,
        ),
        (
            "case page, overdue only, every date: count and first rows",
            timed(lambda: find_cases(ctx, CaseFilter(overdue=True, as_of=date(2026, 11, 27))), repeat=3),
            baseline_count,
        ),
    ]
    as_of = date(2026, 11, 27)
    for name, text in (
        ("search, middle of a case number", "0012345"),
        ("search, part of a name", "企业123"),
        ("search, two digits, more than the cap", "00"),
        ("search, a window's number", "7"),
        ("search, a full ID number spaced", f"{PERSON[:6]} {PERSON[6:14]} {PERSON[14:]}"),
        ("search, no match", "无此人"),
    ):
        search = CaseFilter(text=text, as_of=as_of)
        found = find_cases(ctx, search)
        name += f": {found.total:,}{'+' if found.capped else ''} found"
        rows.append((name, timed(lambda search=search: find_cases(ctx, search), repeat=3), baseline_count))
    rows.append(
        (
            "search: second page of the name search (the table scrolled)",
            timed(lambda: fetch_cases(ctx, CaseFilter(text="企业123", as_of=as_of), offset=200), repeat=3),
            baseline_count,
        )
    )
    try:
        from hallmonitor.services.weekly import build_week

        # The first report judges every case of a hall the rules never saw, which its imports
        # would have done as they came in: that is not the report's cost (bench_weekly.py times
        # the whole report, workbook included, against openpyxl writing the same rows).
        build_week(ctx, "2026-W20")
        rows.append(
            (
                "weekly report data, 2026-W20",
                timed(lambda: build_week(ctx, "2026-W20"), repeat=3),
                baseline_count,
            )
        )
    except ImportError:
        pass
    print(f"{'operation':<66}{'median s':>10}{'x baseline':>12}")
    for name, seconds, base in rows:
        print(f"{name:<66}{seconds:>10.4f}{seconds / base:>12.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
