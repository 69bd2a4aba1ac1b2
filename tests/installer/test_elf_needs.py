"""The glibc floor and the system libraries, read from real ELF files as build.py reads the bundle."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from elf_needs import (
    SYSTEM_PACKAGES,
    floor_problem,
    glibc_needs,
    libraries_from_the_system,
    missing_libraries,
    needed_libraries,
    needed_versions,
    parse_version,
)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files are Linux's")


def a_real_elf() -> Path:
    """The Python running the tests: an ELF executable that asks glibc for symbol versions."""
    return Path(sys.executable).resolve()


def bundle_with(tmp_path: Path, *files: Path) -> Path:
    folder = tmp_path / "HallMonitor" / "_internal"
    folder.mkdir(parents=True)
    for file in files:
        shutil.copyfile(file, folder / file.name)
    (folder / "README.txt").write_text("not an ELF file", encoding="utf-8")
    return folder.parent


def test_the_floor_is_the_newest_glibc_version_a_bundled_file_needs(tmp_path: Path) -> None:
    bundle = bundle_with(tmp_path, a_real_elf())
    needs = glibc_needs(bundle)
    assert [need.path for need in needs] == [f"_internal/{a_real_elf().name}"]
    names = [name for _library, name in needed_versions(a_real_elf()) if name.startswith("GLIBC_2.")]
    newest = max(tuple(int(n) for n in name[len("GLIBC_") :].split(".")[:2]) for name in names)
    assert needs[0].version == newest
    assert needs[0].shown == f"{newest[0]}.{newest[1]}"


@pytest.mark.skipif(shutil.which("readelf") is None, reason="binutils' readelf is not installed")
def test_the_versions_read_are_those_readelf_lists(tmp_path: Path) -> None:
    out = subprocess.run(
        ["readelf", "--version-info", "--wide", str(a_real_elf())], capture_output=True, text=True, check=True
    ).stdout
    needs_part = out[out.index("Version needs section") :] if "Version needs section" in out else ""
    from_readelf = set(re.findall(r"Name: (GLIBC_[\w.]+)", needs_part))
    assert from_readelf
    assert {
        name for _library, name in needed_versions(a_real_elf()) if name.startswith("GLIBC_")
    } == from_readelf


def test_a_file_without_section_headers_is_read_from_its_dynamic_segment(tmp_path: Path) -> None:
    stripped = tmp_path / "stripped"
    data = bytearray(a_real_elf().read_bytes())
    assert data[4] == 2, "a 64-bit build"
    # e_shoff (offset 40) and e_shnum (offset 60) cleared: as sstrip leaves a file.
    struct.pack_into("<Q", data, 40, 0)
    struct.pack_into("<H", data, 60, 0)
    stripped.write_bytes(bytes(data))
    assert needed_versions(stripped) == needed_versions(a_real_elf())
    assert needed_libraries(stripped) == needed_libraries(a_real_elf())


def test_a_limit_below_the_floor_names_the_file_and_the_version_it_needs(tmp_path: Path) -> None:
    needs = glibc_needs(bundle_with(tmp_path, a_real_elf()))
    floor = needs[0].version
    problem = floor_problem(needs, (2, 0))
    assert problem is not None
    assert f"needs glibc {needs[0].shown} but must run on glibc 2.0" in problem
    assert f"_internal/{a_real_elf().name} (GLIBC_{needs[0].shown}" in problem
    assert "Building for UOS 20 and Kylin V10" in problem
    assert floor_problem(needs, floor) is None


def test_a_mistyped_limit_is_refused_with_an_example() -> None:
    assert parse_version("2.28") == (2, 28)
    with pytest.raises(ValueError, match=r"two numbers such as 2\.28, not '2\.28\.1'"):
        parse_version("2.28.1")


def test_a_library_neither_bundled_nor_on_every_desktop_is_found_missing(tmp_path: Path) -> None:
    pytest.importorskip("PySide6")
    import PySide6

    qtcore = next(Path(PySide6.__file__).parent.glob("QtCore.*so"))
    needed = needed_libraries(qtcore)
    qt_core_library = next(name for name in needed if name.startswith("libQt6Core"))
    alone = bundle_with(tmp_path / "alone", qtcore)
    assert qt_core_library in missing_libraries(alone)
    assert missing_libraries(alone)[qt_core_library] == [f"_internal/{qtcore.name}"]
    # The libraries every desktop has are taken from the PC, never reported missing.
    assert "libc.so.6" in libraries_from_the_system(alone)
    assert "libc.so.6" not in missing_libraries(alone)
    assert SYSTEM_PACKAGES["libc.so.6"] == "libc6"
    # Bundled beside it, the Qt library is no longer looked for on the PC.
    qt_lib = Path(PySide6.__file__).parent / "Qt" / "lib" / qt_core_library
    with_qt = bundle_with(tmp_path / "with", qtcore, qt_lib)
    assert qt_core_library not in libraries_from_the_system(with_qt)
