"""The programs the installed app starts get the environment the user started it with."""

from __future__ import annotations

import os
import sys

import pytest

from hallmonitor.environment import RECORD, user_environment

BUNDLE = os.path.join(os.sep, "opt", "hallmonitor", "_internal")


def bundled(*parts: str) -> str:
    return os.path.join(BUNDLE, *parts)


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """This process as PyInstaller's bootloader starts the installed app."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", BUNDLE, raising=False)
    monkeypatch.delattr(sys, RECORD, raising=False)
    return monkeypatch


def test_run_from_source_nothing_changes() -> None:
    env = {"LD_LIBRARY_PATH": "/x", "QT_PLUGIN_PATH": "/y", "PATH": "/usr/bin"}
    assert user_environment(env) == env


def test_the_users_values_come_back_from_the_bootloader_and_the_record(frozen) -> None:
    frozen.setattr(
        sys,
        RECORD,
        {"PATH": "/usr/bin", "QT_PLUGIN_PATH": "/home/li/qt-plugins", "LANG": "zh_CN.UTF-8"},
        raising=False,
    )
    env = user_environment(
        {
            "PATH": "/usr/bin",
            "LANG": "zh_CN.UTF-8",
            "LD_LIBRARY_PATH": f"{BUNDLE}:/opt/vendor/lib",
            "LD_LIBRARY_PATH_ORIG": "/opt/vendor/lib",
            "QT_PLUGIN_PATH": bundled("PySide6", "Qt", "plugins"),
            "QML2_IMPORT_PATH": bundled("PySide6", "Qt", "qml"),
            "HALLMONITOR_DB": "sqlite:////tmp/x.sqlite3",
        }
    )
    assert env == {
        "PATH": "/usr/bin",
        "LANG": "zh_CN.UTF-8",
        "LD_LIBRARY_PATH": "/opt/vendor/lib",
        "QT_PLUGIN_PATH": "/home/li/qt-plugins",
        "HALLMONITOR_DB": "sqlite:////tmp/x.sqlite3",
    }


def test_without_a_record_the_bundles_entries_are_removed(frozen) -> None:
    env = user_environment(
        {
            "PATH": os.pathsep.join([BUNDLE, "/usr/local/bin", "/usr/bin"]),
            "LD_LIBRARY_PATH": BUNDLE,
            "QT_PLUGIN_PATH": bundled("PySide6", "Qt", "plugins"),
            "QML2_IMPORT_PATH": os.pathsep.join([bundled("PySide6", "Qt", "qml"), "/usr/lib/qml"]),
        }
    )
    assert env == {
        "PATH": os.pathsep.join(["/usr/local/bin", "/usr/bin"]),
        "QML2_IMPORT_PATH": "/usr/lib/qml",
    }


def test_a_folder_that_only_starts_like_the_bundle_is_kept(frozen) -> None:
    env = user_environment({"LD_LIBRARY_PATH": os.pathsep.join([BUNDLE, BUNDLE + "-tools"])})
    assert env == {"LD_LIBRARY_PATH": BUNDLE + "-tools"}


def test_applied_twice_it_is_the_same(frozen) -> None:
    start = {"LD_LIBRARY_PATH": f"{BUNDLE}:/opt/vendor/lib", "LD_LIBRARY_PATH_ORIG": "/opt/vendor/lib"}
    once = user_environment(start)
    assert user_environment(once) == once == {"LD_LIBRARY_PATH": "/opt/vendor/lib"}
