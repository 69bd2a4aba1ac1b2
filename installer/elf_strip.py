"""Stripping the Linux bundle's shared libraries of what only a linker or a debugger reads.

Python built from source (pyenv) carries debug information, and many wheels ship their
extension modules unstripped (SQLAlchemy's Cython modules alone hold about 8 MiB of symbol
tables): ``strip --strip-unneeded``, as Debian's packaging does, keeps the dynamic symbols the
loader uses and drops the rest, about 11 MiB of the folder.

Two kinds of file are left as they came:

- **libraries a wheel repaired with auditwheel** (those in a ``<package>.libs`` folder, and the
  extension modules whose run path points into one). patchelf has rewritten their program
  headers, and binutils' strip lays such a file out again with load segments whose file offset
  and address no longer agree modulo the page size: the loader then refuses it ("ELF load
  command address/offset not page-aligned"), as numpy's OpenBLAS did;
- **any file whose stripped copy fails the same check** (:func:`loads_aligned`), or that strip
  refuses, or that comes out no smaller.

The bundle's smoke run (installer/smoke.py) then opens the statistics page, which loads numpy
and its OpenBLAS, so a library broken some other way still stops the build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path, PurePath

from elf_needs import DT_STRTAB, PT_LOAD, ElfFile, NotElf

DT_RPATH, DT_RUNPATH = 15, 29


def load_segments(path: Path) -> list[tuple[int, int, int]]:
    """(file offset, virtual address, alignment) of each loadable segment."""
    headers = ElfFile(path.read_bytes()).program_headers()
    return [(offset, vaddr, align) for kind, offset, vaddr, _size, align in headers if kind == PT_LOAD]


def loads_aligned(path: Path) -> bool:
    """Whether the loader can map every segment: offset and address agree modulo its alignment."""
    return all(align <= 1 or (vaddr - offset) % align == 0 for offset, vaddr, align in load_segments(path))


def run_paths(path: Path) -> list[str]:
    """The file's DT_RPATH and DT_RUNPATH entries, e.g. ``$ORIGIN/../../numpy.libs``."""
    elf = ElfFile(path.read_bytes())
    entries = elf.dynamic()
    tables = [value for tag, value in entries if tag == DT_STRTAB]
    if not tables:
        return []
    strings = elf.file_offset(tables[0])
    return [elf.string(strings + value) for tag, value in entries if tag in (DT_RPATH, DT_RUNPATH)]


def repaired_by_auditwheel(dest: str, source: Path) -> bool:
    """A library a wheel vendored (``numpy.libs/…``) or an extension module pointed at one."""
    if any(part.endswith(".libs") for part in PurePath(dest).parts[:-1]):
        return True
    try:
        return any(".libs" in entry for entry in run_paths(source))
    except (NotElf, OSError):
        return True


def stripped_copy(source: Path, target: Path, strip: str) -> Path | None:
    """``target`` holding ``source`` stripped, or None when the copy is unsafe or no smaller."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    done = subprocess.run([strip, "--strip-unneeded", str(target)], check=False, capture_output=True)
    try:
        usable = done.returncode == 0 and loads_aligned(target)
    except (NotElf, OSError):
        usable = False
    if not usable or target.stat().st_size >= source.stat().st_size:
        target.unlink(missing_ok=True)
        return None
    return target


def strip_binaries(
    binaries: list[tuple[str, str, str]], workdir: Path
) -> tuple[list[tuple[str, str, str]], int]:
    """The TOC with each safely strippable library replaced by its stripped copy, and the bytes saved."""
    strip = shutil.which("strip")
    if strip is None:
        return binaries, 0
    result, saved = [], 0
    for dest, src, kind in binaries:
        source = Path(os.path.realpath(src))
        if kind in ("BINARY", "EXTENSION") and not repaired_by_auditwheel(dest, source):
            copy = stripped_copy(source, workdir / dest, strip)
            if copy is not None:
                saved += source.stat().st_size - copy.stat().st_size
                src = str(copy)
        result.append((dest, src, kind))
    return result, saved
