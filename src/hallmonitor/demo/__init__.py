"""The demo hall: realistic, reproducible data planted through the services, to try and to show the app."""

from hallmonitor.demo.builder import DemoSummary, build_demo
from hallmonitor.demo.hall import HALL_CODE

__all__ = ["HALL_CODE", "DemoSummary", "build_demo"]
