"""The Windows packages: the portable .zip and, when Inno Setup is installed, the setup.exe.

Also the optional code signing: when HALLMONITOR_SIGN_COMMAND holds the hall IT's signing
command (with $f where the file goes), the two executables are signed before they are zipped,
and Inno Setup is told to sign the setup and its uninstaller with the same command. Inno Setup
compiles installer/windows/hallmonitor.iss with the version, folders and icon passed as /D
defines; when its iscc is not found, the .zip alone is made.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from build_common import (
    APP_DIR,
    CLI,
    DIST,
    GUI,
    INSTALLER,
    ROOT,
    BuildError,
    machine,
    run,
    say,
    version,
    warn,
)

#: A signing command with $f for the file, e.g. 'signtool sign /fd sha256 /f hall.pfx /p PASSWORD $f'.
SIGN_ENV = "HALLMONITOR_SIGN_COMMAND"


def numeric_version(text: str) -> str:
    """Windows wants four numbers: 0.1.0rc1 -> 0.1.0.0, 1.2 -> 1.2.0.0."""
    match = re.match(r"\d+(?:\.\d+)*", text)
    numbers = [int(n) for n in match.group(0).split(".")[:3]] if match else []
    return ".".join(str(n) for n in [*numbers, 0, 0, 0, 0][:4])


def find_iscc() -> Path | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    for base in (
        os.environ.get("PROGRAMFILES(X86)"),
        os.environ.get("PROGRAMFILES"),
        os.environ.get("LOCALAPPDATA"),
    ):
        if base:
            for candidate in (
                Path(base) / "Inno Setup 6" / "ISCC.exe",
                Path(base) / "Programs" / "Inno Setup 6" / "ISCC.exe",
            ):
                if candidate.is_file():
                    return candidate
    return None


def sign_command() -> str | None:
    """The hall IT's signing command, with $f where the file goes (Inno Setup's convention)."""
    command = os.environ.get(SIGN_ENV, "").strip()
    if command and "$f" not in command:
        raise BuildError(f"{SIGN_ENV} must contain $f where the file to sign goes")
    return command or None


def sign_executables(command: str) -> None:
    for exe in (GUI, CLI):
        say(f"signing {exe.name}")
        result = subprocess.run(command.replace("$f", f'"{exe}"'), shell=True, check=False)
        if result.returncode != 0:
            raise BuildError(f"signing {exe.name} exited with {result.returncode}")


def package_windows(icons: Path) -> list[Path]:
    made = []
    command = sign_command()
    if command:
        sign_executables(command)
    portable = DIST / f"HallMonitor-{version()}-windows-{machine()}.zip"
    say(f"writing {portable.relative_to(ROOT)}")
    with zipfile.ZipFile(portable, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(APP_DIR.rglob("*")):
            if path.is_file():
                archive.write(path, Path("HallMonitor") / path.relative_to(APP_DIR))
    made.append(portable)
    iscc = find_iscc()
    if iscc is None:
        warn("Inno Setup's iscc not found (PATH or Program Files): no setup.exe made; the .zip is portable")
        return made
    signing = ["/DSign", f"/Shallmonitorsign={command}"] if command else []
    run(
        [
            iscc,
            f"/DAppVersion={version()}",
            f"/DNumericVersion={numeric_version(version())}",
            f"/DSourceDir={APP_DIR}",
            f"/DOutputDir={DIST}",
            f"/DIconFile={icons / 'hallmonitor.ico'}",
            *signing,
            INSTALLER / "windows" / "hallmonitor.iss",
        ],
        what="Inno Setup",
    )
    setup = DIST / f"HallMonitor-{version()}-setup.exe"
    if not setup.is_file():
        raise BuildError(f"Inno Setup finished but {setup} is missing")
    made.append(setup)
    return made
