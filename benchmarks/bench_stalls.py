"""How long the window stands still after a case save, a roster save and an alert action on the demo hall.

Run:  python benchmarks/bench_stalls.py [--weeks 6] [--repeat 3]

A 20 ms QTimer ticks on the UI thread from just before each action until the
action shows, the rules have run after it (the app's own one-second wait)
and every page has reloaded; the longest gap between two ticks is the
longest the window could not paint or take a key. The baseline is the same
timer over an idle second in the same run: what the PC's timer resolution
and the idle window cost. Beside each gap, the processor time the UI thread
itself used between the same two ticks ("cpu"): on a PC shared with other
busy programs the gap also holds the wait for a processor, the cpu figure
does not. Nothing here asserts a time: the numbers are for people comparing
changes (the aim is under 100 ms).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from tests.support.stalls import (
    DemoWindow,
    GapRecorder,
    act_on_an_alert,
    build_demo_file,
    choose_an_alert,
    open_demo_window,
    save_a_case,
    save_the_roster,
)

from hallmonitor.storage.database import upgrade


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(test: Callable[[], bool], timeout_ms: int = 60_000) -> None:
    waited = 0
    while not test():
        if waited > timeout_ms:
            raise TimeoutError("the action did not finish")
        spin(20)
        waited += 20


def measure(demo: DemoWindow, page: str, act: Callable[[DemoWindow], Callable[[], bool]]) -> tuple[int, int]:
    demo.page(page)
    wait_for(lambda: demo.idle)
    if act is act_on_an_alert:
        wait_for(choose_an_alert(demo))
        wait_for(lambda: demo.idle)
    spin(200)
    runs = demo.watch.monitor.runs  # type: ignore[attr-defined]
    recorder = GapRecorder()
    recorder.start()
    done = act(demo)
    wait_for(lambda: done() and demo.watch.monitor.runs > runs and demo.idle)  # type: ignore[attr-defined]
    spin(100)
    recorder.stop()
    return recorder.longest, recorder.longest_cpu


def baseline(demo: DemoWindow) -> tuple[int, int]:
    wait_for(lambda: demo.idle)
    recorder = GapRecorder()
    recorder.start()
    spin(1000)
    recorder.stop()
    return recorder.longest, recorder.longest_cpu


def line(name: str, runs: list[tuple[int, int]], idle: int | None = None) -> str:
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    text = (
        f"{name:<28} max {max(walls):>4}  median {statistics.median(walls):>6.0f}"
        f"   cpu max {max(cpus):>4}  median {statistics.median(cpus):>6.0f}"
    )
    return text if idle is None else text + f"  ({max(walls) / max(idle, 1):.1f}× baseline)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=6, help="weeks of demo data (the app's demo has 6)")
    parser.add_argument("--repeat", type=int, default=3, help="times each action is measured")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-stalls-"))
    try:
        url = f"sqlite:///{folder / 'demo.sqlite3'}"
        upgrade(url)
        build_demo_file(url, weeks=args.weeks)
        demo = open_demo_window(url)
        for key in demo.window.page_keys:  # type: ignore[attr-defined]
            demo.page(key)  # every page open, as after a morning's use: each reloads on a change
            wait_for(lambda: demo.idle)
            spin(1500)  # and drawn: the statistics page draws its charts one per turn after its data
        idle = [baseline(demo) for _ in range(args.repeat)]
        print(f"demo hall, {args.weeks} weeks; longest gap of a 20 ms timer on the UI thread, ms")
        print(line("baseline (idle second)", idle))
        for name, page, act in (
            ("case save (completion)", "cases", save_a_case),
            ("roster save", "roster", save_the_roster),
            ("alert action", "alerts", act_on_an_alert),
        ):
            runs = [measure(demo, page, act) for _ in range(args.repeat)]
            print(line(name, runs, max(w for w, _ in idle)))
        demo.watch.monitor.stop()  # type: ignore[attr-defined]
        wait_for(lambda: demo.idle)
        demo.window.close()  # type: ignore[attr-defined]
        app.processEvents()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
