"""The Windows packages: the portable .zip and the setup.exe, compiled by NSIS's makensis.

makensis compiles installer/windows/hallmonitor.nsi with the version, the built folder, the
output file and the icon passed as -D defines. It runs on Linux as well (Debian's nsis
package), so CI compiles the script over the Linux bundle, a stand-in payload, to prove that it
still compiles (check_setup_script): the result installs Linux files and is thrown away.

Also the optional code signing: when HALLMONITOR_SIGN_COMMAND holds the hall IT's signing
command (with $f where the file goes), the two executables are signed before they are zipped,
and makensis signs the uninstaller and the setup with the same command as it writes them.
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
    WORK,
    BuildError,
    machine,
    run,
    say,
    version,
    warn,
)

#: A signing command with $f for the file, e.g. 'signtool sign /fd sha256 /f hall.pfx /p PASSWORD $f'.
SIGN_ENV = "HALLMONITOR_SIGN_COMMAND"
SCRIPT = INSTALLER / "windows" / "hallmonitor.nsi"


def numeric_version(text: str) -> str:
    """Windows wants four numbers: 0.1.0rc1 -> 0.1.0.0, 1.2 -> 1.2.0.0."""
    match = re.match(r"\d+(?:\.\d+)*", text)
    numbers = [int(n) for n in match.group(0).split(".")[:3]] if match else []
    return ".".join(str(n) for n in [*numbers, 0, 0, 0, 0][:4])


def setup_name() -> str:
    return f"HallMonitor-{version()}-setup.exe"


def find_makensis() -> Path | None:
    """makensis on PATH, else where NSIS's own installer puts it."""
    found = shutil.which("makensis")
    if found:
        return Path(found)
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base and (Path(base) / "NSIS" / "makensis.exe").is_file():
            return Path(base) / "NSIS" / "makensis.exe"
    return None


def sign_command() -> str | None:
    """The hall IT's signing command, with $f where the file goes."""
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


def makensis_command(
    makensis: Path,
    icons: Path,
    output: Path,
    *,
    source: Path = APP_DIR,
    compressor: str | None = None,
    sign: str | None = None,
    strict: bool = False,
) -> list[str | Path]:
    """The makensis call; ``compressor`` "zlib" or "none" for a quick setup, None for solid LZMA.

    Options start with "-", which makensis takes on every system ("/" only on Windows).
    """
    cmd: list[str | Path] = [makensis, "-V2", "-INPUTCHARSET", "UTF8"]
    if strict:
        cmd.append("-WX")  # a warning fails the compile: CI keeps the script clean
    cmd += [
        f"-DVERSION={version()}",
        f"-DNUMERIC_VERSION={numeric_version(version())}",
        f"-DSOURCE_DIR={source}",
        f"-DOUTPUT={output}",
        f"-DICON_FILE={icons / 'hallmonitor.ico'}",
    ]
    if compressor:
        cmd.append(f"-DCOMPRESSOR={compressor}")
    if sign:
        cmd.append(f"-DSIGN_COMMAND={sign.replace('$f', chr(34) + '%1' + chr(34))}")
    cmd.append(SCRIPT)
    return cmd


def compile_setup(
    makensis: Path,
    icons: Path,
    output: Path,
    *,
    source: Path = APP_DIR,
    compressor: str | None = None,
    sign: str | None = None,
    strict: bool = False,
) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.unlink(missing_ok=True)
    cmd = makensis_command(
        makensis, icons, output, source=source, compressor=compressor, sign=sign, strict=strict
    )
    run(cmd, what="makensis")
    if not output.is_file():
        raise BuildError(f"makensis finished but {output} is missing")
    return output


def check_setup_script(icons: Path) -> Path:
    """Compile the setup script over this (Linux) bundle, uncompressed and with warnings as errors.

    The setup it makes is no use on Windows; what counts is that makensis accepts the script
    with the real folder's files, defines and icon.
    """
    makensis = find_makensis()
    if makensis is None:
        raise BuildError("--check-nsis: makensis not found (Debian: apt-get install nsis)")
    target = WORK / "nsis-check" / setup_name()
    compile_setup(makensis, icons, target, compressor="none", strict=True)
    say(f"the NSIS script compiles: {target.relative_to(ROOT)} (a stand-in payload, not for Windows)")
    return target


def package_windows(icons: Path, quick: bool = False) -> list[Path]:
    made = []
    command = sign_command()
    if command:
        sign_executables(command)
    portable = DIST / f"HallMonitor-{version()}-windows-{machine()}.zip"
    say(f"writing {portable.relative_to(ROOT)}")
    with zipfile.ZipFile(portable, "w", zipfile.ZIP_DEFLATED, compresslevel=1 if quick else 6) as archive:
        for path in sorted(APP_DIR.rglob("*")):
            if path.is_file():
                archive.write(path, Path("HallMonitor") / path.relative_to(APP_DIR))
    made.append(portable)
    makensis = find_makensis()
    if makensis is None:
        warn(
            "NSIS's makensis not found (PATH or Program Files\\NSIS): no setup.exe made; the .zip is portable"
        )
        return made
    made.append(
        compile_setup(
            makensis, icons, DIST / setup_name(), compressor="zlib" if quick else None, sign=command
        )
    )
    return made
