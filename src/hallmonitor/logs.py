"""Logging to a rotating file in the user log folder; users see sentences, the log keeps details."""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path


def log_path() -> Path:
    if os.environ.get("HALLMONITOR_LOG_DIR"):
        return Path(os.environ["HALLMONITOR_LOG_DIR"]) / "hallmonitor.log"
    from platformdirs import user_log_dir

    return Path(user_log_dir("HallMonitor", appauthor=False)) / "hallmonitor.log"


def setup_logging() -> None:
    logger = logging.getLogger("hallmonitor")
    if logger.handlers:
        return
    logger.setLevel(logging.INFO)
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
