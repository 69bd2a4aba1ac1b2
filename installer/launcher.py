"""Entry script of both frozen executables: the same command line as ``hallmonitor``.

``HallMonitor`` (windowed on Windows) and ``hallmonitor-cli`` (console) are built
from this one script; without a subcommand either opens the desktop app.
"""

import os
import sys


def _ensure_streams() -> None:
    # A windowed Windows executable starts with sys.stdout and sys.stderr set to
    # None; a print (argparse's usage message, the smoke check's one-line error)
    # would then raise. Send such output nowhere: the log file keeps the details.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process


if __name__ == "__main__":
    _ensure_streams()
    from hallmonitor.cli import run

    run()
