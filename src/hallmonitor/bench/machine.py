"""The machine a table came from: a figure means little without the PC it was measured on."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from importlib import metadata
from pathlib import Path


def _first(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
            name, _, value = line.partition(":")
            if name.strip() == key:
                return value.strip()
    except OSError:
        pass
    return ""


def _memory_gb() -> float:
    kib = _first("/proc/meminfo", "MemTotal").removesuffix("kB").strip()
    if kib.isdigit():
        return int(kib) / 1024 / 1024
    if sys.platform == "win32":
        import ctypes

        class Status(ctypes.Structure):
            _fields_ = [("length", ctypes.c_ulong), ("load", ctypes.c_ulong)] + [
                (name, ctypes.c_ulonglong)
                for name in (
                    "total",
                    "free",
                    "page_total",
                    "page_free",
                    "virtual_total",
                    "virtual_free",
                    "ext",
                )
            ]

        status = Status()
        status.length = ctypes.sizeof(Status)
        if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):  # type: ignore[attr-defined]
            return status.total / 1024**3
    return 0.0


def _os_name() -> str:
    pretty = ""
    try:
        for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                pretty = line.partition("=")[2].strip().strip('"')
    except OSError:
        pass
    kernel = f"{platform.system()} {platform.release()}"
    return f"{pretty} ({kernel})" if pretty else platform.platform()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def describe() -> dict[str, str | int | float]:
    return {
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        "cores": os.cpu_count() or 0,
        "ram_gb": round(_memory_gb(), 1),
        "os": _os_name(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": _version("SQLAlchemy"),
        "pyside6": _version("PySide6-Essentials") or _version("PySide6"),
    }


def sentence(machine: dict[str, str | int | float]) -> str:
    return (
        f"{machine['cpu']}, {machine['cores']} cores, {machine['ram_gb']} GB RAM; {machine['os']}; "
        f"Python {machine['python']}, SQLite {machine['sqlite']}, SQLAlchemy {machine['sqlalchemy']}, "
        f"PySide6 {machine['pyside6']}"
    )
