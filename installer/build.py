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
   (HallMonitor = the desktop app, hallmonitor-cli = the command line);
2. the bundle's contents: migrations, translations, calendar data, modules
   imported by name;
3. the built executables, on a demo database in a temporary folder:
   ``hallmonitor-cli --version``, ``demo``, ``check`` on a working day and on a
   public holiday, then ``HallMonitor --smoke`` with QT_QPA_PLATFORM=offscreen;
   any failure stops the build with the command's output;
4. packages: on Linux dist/hallmonitor-VERSION-linux-ARCH.tar.gz (the folder,
   install.sh, the desktop entry, AppStream metainfo, icons); on Windows
   dist/HallMonitor-VERSION-windows-x64.zip and, when Inno Setup's iscc is
   found, dist/HallMonitor-VERSION-setup.exe.

On Windows, when HALLMONITOR_SIGN_COMMAND is set (a signing command with $f
where the file goes), the two executables, the setup and its uninstaller are
signed. dist/SHA256SUMS lists the packages' checksums.

Build outputs go to build/ and dist/ at the repository root (both git-ignored).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import os
import platform
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

INSTALLER = Path(__file__).resolve().parent
ROOT = INSTALLER.parent
PACKAGE = ROOT / "src" / "hallmonitor"
SPEC = INSTALLER / "hallmonitor.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
APP_DIR = DIST / "HallMonitor"

IS_WINDOWS = sys.platform == "win32"
IS_LINUX = sys.platform.startswith("linux")
EXE = ".exe" if IS_WINDOWS else ""
GUI = APP_DIR / f"HallMonitor{EXE}"
CLI = APP_DIR / f"hallmonitor-cli{EXE}"

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

#: Modules the built executables must contain although nothing imports them by a plain import
#: statement (subcommand handlers and pages are imported by name, dialects chosen by URL).
REQUIRED_MODULES = [
    "hallmonitor.cli",
    "hallmonitor.app",
    "chinese_calendar",
    "holidays.countries.china",
    "alembic.op",
    "alembic.context",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg",
    "openpyxl",
    "pyqtgraph",
]

#: A signing command with $f for the file, e.g. 'signtool sign /fd sha256 /f hall.pfx /p PASSWORD $f'.
SIGN_ENV = "HALLMONITOR_SIGN_COMMAND"

SMOKE_DEMO_TODAY = "2026-05-15"
#: (day, word the check must print): a Monday, and Labour Day's Tuesday, which only the official
#: calendar (chinesecalendar's tables) knows is a holiday; a Monday-Friday fallback would say 工作日.
SMOKE_CHECKS = [("2026-05-11", "工作日"), ("2026-05-05", "休息日")]


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


def numeric_version(text: str) -> str:
    """Windows wants four numbers: 0.1.0rc1 -> 0.1.0.0, 1.2 -> 1.2.0.0."""
    match = re.match(r"\d+(?:\.\d+)*", text)
    numbers = [int(n) for n in match.group(0).split(".")[:3]] if match else []
    return ".".join(str(n) for n in [*numbers, 0, 0, 0, 0][:4])


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


def write_ico(pngs: list[tuple[int, bytes]], target: Path) -> None:
    """An .ico holding PNG images (Windows Vista and later read these)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in pngs:
        entries += struct.pack(
            "<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset + len(blobs)
        )
        blobs += data
    target.write_bytes(header + entries + blobs)


def render_icons(svg: Path, out: Path) -> None:
    """Render ``svg`` to PNGs and an .ico with Qt (run in a child process: it needs a QGuiApplication)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication([])  # noqa: F841 - Qt's painting needs it alive
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise BuildError(f"cannot read the icon {svg}")
    pngs = []
    for size in (16, 24, 32, 48, 64, 128, 256):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        pngs.append((size, bytes(data.data())))
    out.mkdir(parents=True, exist_ok=True)
    (out / "hallmonitor.png").write_bytes(pngs[-1][1])
    write_ico(pngs, out / "hallmonitor.ico")
    shutil.copyfile(svg, out / "hallmonitor.svg")


def make_icons() -> Path:
    """build/icons/hallmonitor.{svg,png,ico} from the app's own SVG icon, else installer/hallmonitor.svg."""
    own = PACKAGE / "ui" / "assets" / "icons" / "hallmonitor.svg"
    svg = own if own.is_file() else INSTALLER / "hallmonitor.svg"
    out = WORK / "icons"
    run([sys.executable, __file__, "--render-icons", svg, out], what="rendering the icons")
    return out


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


def bundle_modules() -> set[str]:
    from PyInstaller.archive.readers import pkg_archive_contents

    return set(pkg_archive_contents(str(CLI), recursive=True))


def verify_bundle() -> None:
    """The files read by path and the modules imported by name are in the folder."""
    internal = APP_DIR / "_internal"
    problems = []

    def expect_same_files(source: Path, pattern: str, what: str) -> None:
        wanted = {p.relative_to(ROOT / "src") for p in source.glob(pattern) if "__pycache__" not in p.parts}
        found = {p.relative_to(internal) for p in (internal / source.relative_to(ROOT / "src")).glob(pattern)}
        if not wanted:
            problems.append(f"no {what} in the source tree ({source.relative_to(ROOT)}/{pattern})")
        for path in sorted(wanted - found):
            problems.append(f"{what} not bundled: {path.as_posix()}")

    migrations = PACKAGE / "storage" / "migrations"
    expect_same_files(migrations, "env.py", "Alembic environment")
    expect_same_files(migrations, "versions/*.py", "migration")
    translations = PACKAGE / "ui" / "assets" / "translations"
    if translations.is_dir():
        expect_same_files(translations, "*.qm", "translation")
    if not list(internal.glob("PySide6/**/qtbase_zh_CN.qm")):
        problems.append("Qt's own Chinese translation qtbase_zh_CN.qm not bundled")
    if not (internal / "holidays" / "locale" / "zh_CN" / "LC_MESSAGES" / "CN.mo").is_file():
        problems.append("holidays' Chinese catalogue (holidays/locale/zh_CN/LC_MESSAGES/CN.mo) not bundled")
    if not list(internal.glob("psycopg_binary/_psycopg*")):
        problems.append("psycopg_binary's extension not bundled: PostgreSQL would not work")

    modules = bundle_modules()
    wanted = set(REQUIRED_MODULES)
    # Every module of the package: pages and subcommand handlers are imported by name.
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if "migrations" not in parts:
            wanted.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    problems += [f"module not bundled: {name}" for name in sorted(wanted - modules)]
    if problems:
        raise BuildError("the bundle is incomplete:\n  " + "\n  ".join(problems))
    say(
        f"bundle contents checked: migrations, translations, calendar data, {len(wanted)} modules imported by name"
    )


# --- running the built app -----------------------------------------------------------------------


def smoke_env(folder: Path) -> dict[str, str]:
    """The builder's own database, settings and logs stay out of it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HALLMONITOR_", "PYTHON"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HALLMONITOR_LOG_DIR=str(folder / "logs"),
        HALLMONITOR_SETTINGS_DIR=str(folder / "settings"),
    )
    if IS_LINUX:
        env.update(
            XDG_DATA_HOME=str(folder / "data"),
            XDG_STATE_HOME=str(folder / "state"),
            XDG_CONFIG_HOME=str(folder / "config"),
            XDG_CACHE_HOME=str(folder / "cache"),
        )
    return env


def check_database(url: str, env: dict[str, str], shown: str) -> None:
    run(
        [CLI, "--db", url, "demo", "--today", SMOKE_DEMO_TODAY],
        env=env,
        timeout=600,
        what=f"hallmonitor-cli demo on {shown}",
    )
    for day, word in SMOKE_CHECKS:
        out = run(
            [CLI, "--db", url, "check", "--date", day],
            env=env,
            timeout=300,
            what=f"hallmonitor-cli check --date {day} on {shown}",
        )
        first = out.strip().splitlines()[0] if out.strip() else ""
        if word not in first:
            raise BuildError(f"check --date {day} should say {word} (official calendar) but printed:\n{out}")
        if "尚无国务院公布" in out:
            raise BuildError(
                f"check --date {day} fell back to Monday-Friday: chinesecalendar's data is missing\n{out}"
            )
        say(f"  {first}")


def smoke(pg_url: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="hallmonitor-smoke-") as tmp:
        folder = Path(tmp)
        env = smoke_env(folder)
        out = run([CLI, "--version"], env=env, timeout=120, what="hallmonitor-cli --version")
        if f"hallmonitor {version()}" not in out:
            raise BuildError(
                f"hallmonitor-cli --version printed {out.strip()!r}, expected hallmonitor {version()}"
            )
        say(f"  {out.strip()}")
        url = f"sqlite:///{(folder / 'demo.sqlite3').as_posix()}"
        check_database(url, env, "a demo SQLite database")
        run([GUI, "--db", url, "--smoke"], env=env, timeout=300, what="HallMonitor --smoke (offscreen)")
        say("  HallMonitor --smoke: the first page showed its data, exit 0")
        log = folder / "logs" / "hallmonitor.log"
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        errors = [line for line in text.splitlines() if " ERROR " in line or " CRITICAL " in line]
        if errors:
            raise BuildError(
                "the built app logged errors during the checks:\n  " + "\n  ".join(errors) + f"\n{text}"
            )
        missing = [line for line in text.splitlines() if "translation" in line and "not found" in line]
        if missing:
            compiled = (PACKAGE / "ui" / "assets" / "translations" / "hallmonitor_zh_CN.qm").is_file()
            message = "the built app did not find a translation:\n  " + "\n  ".join(missing)
            if compiled or any("qtbase" in line for line in missing):
                raise BuildError(message)
            warn(message)
        if pg_url:
            check_database(pg_url, env, "PostgreSQL")


# --- packages ------------------------------------------------------------------------------------


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


def required_glibc() -> tuple[str, str] | None:
    """The newest GLIBC_x.y symbol version any bundled ELF file asks for, and that file."""
    best: tuple[tuple[int, int], str] | None = None
    pattern = re.compile(rb"GLIBC_(\d+)\.(\d+)")
    for path in APP_DIR.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
            data = handle.read()
        for major, minor in set(pattern.findall(data)):
            key = (int(major), int(minor))
            if best is None or key > best[0]:
                best = (key, str(path.relative_to(APP_DIR)))
    return (f"{best[0][0]}.{best[0][1]}", best[1]) if best else None


def metainfo_for(release: str) -> str:
    """The metainfo with this version among its releases (added on top when missing)."""
    text = (INSTALLER / "linux" / "io.github.hallmonitor.metainfo.xml").read_text(encoding="utf-8")
    if f'version="{release}"' not in text:
        today = datetime.date.today().isoformat()
        text = text.replace("<releases>", f'<releases>\n    <release version="{release}" date="{today}"/>', 1)
    return text


def package_linux(icons: Path) -> Path:
    name = f"hallmonitor-{version()}-linux-{machine()}"
    target = DIST / f"{name}.tar.gz"
    extras = WORK / "package"
    shutil.rmtree(extras, ignore_errors=True)
    extras.mkdir(parents=True)
    (extras / "io.github.hallmonitor.metainfo.xml").write_text(metainfo_for(version()), encoding="utf-8")
    for file in ("hallmonitor.desktop", "install.sh"):
        shutil.copy2(INSTALLER / "linux" / file, extras / file)
    (extras / "install.sh").chmod(0o755)
    for file in ("hallmonitor.svg", "hallmonitor.png"):
        shutil.copy2(icons / file, extras / file)

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    say(f"writing {target.relative_to(ROOT)}")
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        for path in sorted(extras.iterdir()):
            tar.add(path, arcname=f"{name}/{path.name}", filter=normalise)
        tar.add(APP_DIR, arcname=f"{name}/HallMonitor", filter=normalise)
    return target


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
    parser.add_argument("--render-icons", nargs=2, metavar=("SVG", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.render_icons:
            render_icons(Path(args.render_icons[0]), Path(args.render_icons[1]))
            return 0
        say(
            f"HallMonitor {version()} for {platform.system()} {machine()} with Python {platform.python_version()}"
        )
        check_prerequisites()
        icons = make_icons()
        if args.no_build:
            if not GUI.is_file() or not CLI.is_file():
                raise BuildError(f"--no-build: nothing built in {APP_DIR}")
        else:
            run_pyinstaller(icons, args.clean)
        verify_bundle()
        if args.no_smoke:
            warn("--no-smoke: the built app was NOT run")
        else:
            say("running the built app on a demo database")
            smoke(args.pg_url)
        made: list[Path] = []
        if not args.no_package:
            made = [package_linux(icons)] if IS_LINUX else package_windows(icons) if IS_WINDOWS else []
    except BuildError as exc:
        print(f"\n[build] BUILD FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    if made:
        write_checksums(made)
    say(f"done: {APP_DIR.relative_to(ROOT)} is {mib(folder_size(APP_DIR))}")
    for path in made:
        say(f"  {path.relative_to(ROOT)}: {mib(path.stat().st_size)}")
    if IS_LINUX:
        glibc = required_glibc()
        if glibc:
            say(f"  runs on Linux with glibc {glibc[0]} or newer (asked for by {glibc[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
