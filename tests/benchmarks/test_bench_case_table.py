"""The case table benchmark keeps running: a small hall, its figures printed, no time judged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_case_table.py"


@pytest.mark.slow
def test_the_case_table_benchmark_prints_its_figures(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "HALLMONITOR_KEY_DIR": str(tmp_path / "keys"),
        "TMPDIR": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--cases",
            "600",
            "--steps",
            "4",
            "--db",
            str(tmp_path / "hall.sqlite3"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert any(line.startswith("bare QTableView, computed rows (floor)") for line in lines), done.stdout
    assert any(line.startswith("办件登记, every date (600 rows)") for line in lines), done.stdout
    for call in ("count of all cases", "first page sorted by applicant", "page at row 300, newest first"):
        assert any(line.startswith(call) for line in lines), (call, done.stdout)
