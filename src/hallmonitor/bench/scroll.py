"""The case table's scroll: the longest the UI thread stands still while the table is dragged top to bottom.

The drag itself is ``benchmarks/bench_case_table.py``'s (办件登记 with every
date listed, against a bare QTableView over as many computed rows); it is only
in a source checkout, so in an installed copy the figure is left out. Each
side runs in a child process of its own, so Qt stays out of this one and each
side's peak memory is its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import hallmonitor
from hallmonitor.bench.processes import child_environment
from hallmonitor.bench.timing import Figure, Goal

BENCHMARKS = Path(hallmonitor.__file__).resolve().parents[2] / "benchmarks"
STEPS = 40

_DRAG = """
import json, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, sys.argv[1])
import bench_case_table as table
from PySide6.QtWidgets import QApplication

app = QApplication.instance() or QApplication([])
side, path, rows, steps = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
if side == "floor":
    gap, after = table.bare_drag(rows, steps)
else:
    from hallmonitor.services.hall import hall_context
    from hallmonitor.storage.database import open_database

    gap, after, _listed = table.page_drag(hall_context(open_database("sqlite:///" + path)), rows, steps)


def peak_mb():
    # This process's own high-water mark: getrusage's carries the parent's over fork and exec.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return table.peak_mb()


print(json.dumps({"gap_ms": gap, "after_ms": after, "peak_mb": round(peak_mb())}))
"""


def scroll_figure(hall_file: Path, scratch: Path, cases: int) -> Figure | None:
    if not (BENCHMARKS / "bench_case_table.py").exists():
        return None
    env = child_environment(scratch)
    peaks: dict[str, list[int]] = {"ours": [], "floor": []}

    def drag(side: str) -> float:
        command = [sys.executable, "-c", _DRAG, str(BENCHMARKS), side, str(hall_file), str(cases), str(STEPS)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800, check=False)
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise RuntimeError(
                f"the case table's drag ({side}) exited with {done.returncode}: {' / '.join(tail)}"
            )
        measured = json.loads(lines[-1])
        peaks[side].append(measured["peak_mb"])
        figure.note = (
            f"case table drag in {STEPS} steps: peak memory {max(peaks['ours'], default=0)} MB"
            f" (bare QTableView {max(peaks['floor'], default=0)} MB)"
        )
        return measured["gap_ms"] / 1000

    figure = Figure(
        "longest UI-thread block dragging the case table (all cases)",
        "bare QTableView over as many computed rows",
        Goal(seconds=0.1),
        lambda: drag("ours"),
        lambda: drag("floor"),
    )
    return figure
