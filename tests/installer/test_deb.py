"""The .deb's version keeps Python's order, so apt upgrades a release candidate to the release."""

from __future__ import annotations

import itertools
import shutil
import subprocess

import pytest
from linux_package import deb_version


@pytest.mark.skipif(shutil.which("dpkg") is None, reason="dpkg is not installed")
def test_a_release_candidate_deb_upgrades_to_the_release_and_the_release_to_a_post_release() -> None:
    order = [deb_version(v) for v in ("0.2.0.dev1", "0.2.0rc1", "0.2.0", "0.2.0.post1", "0.2.1")]
    assert order == ["0.2.0~dev1", "0.2.0~rc1", "0.2.0", "0.2.0+post1", "0.2.1"]
    for older, newer in itertools.pairwise(order):
        assert subprocess.run(["dpkg", "--compare-versions", older, "lt", newer], check=False).returncode == 0
