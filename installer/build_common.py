"""What every step of installer/build.py shares: the paths, the messages and running a command.

build.py, the entry point, is split into one module per step (icons, bundle contents, smoke
test, Linux and Windows packages); this module holds what they all use, so that none of them
imports build.py itself (run as a script, build.py is ``__main__``: importing it again would
load a second copy with its own ``BuildError``). The modules sit beside build.py, whose folder
Python puts first on ``sys.path`` when it runs ``python installer/build.py``.
"""

from __future__ import annotations

import platform
import re
import subprocess
import sys
from pathlib import Path

INSTALLER = Path(__file__).resolve().parent
ROOT = INSTALLER.parent
PACKAGE = ROOT / "src" / "hallmonitor"
SPEC = INSTALLER / "hallmonitor.spec"
#: The entry point, run again in a child process for the steps that need one (rendering the icons).
BUILD_SCRIPT = INSTALLER / "build.py"
DIST = ROOT / "dist"
WORK = ROOT / "build"
APP_DIR = DIST / "HallMonitor"

IS_WINDOWS = sys.platform == "win32"
IS_LINUX = sys.platform.startswith("linux")
EXE = ".exe" if IS_WINDOWS else ""
GUI = APP_DIR / f"HallMonitor{EXE}"
CLI = APP_DIR / f"hallmonitor-cli{EXE}"


class BuildError(Exception):
    """Stops the build; the message says what failed."""


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


def warn(message: str) -> None:
    print(f"[build] WARNING: {message}", flush=True)


def version() -> str:
    text = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    if not match:
        raise BuildError("no __version__ in src/hallmonitor/__init__.py")
    return match.group(1)


def machine() -> str:
    """x64 / arm64 on Windows, as uname says on Linux (x86_64, aarch64)."""
    arch = platform.machine().lower()
    if IS_WINDOWS:
        return {"amd64": "x64", "x86_64": "x64", "aarch64": "arm64"}.get(arch, arch)
    return arch


def decode(data: bytes | None) -> str:
    if not data:
        return ""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # a Windows console program writes the ANSI code page (GBK) to a pipe
        import locale

        return data.decode(locale.getpreferredencoding(False), errors="replace")


def run(
    cmd: list[str | Path],
    *,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
    what: str | None = None,
    capture: bool = True,
) -> str:
    """Run ``cmd``; on a non-zero exit (or a time-out) stop the build and show its output."""
    shown = " ".join(str(c) for c in cmd)
    say(f"$ {shown}")
    try:
        result = subprocess.run(
            [str(c) for c in cmd], env=env, timeout=timeout, capture_output=capture, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired as exc:
        output = decode(exc.stdout) + decode(exc.stderr)
        raise BuildError(f"{what or shown} did not finish within {timeout:.0f} s\n{output}") from exc
    except OSError as exc:
        raise BuildError(f"{what or shown} could not start: {exc}") from exc
    output = decode(result.stdout) + (("\n" + decode(result.stderr)) if result.stderr else "")
    if result.returncode != 0:
        raise BuildError(f"{what or shown} exited with {result.returncode}\n{output.strip()}")
    return output
