"""The import benchmark keeps running: a small hall and file, its table printed, no time judged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_import.py"


@pytest.mark.slow
def test_the_import_benchmark_prints_its_table(tmp_path: Path) -> None:
    env = {**os.environ, "HALLMONITOR_KEY_DIR": str(tmp_path / "keys"), "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, str(BENCH), "--cases", "300", "--pairs", "1", "--phases"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert any(line.startswith("figure") and "floor s" in line and "goal" in line for line in lines)
    assert any(line.startswith("import 300 case rows from .xlsx") for line in lines), done.stdout
    phases = lines[lines.index(next(line for line in lines if line.startswith("phase of one more import"))) :]
    assert any(line.startswith("the audit trail's entries") for line in phases), done.stdout
    assert phases[-1].startswith("the whole import"), done.stdout
