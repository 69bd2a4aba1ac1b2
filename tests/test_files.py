"""Files the user keeps are whole or absent, with their normal permissions, and no part is left behind."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from hallmonitor.files import PART_PREFIX, TEMP_ENV, private_temp, remove_stale_parts, replacing

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="permissions and signals as on POSIX")


def _parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".~"))


@pytest.fixture
def umask_022() -> object:
    before = os.umask(0o022)
    yield
    os.umask(before)


@posix_only
def test_a_written_file_replaces_the_old_one_with_the_users_permissions(tmp_path: Path, umask_022) -> None:
    target = tmp_path / "周报.xlsx"
    target.write_bytes(b"last week")
    with replacing(target) as part:
        assert part.parent == tmp_path and part.name.startswith(PART_PREFIX)
        part.write_bytes(b"this week")
        assert target.read_bytes() == b"last week"  # nobody sees half of the new one
    assert target.read_bytes() == b"this week"
    # As any file the user saves (umask 022), not 0600: a colleague may read the report.
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert _parts(tmp_path) == []


def test_a_failed_write_keeps_the_old_file_and_leaves_no_part(tmp_path: Path) -> None:
    target = tmp_path / "backup.sqlite3"
    target.write_bytes(b"yesterday")
    with pytest.raises(OSError, match="disk full"), replacing(target) as part:
        part.write_bytes(b"half")
        raise OSError(28, "disk full")
    assert target.read_bytes() == b"yesterday"
    assert _parts(tmp_path) == []


@posix_only
def test_a_read_only_folder_is_named_not_a_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who may write anywhere")
        with pytest.raises(PermissionError) as info, replacing(folder / "周报.xlsx"):
            pass
        assert info.value.filename == str(folder)
    finally:
        folder.chmod(0o700)


_WRITER = textwrap.dedent(
    """
    import sys, time
    from hallmonitor.files import replacing
    with replacing(sys.argv[1]) as part:
        part.write_bytes(b"half")
        print(part, flush=True)
        time.sleep(600)
    """
)


def _reap(child: subprocess.Popen[str], *, kill: bool = False) -> None:
    if kill:
        child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.stdout is not None
    child.stdout.close()


def _writer_holding_a_part(target: Path) -> tuple[subprocess.Popen[str], Path]:
    child = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    return child, Path(child.stdout.readline().strip())


@posix_only
def test_the_next_write_removes_the_part_a_killed_one_left_but_not_one_being_written(tmp_path: Path) -> None:
    killed, left = _writer_holding_a_part(tmp_path / "a.pdf")
    _reap(killed, kill=True)
    assert _parts(tmp_path) == [left.name]  # a kill runs no clean-up ...
    running, in_use = _writer_holding_a_part(tmp_path / "b.pdf")
    try:
        assert _parts(tmp_path) == [in_use.name]  # ... the next write into the folder does
        with replacing(tmp_path / "c.pdf") as part:
            part.write_bytes(b"whole")
        assert _parts(tmp_path) == [in_use.name]  # a part still being written is left alone
        assert not (tmp_path / "a.pdf").exists() and (tmp_path / "c.pdf").read_bytes() == b"whole"
    finally:
        _reap(running, kill=True)
    assert remove_stale_parts(tmp_path) == 1
    assert _parts(tmp_path) == []


_TEMP_USER = textwrap.dedent(
    """
    import sys, tempfile, time
    from hallmonitor.files import private_temp
    with private_temp() as folder:
        handle = tempfile.NamedTemporaryFile(prefix="openpyxl.", delete=False)
        handle.write(b"names and masked IDs"); handle.close()
        print(handle.name, flush=True)
        if sys.argv[1] == "hang":
            time.sleep(600)
    """
)


@posix_only
def test_libraries_temporary_files_stay_in_a_private_folder_gone_at_exit_or_at_the_next_start(
    tmp_path: Path,
) -> None:
    private = tmp_path / "private"
    env = {**os.environ, TEMP_ENV: str(private), "TMPDIR": str(tmp_path / "shared")}
    (tmp_path / "shared").mkdir()

    def start(mode: str) -> tuple[subprocess.Popen[str], Path]:
        child = subprocess.Popen(
            [sys.executable, "-c", _TEMP_USER, mode], stdout=subprocess.PIPE, text=True, env=env
        )
        assert child.stdout is not None
        return child, Path(child.stdout.readline().strip())

    finished, written = start("exit")
    _reap(finished)
    assert written.parent.parent == private and not written.parent.exists()  # removed at exit
    killed, left = start("hang")
    _reap(killed, kill=True)
    assert left.exists()  # a kill runs no clean-up ...
    again, _ = start("exit")
    _reap(again)
    assert not left.parent.exists()  # ... the next process to use one does
    assert list((tmp_path / "shared").iterdir()) == []
    assert list(private.iterdir()) == []


def test_the_temporary_folder_is_put_back_after_the_block(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(TEMP_ENV, str(tmp_path))
    before = tempfile.gettempdir()
    with private_temp() as folder:
        assert tempfile.gettempdir() == str(folder)
        assert folder.parent == tmp_path
    assert tempfile.gettempdir() == before
