"""Which file system a path lies on, read from mountinfo; only this PC's own disks count as local."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hallmonitor.storage.local_disk import LOCAL_FILE_SYSTEMS, file_system_of, is_local

MOUNTINFO = """\
22 1 253:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
25 22 0:21 / /proc rw,nosuid - proc proc rw
40 22 0:35 / /mnt/大厅共享 rw,relatime - cifs //server/hall rw,vers=3.0
41 22 0:36 / /srv/hall\\040data rw,relatime - nfs4 server:/export rw
42 41 253:1 / /srv/hall\\040data/local rw - xfs /dev/vdb rw
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/supervisor/hall.sqlite3", "ext4"),
        ("/mnt/大厅共享/hall.sqlite3", "cifs"),
        ("/mnt/大厅共享", "cifs"),
        ("/srv/hall data/hall.sqlite3", "nfs4"),
        ("/srv/hall data/local/hall.sqlite3", "xfs"),
        ("/srv/hall datax/hall.sqlite3", "ext4"),
    ],
)
def test_the_deepest_mount_holding_the_path_names_its_file_system(path: str, kind: str) -> None:
    assert file_system_of(path, MOUNTINFO) == kind


def test_network_file_systems_are_not_local() -> None:
    assert not {"cifs", "smb3", "nfs", "nfs4", "fuse.sshfs", "9p"} & LOCAL_FILE_SYSTEMS


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/mountinfo")
def test_this_machines_temporary_folder_is_local_and_proc_is_not(tmp_path: Path) -> None:
    assert is_local(tmp_path / "hall.sqlite3")
    assert not is_local(Path("/proc/self/status"))
