"""Which database a program opens: the address given, else $HALLMONITOR_DB, else the user's own file.

Apart from ``database`` because the app decides this before anything else (to
claim the database for this copy, before a window shows), and ``database``
loads SQLAlchemy, which the app loads off the UI thread once a window is up.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "HALLMONITOR_DB"


def default_database_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("HallMonitor", appauthor=False)) / "hallmonitor.sqlite3"


def resolve_url(url: str | None = None) -> str:
    """The URL to use: the argument, else $HALLMONITOR_DB, else the user data file."""
    if url:
        return url
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    return f"sqlite:///{default_database_path()}"
