"""What the audit trail costs the rules engine: one full rules run with and without the audit hook.

Run:  python benchmarks/bench_audit.py [--cases 5000] [--db-dir DIR] [--pg URL]

A hall of ``--cases`` cases (bench_cases.populate) is copied twice; the rules
judge it from its first day once on each copy, one with the audit trail
hooked on the session factory as open_database does, one without. The rules
engine writes alerts, events and occurrences with bulk statements, so this is
where per-row entries cost most. Printed: both times, their ratio, and how
many entries the run left.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

sys.path.insert(0, str(Path(__file__).parent))

from bench_cases import populate

from hallmonitor.services.hall import hall_context
from hallmonitor.services.rules import run_rules
from hallmonitor.storage import audit
from hallmonitor.storage.database import open_database
from hallmonitor.storage.models import AuditEntry

AS_OF = datetime(2026, 11, 27, 18, 0)


def entries(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(AuditEntry)) or 0)
    finally:
        engine.dispose()


def one_run(url: str, *, audited: bool) -> tuple[float, int]:
    hook = audit.attach
    if not audited:
        audit.attach = lambda *args, **kwargs: None  # type: ignore[assignment]
    try:
        db = open_database(url)
    finally:
        audit.attach = hook
    ctx = hall_context(db)
    before = entries(url)
    t0 = time.perf_counter()
    run_rules(ctx, AS_OF)
    seconds = time.perf_counter() - t0
    db.close()
    return seconds, entries(url) - before


def _pg_copy(source: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    admin = create_engine(make_url(source).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(source).database}"'))
    admin.dispose()
    return make_url(source).set(database=name).render_as_string(hide_password=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--pg", metavar="URL", help="an empty PostgreSQL database to build the hall in")
    args = parser.parse_args()
    if args.pg:
        populate(args.pg, args.cases)
        urls = {True: _pg_copy(args.pg, "bench_audit_on"), False: _pg_copy(args.pg, "bench_audit_off")}
    else:
        folder = Path(tempfile.mkdtemp())
        template = folder / "hall.sqlite3"
        populate(f"sqlite:///{template}", args.cases)
        urls = {}
        for audited in (True, False):
            copy = folder / f"audit-{'on' if audited else 'off'}.sqlite3"
            shutil.copyfile(template, copy)
            urls[audited] = f"sqlite:///{copy}"
    on, written = one_run(urls[True], audited=True)
    off, none = one_run(urls[False], audited=False)
    print(f"{args.cases:,} cases; rules run from the first day to {AS_OF:%Y-%m-%d %H:%M}")
    print(f"  without the audit trail: {off:7.2f} s ({none} entries)")
    print(f"  with the audit trail:    {on:7.2f} s ({written:,} entries)")
    print(f"  ratio: {on / off:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
