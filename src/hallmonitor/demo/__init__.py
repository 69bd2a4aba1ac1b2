"""The demo hall: realistic, reproducible data planted through the services, to try and to show the app."""

from hallmonitor.demo.builder import DemoSummary, Judged, build_demo
from hallmonitor.demo.finishing import DemoOutcome, DemoState, demo_state, ensure_demo
from hallmonitor.demo.hall import HALL_CODE

__all__ = [
    "HALL_CODE",
    "DemoOutcome",
    "DemoState",
    "DemoSummary",
    "Judged",
    "build_demo",
    "demo_state",
    "ensure_demo",
]
