"""Refresh the Chinese catalogue from the source strings, then compile it into the package.

    python scripts/update_translations.py          # lupdate + lrelease
    python scripts/update_translations.py --check  # exit 1 when a string lacks its Chinese

The .ts is written without source locations and with messages sorted, so
that two people adding strings in different files get small, mergeable diffs.
New strings appear as unfinished: fill them in (Qt Linguist or any editor)
and run the script again to compile the .qm that ships in the package.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "src/hallmonitor/ui", ROOT / "src/hallmonitor/app.py"]
TS_FILE = ROOT / "resources/translations/hallmonitor_zh_CN.ts"
QM_FILE = ROOT / "src/hallmonitor/ui/assets/translations/hallmonitor_zh_CN.qm"


def tool(name: str) -> str:
    """The PySide6 tool next to this interpreter (the venv's), else the one on PATH."""
    here = Path(sys.executable).with_name(name)
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6 (it ships {name}) in this environment")
    return found


def unfinished(ts_file: Path) -> list[str]:
    root = ET.parse(ts_file).getroot()
    missing = []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            empty = translation is None or not "".join(translation.itertext()).strip()
            if empty or (translation is not None and translation.get("type") == "unfinished"):
                missing.append(f"{name}: {message.findtext('source', '')}")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report strings without a translation")
    args = parser.parse_args()
    if not args.check:
        TS_FILE.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                "-extensions",
                "py",
                "-locations",
                "none",
                "-sort-messages",
                "-no-obsolete",
                "-target-language",
                "zh_CN",
                *map(str, SOURCES),
                "-ts",
                str(TS_FILE),
            ],
            check=True,
        )
        QM_FILE.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([tool("pyside6-lrelease"), str(TS_FILE), "-qm", str(QM_FILE)], check=True)
    missing = unfinished(TS_FILE)
    for line in missing:
        print(f"untranslated: {line}")
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
