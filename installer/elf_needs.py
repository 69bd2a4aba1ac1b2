"""What a Linux bundle's ELF files need from the PC: a glibc version, and the libraries left out.

A library built on a newer system asks the dynamic loader for symbol versions such as
GLIBC_2.34; on an older system the loader refuses to start the program ("version `GLIBC_2.34'
not found"). UOS 20 has glibc 2.28 and Kylin V10 2.31, so build.py reports the floor of every
bundle (the newest version any bundled file needs) and, given ``--max-glibc``, stops when a
bundled file needs more. The versions come from each file's version-needs table (the section
of type SHT_GNU_verneed, or the DT_VERNEED entry of its dynamic segment when sections are
stripped), which lists exactly what the loader checks: a plain search for "GLIBC_2." in the
bytes would also find versions a library defines or merely mentions.

PyInstaller leaves out the libraries every desktop has (glibc, OpenGL/EGL, libxcb, Wayland's
client libraries), the spec a few more (D-Bus, GLib, fontconfig, FreeType, Xlib, xkbcommon), and the rest found
on the build machine is bundled. A library that is
neither bundled nor one of those was missing on the build machine (Qt's xcb plugin needs
libxcb-icccm4 and friends): the offscreen smoke test cannot notice, but the app would not
open a window on a PC without it, so the build stops. SYSTEM_PACKAGES names the Debian
package of each library taken from the system; the .deb depends on them.

No tool outside Python reads the files, so the checks run wherever the build does.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path

SHT_GNU_VERNEED = 0x6FFFFFFE
PT_LOAD, PT_DYNAMIC = 1, 2
DT_NULL, DT_NEEDED, DT_STRTAB, DT_VERNEED, DT_VERNEEDNUM = 0, 1, 5, 0x6FFFFFFE, 0x6FFFFFFF
#: Version names that stand for a glibc release without spelling it: binaries linked with packed
#: relative relocations (``-z pack-relative-relocs``) need a loader that knows them, glibc 2.36.
GLIBC_MARKERS = {"GLIBC_ABI_DT_RELR": (2, 36)}
#: The libraries a bundle takes from the PC, with the Debian package that has each (the same names
#: on Debian 10 and later, UOS 20 and Kylin V10). glibc's own libraries are "libc6".
SYSTEM_PACKAGES = {
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "libresolv.so.2": "libc6",
    "libutil.so.1": "libc6",
    "ld-linux-x86-64.so.2": "libc6",
    "ld-linux-aarch64.so.1": "libc6",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libxcb.so.1": "libxcb1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    # Left out of the bundle by installer/hallmonitor.spec (LINUX_SYSTEM_LIBRARIES).
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
}
VERSION_NAME = re.compile(r"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?$")


class NotElf(ValueError):
    """The file is not an ELF file, or its tables point outside it."""


@dataclass(frozen=True)
class GlibcNeed:
    """One bundled file's newest glibc version, e.g. ``_internal/libX11.so.6`` needs 2.34."""

    path: str
    version: tuple[int, int]
    #: The version names behind it, as the loader would print them ("GLIBC_2.34").
    names: tuple[str, ...]

    @property
    def shown(self) -> str:
        return f"{self.version[0]}.{self.version[1]}"


def parse_version(text: str) -> tuple[int, int]:
    """ "2.28" -> (2, 28); anything else is refused with the sentence the command line shows."""
    match = re.fullmatch(r"\s*(\d+)\.(\d+)\s*", text)
    if not match:
        raise ValueError(f"a glibc version is two numbers such as 2.28, not {text!r}")
    return int(match.group(1)), int(match.group(2))


def glibc_version(name: str) -> tuple[int, int] | None:
    """The glibc release a version name needs: GLIBC_2.17 -> (2, 17); GLIBC_PRIVATE -> None."""
    if name in GLIBC_MARKERS:
        return GLIBC_MARKERS[name]
    match = VERSION_NAME.match(name)
    return (int(match.group(1)), int(match.group(2))) if match else None


class ElfFile:
    def __init__(self, data: bytes) -> None:
        if data[:4] != b"\x7fELF" or len(data) < 64:
            raise NotElf("not an ELF file")
        self.data = data
        self.wide = data[4] == 2
        self.order = "<" if data[5] == 1 else ">"
        fields = self.unpack("HHIQQQIHHHHHH" if self.wide else "HHIIIIIHHHHHH", 16)
        (_type, _machine, _version, _entry, self.phoff, self.shoff, _flags, _ehsize) = fields[:8]
        self.phentsize, self.phnum, self.shentsize, self.shnum = fields[8:12]

    def unpack(self, fmt: str, offset: int) -> tuple[int, ...]:
        fmt = self.order + fmt
        end = offset + struct.calcsize(fmt)
        if offset < 0 or end > len(self.data):
            raise NotElf("a table points outside the file")
        return struct.unpack_from(fmt, self.data, offset)

    def string(self, offset: int) -> str:
        if offset < 0 or offset >= len(self.data):
            raise NotElf("a name points outside the file")
        end = self.data.find(b"\0", offset)
        return self.data[offset : end if end >= 0 else len(self.data)].decode("ascii", "replace")

    def sections(self) -> list[tuple[int, int, int, int, int]]:
        """(type, offset, size, link, info) of each section header."""
        out = []
        for index in range(self.shnum if self.shoff else 0):
            base = self.shoff + index * self.shentsize
            if self.wide:
                _name, kind, _flags, _addr, offset, size, link, info = self.unpack("IIQQQQII", base)
            else:
                _name, kind, _flags, _addr, offset, size, link, info = self.unpack("IIIIIIII", base)
            out.append((kind, offset, size, link, info))
        return out

    def program_headers(self) -> list[tuple[int, int, int, int, int]]:
        """(type, file offset, virtual address, file size, alignment) of each program header."""
        out = []
        for index in range(self.phnum if self.phoff else 0):
            base = self.phoff + index * self.phentsize
            if self.wide:
                kind, _flags, offset, vaddr, _paddr, filesz, _memsz, align = self.unpack("IIQQQQQQ", base)
            else:
                kind, offset, vaddr, _paddr, filesz, _memsz, _flags, align = self.unpack("IIIIIIII", base)
            out.append((kind, offset, vaddr, filesz, align))
        return out

    def segments(self) -> list[tuple[int, int, int, int]]:
        """(type, file offset, virtual address, file size) of each program header."""
        return [header[:4] for header in self.program_headers()]

    def verneed_table(self) -> tuple[int, int, int] | None:
        """(offset of the table, its entry count, offset of its string table), or None."""
        sections = self.sections()
        for kind, offset, _size, link, info in sections:
            if kind == SHT_GNU_VERNEED and link < len(sections):
                return offset, info, sections[link][1]
        return self._verneed_from_dynamic()

    def dynamic(self) -> list[tuple[int, int]]:
        """(tag, value) of each entry of the dynamic segment, up to DT_NULL."""
        entries = []
        for kind, offset, _vaddr, filesz in self.segments():
            if kind != PT_DYNAMIC:
                continue
            step = 16 if self.wide else 8
            for base in range(offset, offset + filesz - step + 1, step):
                tag, value = self.unpack("qQ" if self.wide else "iI", base)
                if tag == DT_NULL:
                    break
                entries.append((tag, value))
        return entries

    def file_offset(self, address: int) -> int:
        for kind, offset, vaddr, filesz in self.segments():
            if kind == PT_LOAD and vaddr <= address < vaddr + filesz:
                return offset + address - vaddr
        raise NotElf("the dynamic table points outside the loaded segments")

    def _verneed_from_dynamic(self) -> tuple[int, int, int] | None:
        entries = dict(self.dynamic())
        if DT_VERNEED not in entries or DT_STRTAB not in entries:
            return None
        return (
            self.file_offset(entries[DT_VERNEED]),
            entries.get(DT_VERNEEDNUM, 0),
            self.file_offset(entries[DT_STRTAB]),
        )

    def needed_libraries(self) -> list[str]:
        """The DT_NEEDED names: the libraries the loader must find for this file (libc.so.6...)."""
        entries = self.dynamic()
        tables = [value for tag, value in entries if tag == DT_STRTAB]
        if not tables:
            return []
        strings = self.file_offset(tables[0])
        return [self.string(strings + value) for tag, value in entries if tag == DT_NEEDED]

    def needed_versions(self) -> list[tuple[str, str]]:
        """(library, version name) pairs the loader checks, e.g. ("libc.so.6", "GLIBC_2.34")."""
        table = self.verneed_table()
        if table is None:
            return []
        offset, count, strings = table
        out = []
        for _ in range(count):
            _version, aux_count, file_name, aux, following = self.unpack("HHIII", offset)
            library = self.string(strings + file_name)
            aux_offset = offset + aux
            for _ in range(aux_count):
                _hash, _flags, _other, name, aux_next = self.unpack("IHHII", aux_offset)
                out.append((library, self.string(strings + name)))
                if not aux_next:
                    break
                aux_offset += aux_next
            if not following:
                break
            offset += following
        return out


def needed_versions(path: Path) -> list[tuple[str, str]]:
    """The (library, version name) pairs an ELF file asks the loader for; NotElf for other files."""
    return ElfFile(path.read_bytes()).needed_versions()


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def glibc_needs(folder: Path) -> list[GlibcNeed]:
    """Every ELF file under ``folder`` that needs a glibc version, the most demanding first."""
    needs = []
    for path in sorted(folder.rglob("*")):
        if not is_elf(path):
            continue
        try:
            pairs = needed_versions(path)
        except NotElf:
            continue
        versions = {name: glibc_version(name) for _library, name in pairs}
        versions = {name: found for name, found in versions.items() if found is not None}
        if not versions:
            continue
        newest = max(versions.values())
        names = tuple(sorted(name for name, found in versions.items() if found == newest))
        needs.append(GlibcNeed(path.relative_to(folder).as_posix(), newest, names))
    needs.sort(key=lambda need: (tuple(-n for n in need.version), need.path))
    return needs


def over_floor(needs: list[GlibcNeed], floor: tuple[int, int]) -> list[GlibcNeed]:
    return [need for need in needs if need.version > floor]


def floor_problem(needs: list[GlibcNeed], floor: tuple[int, int], shown_limit: int = 12) -> str | None:
    """The sentence that stops a build whose files need a newer glibc than ``floor``, else None."""
    above = over_floor(needs, floor)
    if not above:
        return None
    listed = [f"{need.path} ({', '.join(need.names)})" for need in above[:shown_limit]]
    more = f", and {len(above) - shown_limit} more" if len(above) > shown_limit else ""
    return (
        f"the bundle needs glibc {above[0].shown} but must run on glibc {floor[0]}.{floor[1]}: "
        f"{len(above)} bundled files need more than {floor[0]}.{floor[1]}: {'; '.join(listed)}{more}. "
        "Build on a system whose glibc is that old (installer/README.md, 'Building for UOS 20 and Kylin V10')"
    )


def needed_libraries(path: Path) -> list[str]:
    """The libraries an ELF file names for the loader to find (DT_NEEDED); NotElf for other files."""
    return ElfFile(path.read_bytes()).needed_libraries()


def libraries_from_the_system(folder: Path) -> dict[str, list[str]]:
    """Each library some bundled file needs that the bundle does not hold, with the files needing it."""
    elves = [path for path in sorted(folder.rglob("*")) if is_elf(path)]
    bundled = {path.name for path in folder.rglob("*")}
    wanted: dict[str, list[str]] = {}
    for path in elves:
        try:
            names = needed_libraries(path)
        except NotElf:
            continue
        for name in names:
            if name not in bundled:
                wanted.setdefault(name, []).append(path.relative_to(folder).as_posix())
    return wanted


def missing_libraries(folder: Path) -> dict[str, list[str]]:
    """What the bundle needs from the PC beyond SYSTEM_PACKAGES: libraries missing on the build machine."""
    return {
        name: users
        for name, users in libraries_from_the_system(folder).items()
        if name not in SYSTEM_PACKAGES
    }
