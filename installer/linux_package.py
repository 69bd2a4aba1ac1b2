"""The Linux package: dist/hallmonitor-VERSION-linux-ARCH.tar.gz, and the glibc it needs.

The tarball holds the built folder beside installer/linux's install.sh, desktop entry and
AppStream metainfo (given this version's release when it lacks one) and the rendered icons,
owned by root:root whoever built it. A bundle runs only where glibc is at least as new as the
newest version its libraries ask for, so build.py reports that version (required_glibc()).
"""

from __future__ import annotations

import datetime
import re
import shutil
import tarfile
from pathlib import Path

from build_common import APP_DIR, DIST, INSTALLER, ROOT, WORK, machine, say, version


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
