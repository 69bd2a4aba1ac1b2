"""Refresh the Chinese catalogue from the source strings, then compile it into the package.

    python scripts/update_translations.py          # lupdate + lrelease
    python scripts/update_translations.py --check  # exit 1 when a string lacks its Chinese

The .ts is written without source locations and with messages sorted, so
that two people adding strings in different files get small, mergeable diffs.
New strings appear as unfinished: fill them in (Qt Linguist or any editor)
and run the script again to compile the .qm that ships in the package.

The same file holds the messages made below the interface (``say("…")`` and
``mark("…")`` in the rules, services, reports and commands, see
``hallmonitor.domain.texts``) in the context ``Messages``: lupdate does not know
those calls, so this script finds them itself, puts them back after lupdate has
run, and compiles their Chinese into the JSON catalogue the package reads without Qt.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "src/hallmonitor/ui", ROOT / "src/hallmonitor/app.py"]
TS_FILE = ROOT / "resources/translations/hallmonitor_zh_CN.ts"
QM_FILE = ROOT / "src/hallmonitor/ui/assets/translations/hallmonitor_zh_CN.qm"
#: Where ``say``/``mark`` messages are looked for: everything but the interface (which uses tr()).
MESSAGE_SOURCES = ROOT / "src/hallmonitor"
MESSAGE_SKIP = ("ui", "storage/migrations")
MESSAGE_CONTEXT = "Messages"
MESSAGE_CATALOGUE = ROOT / "src/hallmonitor/domain/texts_zh_CN.json"
MESSAGE_FUNCTIONS = {"say", "mark"}


def message_sources(root: Path = MESSAGE_SOURCES) -> list[str]:
    """Every literal first argument of a ``say(...)`` or ``mark(...)`` call, in file order."""
    found: dict[str, None] = {}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if any(relative == skip or relative.startswith(skip + "/") for skip in MESSAGE_SKIP):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            first = node.args[0]
            if name in MESSAGE_FUNCTIONS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, None)
    return list(found)


def message_translations(ts_file: Path) -> dict[str, str]:
    """The ``Messages`` context's finished translations, before lupdate drops them."""
    if not ts_file.exists():
        return {}
    kept = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        if context.findtext("name", "") != MESSAGE_CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "".join(translation.itertext()) if translation is not None else ""
            if text.strip() and translation.get("type") not in ("unfinished", "obsolete", "vanished"):
                kept[message.findtext("source", "")] = text
    return kept


def _escape(text: str) -> str:
    """XML text the way lupdate writes it, so the file's diffs stay small."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&apos;")
        .replace('"', "&quot;")
    )


def write_messages(ts_file: Path, sources: list[str], known: dict[str, str]) -> None:
    """Put the ``Messages`` context back into the .ts where lupdate would sort it, new sources unfinished.

    Written as text in lupdate's own layout (not through ElementTree), so that the
    interface's part of the file stays byte for byte as lupdate left it.
    """
    text = ts_file.read_text(encoding="utf-8")
    text = re.sub(
        r"<context>\n    <name>" + MESSAGE_CONTEXT + r"</name>\n.*?</context>\n", "", text, flags=re.S
    )
    if not sources:
        ts_file.write_text(text, encoding="utf-8")
        return
    lines = ["<context>", f"    <name>{MESSAGE_CONTEXT}</name>"]
    for source in sorted(sources):
        lines += ["    <message>", f"        <source>{_escape(source)}</source>"]
        if source in known:
            lines.append(f"        <translation>{_escape(known[source])}</translation>")
        else:
            lines.append('        <translation type="unfinished"></translation>')
        lines.append("    </message>")
    block = "\n".join([*lines, "</context>"]) + "\n"
    names = [(m.start(), m.group(1)) for m in re.finditer(r"<context>\n    <name>(.*?)</name>", text)]
    at = next((pos for pos, name in names if name > MESSAGE_CONTEXT), text.rindex("</TS>"))
    ts_file.write_text(text[:at] + block + text[at:], encoding="utf-8")


def message_catalogue(ts_file: Path) -> dict[str, str]:
    """What ``texts_zh_CN.json`` holds: each message's finished Chinese."""
    return dict(sorted(message_translations(ts_file).items()))


def stale_messages(ts_file: Path) -> list[str]:
    """Problems --check reports: sources not in the .ts, a catalogue out of date."""
    problems = []
    in_ts = set()
    for context in ET.parse(ts_file).getroot().iter("context"):
        if context.findtext("name", "") == MESSAGE_CONTEXT:
            in_ts = {m.findtext("source", "") for m in context.iter("message")}
    for source in message_sources():
        if source not in in_ts:
            problems.append(f"not in the catalogue (run this script): {source}")
    current = json.loads(MESSAGE_CATALOGUE.read_text(encoding="utf-8")) if MESSAGE_CATALOGUE.exists() else {}
    if current != message_catalogue(ts_file):
        problems.append(f"{MESSAGE_CATALOGUE.name} is out of date (run this script)")
    return problems


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
        known = message_translations(TS_FILE)
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
        write_messages(TS_FILE, message_sources(), known)
        MESSAGE_CATALOGUE.write_text(
            json.dumps(message_catalogue(TS_FILE), ensure_ascii=False, indent=0, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        QM_FILE.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([tool("pyside6-lrelease"), str(TS_FILE), "-qm", str(QM_FILE)], check=True)
    missing = unfinished(TS_FILE) + stale_messages(TS_FILE)
    for line in missing:
        print(f"untranslated: {line}")
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
