"""The cycle collector is held off while a run or a check works, and is on again once all have ended."""

from __future__ import annotations

import gc
import threading

from hallmonitor.collector import collector_paused


def test_on_again_after_the_last_of_overlapping_runs() -> None:
    assert gc.isenabled()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def second() -> None:
        first_in.wait()
        with collector_paused():
            second_in.set()
            first_out.wait()
            seen["after the first ended"] = gc.isenabled()

    thread = threading.Thread(target=second)
    thread.start()
    with collector_paused():
        first_in.set()
        second_in.wait()
        seen["while both run"] = gc.isenabled()
    first_out.set()
    thread.join()
    assert seen == {"while both run": False, "after the first ended": False}
    assert gc.isenabled()


def test_left_off_when_it_was_off_and_on_after_a_failure() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    try:
        with collector_paused():
            raise KeyError("x")
    except KeyError:
        pass
    assert gc.isenabled()
