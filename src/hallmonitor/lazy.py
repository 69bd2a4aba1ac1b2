"""Packages whose names are imported when first asked for, not when the package is.

The app puts a window on screen before SQLAlchemy, the models and the services
are loaded (see ``app.py``): a package the start-up imports from (``ui.shell``,
``ui.watch``, ``demo``) must not load its heavy modules just by being imported.
Each names where its public names live and hands Python (PEP 562) the
``__getattr__`` made here; a name once loaded is kept in the package.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_names(package: str, homes: dict[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package``: ``homes`` maps each name to the submodule holding it."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        namespace[name] = value
        return value

    return __getattr__
