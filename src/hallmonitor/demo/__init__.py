"""The demo hall: realistic, reproducible data planted through the services, to try and to show the app.

Its names load when first asked for: every start asks whether the hall it opens
is the demo (``HALL_CODE``), and that must not cost loading the builder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hallmonitor.lazy import lazy_names

if TYPE_CHECKING:
    from hallmonitor.demo.builder import DemoSummary, Judged, build_demo
    from hallmonitor.demo.finishing import DemoOutcome, DemoState, demo_state, ensure_demo
    from hallmonitor.demo.hall import HALL_CODE

#: Where each name of the package lives.
_HOMES = {
    "DemoOutcome": "finishing",
    "DemoState": "finishing",
    "DemoSummary": "builder",
    "HALL_CODE": "hall",
    "Judged": "builder",
    "build_demo": "builder",
    "demo_state": "finishing",
    "ensure_demo": "finishing",
}

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


__getattr__ = lazy_names(__name__, _HOMES, globals())
