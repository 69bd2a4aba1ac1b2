#!/usr/bin/env python3
"""Build 窗口监管台 HallMonitor for the desktop, check that the built app runs, then package it.

    python installer/build.py                 build, check, package
    python installer/build.py --no-package    build and check only
    python installer/build.py --pg-url postgresql://user@host/scratch
                                              also check PostgreSQL (an empty scratch database)

Run it with the Python of a virtual environment that has HallMonitor's
dependencies and PyInstaller (``pip install -e . "pyinstaller>=6"``), on the
system the build is for: PyInstaller builds for the machine it runs on.

Steps:

1. PyInstaller with installer/hallmonitor.spec -> dist/HallMonitor/
   (HallMonitor = the desktop app, hallmonitor-cli = the command line; on Linux, where
   the two are the same file, hallmonitor-cli becomes a link to HallMonitor);
2. the bundle's contents: migrations, translations, calendar data, modules
   imported by name, and on Linux the system libraries it needs and the oldest glibc
   it runs on (``--max-glibc 2.28`` stops a bundle that needs more);
3. the built executables, on a demo database in a temporary folder:
   ``hallmonitor-cli --version``, ``demo``, ``check`` on a working day and on a
   public holiday, then ``HallMonitor --smoke`` with QT_QPA_PLATFORM=offscreen;
   any failure stops the build with the command's output;
4. packages: on Linux dist/hallmonitor-VERSION-linux-ARCH.tar.gz (the folder,
   install.sh, the desktop entry, AppStream metainfo, icons) and, with dpkg-deb,
   dist/hallmonitor_VERSION_ARCH.deb; on Windows dist/HallMonitor-VERSION-windows-x64.zip
   and, when NSIS's makensis is found, dist/HallMonitor-VERSION-setup.exe.
   ``--check-nsis`` (Linux) also compiles the Windows setup script over the Linux
   bundle, to prove the script compiles.

On Windows, when HALLMONITOR_SIGN_COMMAND is set (a signing command with $f
where the file goes), the two executables, the setup and its uninstaller are
signed. dist/SHA256SUMS lists the packages' checksums.

Build outputs go to build/ and dist/ at the repository root (both git-ignored).

The steps live in modules beside this file (Python puts this file's folder on
sys.path, so they import wherever the command is run from): build_common.py
(paths, messages, running commands), icons.py, bundle_check.py, elf_needs.py (glibc
floor, system libraries), smoke.py, linux_package.py and windows_package.py.
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.util
import os
import platform
import sys
from pathlib import Path

from build_common import (
    APP_DIR,
    CLI,
    DIST,
    GUI,
    IS_LINUX,
    IS_WINDOWS,
    PACKAGE,
    ROOT,
    SPEC,
    WORK,
    BuildError,
    machine,
    run,
    say,
    version,
    warn,
)
from bundle_check import verify_bundle
from elf_needs import floor_problem, glibc_needs, parse_version
from icons import make_icons, render_icons
from linux_package import package_linux
from smoke import smoke
from windows_package import check_setup_script, package_windows

#: What the app needs at run time (import names), checked before a long build starts.
RUNTIME_MODULES = [
    "PySide6",
    "sqlalchemy",
    "alembic",
    "openpyxl",
    "pyqtgraph",
    "chinese_calendar",
    "holidays",
    "platformdirs",
    "psycopg",
    "psycopg_binary",
]

#: What the unpacked folder should stay under, in MiB (the build warns when it grows past it).
SIZE_BUDGET_MIB = 200


# --- before the build ----------------------------------------------------------------------------


def check_prerequisites() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildError(f'PyInstaller is not installed in {sys.executable}: pip install "pyinstaller>=6"')
    missing = [name for name in RUNTIME_MODULES if importlib.util.find_spec(name) is None]
    if not missing:
        check_requirements()
    if missing:
        raise BuildError(
            f"missing in this environment: {', '.join(missing)} (pip install -e . from the repository)"
        )
    translations = PACKAGE / "ui" / "assets" / "translations"
    compiled = {p.stem for p in translations.glob("*.qm")} if translations.is_dir() else set()
    if "hallmonitor_zh_CN" not in compiled:
        warn(
            "src/hallmonitor/ui/assets/translations/hallmonitor_zh_CN.qm is missing: the app will show English"
        )
    for source in sorted(ROOT.glob("src/**/*.ts")) + sorted(ROOT.glob("translations/*.ts")):
        qm = translations / f"{source.stem}.qm"
        if qm.exists() and qm.stat().st_mtime < source.stat().st_mtime:
            warn(f"{qm.relative_to(ROOT)} is older than {source.relative_to(ROOT)}: run lrelease first")


def check_requirements() -> None:
    """What is installed satisfies pyproject's dependencies (a version the project excludes is not bundled)."""
    import tomllib
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    problems = []
    for line in project.get("dependencies", []):
        requirement = Requirement(line)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        try:
            found = installed_version(requirement.name)
        except PackageNotFoundError:
            problems.append(f"{requirement.name} is not installed (pyproject asks for {requirement})")
            continue
        if not requirement.specifier.contains(found, prereleases=True):
            problems.append(f"{requirement.name} {found} is installed, pyproject asks for {requirement}")
    if problems:
        raise BuildError(
            "this environment does not match pyproject.toml; run pip install -e . first:\n  "
            + "\n  ".join(problems)
        )


# --- the build -----------------------------------------------------------------------------------


def run_pyinstaller(icons: Path, clean: bool) -> None:
    env = dict(os.environ, HALLMONITOR_BUILD_ICON=str(icons / "hallmonitor.ico"))
    cmd: list[str | Path] = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    if clean:
        cmd.append("--clean")
    cmd += ["--distpath", DIST, "--workpath", WORK / "pyinstaller", SPEC]
    run(cmd, env=env, what="PyInstaller", capture=False)
    if not GUI.is_file() or not CLI.is_file():
        raise BuildError(f"PyInstaller finished but {GUI.name} or {CLI.name} is missing in {APP_DIR}")
    if IS_LINUX:
        share_linux_executable()


def share_linux_executable() -> None:
    """On Linux the two executables are the same file (no console flag): keep one, link the other.

    Each carries the compiled Python modules (about 13 MB); the link keeps the command
    ``hallmonitor-cli`` working, and the bootloader finds _internal beside the real file.
    """
    if CLI.is_symlink() or not filecmp.cmp(GUI, CLI, shallow=False):
        return
    CLI.unlink()
    CLI.symlink_to(GUI.name)
    say(f"{CLI.name} is a link to {GUI.name} (the same program on Linux)")


# --- what the bundle needs from a Linux PC -------------------------------------------------------


def glibc_limit(max_glibc: str | None) -> tuple[int, int] | None:
    """``--max-glibc``, read before the long build starts."""
    if not max_glibc:
        return None
    if not IS_LINUX:
        warn("--max-glibc is for Linux builds: ignored")
        return None
    try:
        return parse_version(max_glibc)
    except ValueError as exc:
        raise BuildError(f"--max-glibc: {exc}") from exc


def check_glibc(limit: tuple[int, int] | None, warn_only: bool = False) -> str | None:
    """Print the oldest glibc the bundle runs on; stop when it needs more than ``limit``."""
    needs = glibc_needs(APP_DIR)
    if not needs:
        say("glibc floor: none found (no bundled file asks for a GLIBC_ version)")
        return None
    top = [need for need in needs if need.version == needs[0].version]
    names = ", ".join(need.path for need in top[:3]) + (f" and {len(top) - 3} more" if len(top) > 3 else "")
    say(f"glibc floor: {needs[0].shown} (the newest any bundled file needs; set by {names})")
    if limit is not None:
        problem = floor_problem(needs, limit)
        if problem and warn_only:
            warn(f"{problem} (--glibc-warn-only: going on)")
            return needs[0].shown
        if problem:
            raise BuildError(problem)
        say(f"  within --max-glibc {limit[0]}.{limit[1]}")
    return needs[0].shown


# --- sizes and checksums (the packages: linux_package.py, windows_package.py) --------------------


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


def write_checksums(files: list[Path]) -> Path:
    """dist/SHA256SUMS, for checking a copy carried to an offline PC (sha256sum -c / certutil)."""
    import hashlib

    lines = []
    for path in files:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        lines.append(f"{digest.hexdigest()}  {path.name}\n")
    target = DIST / "SHA256SUMS"
    target.write_text("".join(lines), encoding="utf-8")
    return target


# --- main ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build, check and package HallMonitor for this system.")
    parser.add_argument(
        "--no-package", action="store_true", help="stop after the checks (no tar.gz / zip / setup)"
    )
    parser.add_argument("--no-smoke", action="store_true", help="do not run the built app (NOT for releases)")
    parser.add_argument("--clean", action="store_true", help="clear PyInstaller's cache first")
    parser.add_argument(
        "--no-build", action="store_true", help="check and package the dist/HallMonitor already built"
    )
    parser.add_argument(
        "--pg-url", metavar="URL", help="also run demo and check on this empty PostgreSQL database"
    )
    parser.add_argument(
        "--max-glibc",
        metavar="X.Y",
        help="Linux: stop when a bundled file needs a newer glibc (2.28 for UOS 20, 2.31 for Kylin V10)",
    )
    parser.add_argument(
        "--glibc-warn-only",
        action="store_true",
        help="with --max-glibc: name the files that need more, without stopping (a check on a newer host)",
    )
    parser.add_argument(
        "--check-nsis",
        action="store_true",
        help="Linux: also compile the Windows setup script over this bundle (proves the script compiles)",
    )
    parser.add_argument(
        "--quick-packages",
        action="store_true",
        help="compress the packages quickly (larger files): for checking the packaging, not for release",
    )
    parser.add_argument("--render-icons", nargs=2, metavar=("SVG", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.render_icons:
            render_icons(Path(args.render_icons[0]), Path(args.render_icons[1]))
            return 0
        say(
            f"HallMonitor {version()} for {platform.system()} {machine()} with Python {platform.python_version()}"
        )
        limit = glibc_limit(args.max_glibc)
        check_prerequisites()
        icons = make_icons()
        if args.no_build:
            if not GUI.is_file() or not CLI.is_file():
                raise BuildError(f"--no-build: nothing built in {APP_DIR}")
            if IS_LINUX:
                share_linux_executable()
        else:
            run_pyinstaller(icons, args.clean)
        verify_bundle()
        glibc = check_glibc(limit, args.glibc_warn_only) if IS_LINUX else None
        if args.no_smoke:
            warn("--no-smoke: the built app was NOT run")
        else:
            say("running the built app on a demo database")
            smoke(args.pg_url)
        made: list[Path] = []
        if not args.no_package:
            if IS_LINUX:
                made = package_linux(icons, args.quick_packages)
            elif IS_WINDOWS:
                made = package_windows(icons, args.quick_packages)
        if args.check_nsis:
            check_setup_script(icons)
    except BuildError as exc:
        print(f"\n[build] BUILD FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    if made:
        write_checksums(made)
    size = folder_size(APP_DIR)
    say(f"done: {APP_DIR.relative_to(ROOT)} is {mib(size)} unpacked ({size / 1e6:.1f} MB)")
    if size > SIZE_BUDGET_MIB * 1024 * 1024:
        warn(f"the unpacked folder is over {SIZE_BUDGET_MIB} MiB: see what the spec leaves out")
    for path in made:
        say(f"  {path.relative_to(ROOT)}: {mib(path.stat().st_size)}")
    if glibc:
        say(f"  runs on Linux with glibc {glibc} or newer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
