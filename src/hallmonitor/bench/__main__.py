"""python -m hallmonitor.bench: how fast the app is on a busy hall, each figure against the bare libraries.

Run:  python -m hallmonitor.bench [--cases 1000000] [--repeat 5] [--json FILE] [--cache DIR] [--markdown]
                                  [--only WORD ...]

The hall (``hall``) is built once through the import path and reused; each run
measures a fresh copy of it, brought up to date by one rules run before any
clock starts (what the app's first start of the day does anyway). Progress goes
to stderr, the table to stdout. The exit status is 1 only when a figure could
not be measured at all: no time is ever judged a failure.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from hallmonitor.bench.calls import call_figures
from hallmonitor.bench.hall import HALL_FILE, ScaleHall, copy_database, default_cache, ensure_hall, url_of
from hallmonitor.bench.machine import describe, sentence
from hallmonitor.bench.processes import check_figure, scratch_folder, smoke_figure
from hallmonitor.bench.scroll import scroll_figure
from hallmonitor.bench.timing import Figure, Result, markdown_table, measure, text_table
from hallmonitor.bench.work import import_figure, report_figure
from hallmonitor.services.hall import hall_context
from hallmonitor.services.rules import run_rules
from hallmonitor.storage.database import open_database

MIN_CASES = 1000


def log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m hallmonitor.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases in the hall (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=5, help="alternated pairs per figure (default 5)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results to FILE")
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="where built halls are kept (default: the user cache folder)",
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument(
        "--only",
        action="append",
        metavar="WORD",
        help="time only the figures whose name holds WORD (repeatable), e.g. --only chart --only start",
    )
    args = parser.parse_args(argv)
    if args.cases < MIN_CASES:
        parser.error(f"--cases must be at least {MIN_CASES:,}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def _hall_line(hall: ScaleHall) -> str:
    m = hall.manifest
    return (
        f"hall: {m['cases']:,} cases over {m['working_days']} working days ({m['first_day']} to {m['last_day']}), "
        f"{m['windows']} windows in {m['zones']} zones, {m['staff']} staff, {m['items']} items, "
        f"{m['roster_rows']:,} roster rows, {m['complaints']:,} complaints; "
        f"built through the import path in {m['build_seconds'] / 60:.1f} min on {m['built_at'][:10]}"
    )


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    machine = describe()
    log(f"machine: {sentence(machine)}")
    hall = ensure_hall(args.cases, args.cache or default_cache(), log)
    scratch = scratch_folder()
    results: list[Result] = []
    try:
        work = copy_database(hall.path, scratch / HALL_FILE)
        db = open_database(url_of(work))
        ctx = hall_context(db, login="bench")
        started = time.perf_counter()
        run_rules(ctx, datetime.now())
        log(
            f"the rules brought the copy up to date in {time.perf_counter() - started:.1f} s (not timed below)"
        )
        day = hall.day("busiest_day")
        figures: list[Figure] = [
            smoke_figure(work, scratch),
            report_figure(ctx, hall, scratch),
            import_figure(hall, scratch),
            check_figure(work, scratch, day, hall.manifest["busiest_day_cases"]),
        ]
        scroll = scroll_figure(work, scratch, args.cases)
        if scroll is None:
            log("the case table's scroll is left out: no benchmarks/bench_case_table.py beside this checkout")
        else:
            figures.append(scroll)
        figures += call_figures(ctx, work, hall.day("last_day"), args.cases)
        if args.only:
            words = [word.lower() for word in args.only]
            figures = [f for f in figures if any(word in f.name.lower() for word in words)]
        log(f"timing {len(figures)} figures, {args.repeat} alternated pairs each")
        results = [measure(figure, args.repeat, log) for figure in figures]
        db.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    when = datetime.now().isoformat(timespec="minutes")
    print(_hall_line(hall))
    print(f"machine: {sentence(machine)}")
    print(f"measured {when}, medians of {args.repeat} alternated pairs\n")
    print(markdown_table(results) if args.markdown else text_table(results))
    notes = [r.figure.note for r in results if r.figure.note]
    if notes:
        print("\n" + "\n".join(f"- {note}" for note in notes))
    if args.json:
        args.json.write_text(
            json.dumps(_as_json(hall, machine, when, args.repeat, results), ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
    return 1 if any(r.error for r in results) else 0


def _as_json(
    hall: ScaleHall, machine: dict[str, Any], when: str, repeat: int, results: list[Result]
) -> dict[str, Any]:
    return {
        "measured_at": when,
        "repeat": repeat,
        "machine": machine,
        "hall": hall.manifest,
        "figures": [r.as_json() for r in results],
    }


if __name__ == "__main__":
    sys.exit(main())
