"""前店后厂: flagged cases with their evidence, confirmed or dismissed by a supervisor."""

from hallmonitor.ui.front_shop.page import FlagsPage

__all__ = ["FlagsPage"]
