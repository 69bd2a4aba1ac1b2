"""Stripping the bundle's libraries: smaller files that still load, and repaired wheels left alone."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from elf_strip import loads_aligned, repaired_by_auditwheel, strip_binaries

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files are Linux's"),
    pytest.mark.skipif(shutil.which("strip") is None, reason="binutils' strip is not installed"),
]


def sqlalchemy_cython_module() -> Path:
    """An extension module a wheel ships unstripped, as the bundle takes it."""
    import sqlalchemy.util._collections_cy as module

    return Path(module.__file__)


def numpy_openblas() -> Path:
    """numpy's OpenBLAS: vendored by auditwheel, its program headers rewritten by patchelf."""
    import numpy

    libs = Path(numpy.__file__).parent.parent / "numpy.libs"
    found = sorted(libs.glob("libscipy_openblas*.so*")) if libs.is_dir() else []
    if not found:
        pytest.skip("this numpy has no vendored OpenBLAS")
    return found[0]


def test_a_stripped_extension_module_is_smaller_and_still_loads(tmp_path: Path) -> None:
    source = sqlalchemy_cython_module()
    dest = f"sqlalchemy/util/{source.name}"
    toc, saved = strip_binaries([(dest, str(source), "EXTENSION")], tmp_path)
    ((_dest, stripped, _kind),) = toc
    assert Path(stripped) == tmp_path / dest
    assert saved == source.stat().st_size - Path(stripped).stat().st_size > 0
    loaded = ctypes.CDLL(stripped)  # the loader maps it: the check the bundle's start makes
    assert hasattr(loaded, "PyInit__collections_cy")


def test_a_library_a_wheel_repaired_is_left_as_the_wheel_shipped_it(tmp_path: Path) -> None:
    source = numpy_openblas()
    dest = f"numpy.libs/{source.name}"
    assert repaired_by_auditwheel(dest, source)
    toc, saved = strip_binaries([(dest, str(source), "BINARY"), ("data.txt", str(source), "DATA")], tmp_path)
    assert toc == [(dest, str(source), "BINARY"), ("data.txt", str(source), "DATA")] and saved == 0


def test_the_check_finds_the_segments_strip_misplaces_in_a_repaired_library(tmp_path: Path) -> None:
    """What made the loader refuse numpy's OpenBLAS: 'ELF load command address/offset not page-aligned'."""
    source = numpy_openblas()
    copy = tmp_path / source.name
    subprocess.run(["strip", "--strip-unneeded", str(source), "-o", str(copy)], check=True)
    assert loads_aligned(source)
    if loads_aligned(copy):
        pytest.skip("this strip lays the repaired library out correctly")
    with pytest.raises(OSError, match="not page-aligned"):
        ctypes.CDLL(str(copy))


def test_an_extension_module_pointed_at_a_wheels_libs_folder_counts_as_repaired() -> None:
    import numpy._core._multiarray_umath as module

    source = Path(module.__file__)
    assert repaired_by_auditwheel(f"numpy/_core/{source.name}", source)
    assert not repaired_by_auditwheel(
        f"sqlalchemy/util/{sqlalchemy_cython_module().name}", sqlalchemy_cython_module()
    )
