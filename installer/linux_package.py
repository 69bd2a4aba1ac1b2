"""The Linux packages: dist/hallmonitor-VERSION-linux-ARCH.tar.gz and dist/hallmonitor_VERSION_ARCH.deb.

The tarball holds the built folder beside installer/linux's install.sh, desktop entry and
AppStream metainfo (given this version's release when it lacks one) and the rendered icons,
owned by root:root whoever built it: for a PC where the user installs without root.

The .deb is what a distribution's IT hands out (UOS, Kylin, Debian, Ubuntu): the program in
/opt/hallmonitor, ``hallmonitor`` in /usr/bin, the menu entry, the icon in the hicolor theme,
the metainfo and the copyright file. dpkg's own triggers refresh the menu and the icon cache.
Removing it takes the program away and never the users' data, which lives in their home
folders (~/.local/share/HallMonitor and the rest), where no package looks. It depends on the
system libraries the bundle takes from the PC (elf_needs.SYSTEM_PACKAGES) and on a glibc at
least as new as the bundle's floor. dpkg-deb builds it (Debian's dpkg package; on a
non-Debian build machine, install dpkg); without dpkg-deb only the tarball is made.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from build_common import APP_DIR, DIST, INSTALLER, ROOT, WORK, BuildError, machine, run, say, version, warn
from elf_needs import SYSTEM_PACKAGES, glibc_needs, libraries_from_the_system

PREFIX = "opt/hallmonitor"
DEB_ARCH = {"x86_64": "amd64", "aarch64": "arm64", "loongarch64": "loong64", "mips64": "mips64el"}


def metainfo_for(release: str) -> str:
    """The metainfo with this version among its releases (added on top when missing)."""
    text = (INSTALLER / "linux" / "io.github.hallmonitor.metainfo.xml").read_text(encoding="utf-8")
    if f'version="{release}"' not in text:
        today = datetime.date.today().isoformat()
        text = text.replace("<releases>", f'<releases>\n    <release version="{release}" date="{today}"/>', 1)
    return text


def package_linux(icons: Path, quick: bool = False) -> list[Path]:
    made = [package_tarball(icons, quick)]
    if shutil.which("dpkg-deb"):
        made.append(package_deb(icons, quick))
    else:
        warn("dpkg-deb not found (Debian's dpkg package): no .deb made, the tar.gz only")
    return made


# --- the tarball ---------------------------------------------------------------------------------


def package_tarball(icons: Path, quick: bool = False) -> Path:
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
    with tarfile.open(target, "w:gz", compresslevel=1 if quick else 6) as tar:
        for path in sorted(extras.iterdir()):
            tar.add(path, arcname=f"{name}/{path.name}", filter=normalise)
        tar.add(APP_DIR, arcname=f"{name}/HallMonitor", filter=normalise)
    return target


# --- the .deb ------------------------------------------------------------------------------------


def deb_version(text: str) -> str:
    """Python's version in Debian's order: 0.2.0rc1 -> 0.2.0~rc1 (before 0.2.0), .post1 -> +post1."""
    match = re.fullmatch(r"(\d+(?:\.\d+)*)(?:\.?(a|b|rc|dev)\.?(\d*))?(?:\.?post(\d+))?", text)
    if not match:
        raise BuildError(f"version {text!r} has no Debian form (expected e.g. 0.2.0, 0.2.0rc1, 0.2.0.post1)")
    release, pre, number, post = match.groups()
    out = release + (f"~{pre}{number}" if pre else "") + (f"+post{post}" if post else "")
    return out


def deb_architecture() -> str:
    if shutil.which("dpkg"):
        result = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=False)
        if result.returncode == 0 and result.stdout.strip():
            return result.stdout.strip()
    return DEB_ARCH.get(machine(), machine())


def deb_depends() -> str:
    """libc6 at the bundle's glibc floor, and the package of each library taken from the system."""
    needs = glibc_needs(APP_DIR)
    packages = {
        SYSTEM_PACKAGES[name] for name in libraries_from_the_system(APP_DIR) if name in SYSTEM_PACKAGES
    }
    packages.discard("libc6")
    floor = f"libc6 (>= {needs[0].shown})" if needs else "libc6"
    return ", ".join([floor, *sorted(packages)])


def desktop_entry() -> str:
    """The menu entry, starting the program in /opt (no PATH lookup, no shell)."""
    text = (INSTALLER / "linux" / "hallmonitor.desktop").read_text(encoding="utf-8")
    return re.sub(r"(?m)^Exec=.*$", f"Exec=/{PREFIX}/HallMonitor", text)


def control_file(installed_kib: int) -> str:
    return (
        "Package: hallmonitor\n"
        f"Version: {deb_version(version())}\n"
        f"Architecture: {deb_architecture()}\n"
        "Maintainer: HallMonitor maintainers <hallmonitor@localhost>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {deb_depends()}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: 窗口监管台 HallMonitor: supervision of a government service hall\n"
        " For the supervisors of a government service hall (政务服务大厅): which windows\n"
        " are staffed only by auxiliary staff, the cases each window takes in, cases\n"
        " whose approval left the hall, alerts and printed notices ordering windows to\n"
        " correct, and the weekly Excel report for the administrative service center.\n"
        " .\n"
        " The program, with its own Python, Qt and Chinese font, is in /opt/hallmonitor;\n"
        " each user's data stays in their home folder and is kept when the package is\n"
        " removed.\n"
    )


def normalise_tree(root: Path) -> None:
    """Folders 755, files 644 or 755 (executable ones): readable by every user, whatever the umask."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def tree_kib(root: Path) -> int:
    """What dpkg calls Installed-Size: the files' sizes in KiB, rounded up each."""
    total = 0
    for path in root.rglob("*"):
        if path.is_symlink() or path.is_file():
            total += (path.lstat().st_size + 1023) // 1024
        else:
            total += 1
    return total


def md5sums(root: Path) -> str:
    lines = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        relative = path.relative_to(root).as_posix()
        if relative.startswith("DEBIAN/"):
            continue
        digest = hashlib.md5(usedforsecurity=False)
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        lines.append(f"{digest.hexdigest()}  {relative}\n")
    return "".join(lines)


def stage_deb(icons: Path) -> Path:
    """build/deb/ laid out as the installed system: opt/, usr/ and DEBIAN/."""
    root = WORK / "deb" / "hallmonitor"
    shutil.rmtree(root.parent, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copytree(APP_DIR, root / PREFIX, symlinks=True)
    share = root / "usr" / "share"
    for folder in ("applications", "metainfo", "icons/hicolor/scalable/apps", "icons/hicolor/256x256/apps"):
        (share / folder).mkdir(parents=True)
    (share / "applications" / "hallmonitor.desktop").write_text(desktop_entry(), encoding="utf-8")
    (share / "metainfo" / "io.github.hallmonitor.metainfo.xml").write_text(
        metainfo_for(version()), encoding="utf-8"
    )
    shutil.copyfile(icons / "hallmonitor.svg", share / "icons/hicolor/scalable/apps/hallmonitor.svg")
    shutil.copyfile(icons / "hallmonitor.png", share / "icons/hicolor/256x256/apps/hallmonitor.png")
    (share / "doc" / "hallmonitor").mkdir(parents=True)
    shutil.copyfile(INSTALLER / "linux" / "copyright", share / "doc" / "hallmonitor" / "copyright")
    (root / "usr" / "bin").mkdir(parents=True)
    os.symlink(f"/{PREFIX}/hallmonitor-cli", root / "usr" / "bin" / "hallmonitor")
    normalise_tree(root)
    # No maintainer scripts: dpkg's triggers refresh the menu and the icon cache, and nothing of a
    # user's lives under /opt, so dpkg -r leaves no file and no package state behind.
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "md5sums").write_text(md5sums(root), encoding="utf-8")
    (debian / "md5sums").chmod(0o644)
    (debian / "control").write_text(control_file(tree_kib(root) - tree_kib(debian)), encoding="utf-8")
    (debian / "control").chmod(0o644)
    return root


def package_deb(icons: Path, quick: bool = False) -> Path:
    root = stage_deb(icons)
    target = DIST / f"hallmonitor_{deb_version(version())}_{deb_architecture()}.deb"
    target.unlink(missing_ok=True)
    say(f"writing {target.relative_to(ROOT)}")
    # xz for the release (the smallest download); gzip -1 for a quick check (CI).
    compression = ["-Zgzip", "-z1"] if quick else ["-Zxz", "-z6"]
    run(["dpkg-deb", "--root-owner-group", *compression, "--build", root, target], what="dpkg-deb")
    shutil.rmtree(root.parent, ignore_errors=True)
    return target
