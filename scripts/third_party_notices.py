"""Write the third-party notices the app ships and shows in Help ▸ About, from what is installed.

    python scripts/third_party_notices.py          # rewrite src/hallmonitor/ui/assets/licences
    python scripts/third_party_notices.py --check  # exit 1 when an installed dependency is not listed

Every library the app runs on (the dependency tree of ``hallmonitor`` as installed
in this environment, extras left out) gets an entry in ``licences/index.json`` and
its licence files, copied from its metadata, in ``licences/texts/``; the libraries
a wheel carries inside it (psycopg's libpq and OpenSSL, numpy's OpenBLAS) are named
from the wheel's SBOM. Qt, PySide6 and Shiboken6 (LGPL-3.0, with the GPL-3.0 it
builds on), Python, the shipped font and the one library whose wheel has no licence
file point to texts kept by hand in ``licences/`` and ``fonts/``.

The installer's spec (installer/hallmonitor.spec) writes the same folder again
from the build environment, so an installed app lists the versions it carries.
Run this after changing a dependency; a test fails while one is missing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "src" / "hallmonitor" / "ui" / "assets"
LICENCES = "licences"
APP = "hallmonitor"

QT_TEXTS = [f"{LICENCES}/Qt.txt", f"{LICENCES}/LGPL-3.0.txt", f"{LICENCES}/GPL-3.0.txt"]
#: Entries that do not come from a distribution's metadata (their texts are kept by hand).
FIXED = [
    {
        "name": "WenQuanYi Micro Hei",
        "version": "0.2.0-beta",
        "licence": "Apache-2.0",
        "home": "http://wenq.org/",
        "files": ["fonts/LICENSE-wqy-microhei.txt"],
    },
]
#: Distributions shown under another name, or with texts kept by hand instead of their metadata's.
SHOWN_AS = {"pyside6-essentials": "PySide6", "pyside6": "PySide6", "shiboken6": "Shiboken6"}
HAND_KEPT = {
    "pyside6-essentials": QT_TEXTS,
    "pyside6": QT_TEXTS,
    "shiboken6": QT_TEXTS,
    "chinesecalendar": [f"{LICENCES}/chinesecalendar-LICENSE.txt"],
}
#: The licence PySide6 and Shiboken6 are used under (their metadata offers a choice).
QT_LICENCE = "LGPL-3.0-only"
LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)
#: A metadata "License" field that names a licence (not "Dual License" or a paragraph).
KNOWN_LICENCE = re.compile(r"MIT|BSD|Apache|GPL|PSF|MPL|ISC|CC0|Zlib")


def key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = APP) -> list[metadata.Distribution]:
    """``root``'s installed dependency tree without extras, ``root`` itself left out, by name."""
    found: dict[str, metadata.Distribution] = {}
    environment = {k: str(v) for k, v in default_environment().items()}

    def walk(name: str, extras: frozenset[str]) -> None:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return
        name_key = key(dist.metadata["Name"])
        if name_key in found and not extras:
            return
        found[name_key] = dist
        for line in dist.requires or []:
            requirement = Requirement(line)
            wanted = requirement.marker is None or any(
                requirement.marker.evaluate({**environment, "extra": extra}) for extra in ("", *extras)
            )
            if wanted:
                walk(requirement.name, frozenset(requirement.extras))

    walk(root, frozenset())
    found.pop(key(root), None)
    return [found[k] for k in sorted(found)]


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return str(expression)
    text = str(meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 60 and KNOWN_LICENCE.search(text):
        return text
    classified = [
        c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    return ", ".join(classified) or "see the licence text"


def _home(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    if meta.get("Home-page"):
        return str(meta["Home-page"])
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository", "documentation"):
            return url.strip()
    return ""


def _licence_files(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(file name, text) of the licence files in the distribution's metadata folder."""
    named = list(dist.metadata.get_all("License-File") or [])
    texts = []
    for name in named:
        text = dist.read_text(f"licenses/{name}") or dist.read_text(name)
        if text:
            texts.append((name, text))
    if texts:
        return texts
    for file in dist.files or []:
        parts = file.parts
        if parts and parts[0].endswith(".dist-info") and LICENCE_FILE.search(file.name):
            text = file.read_text(encoding="utf-8")
            texts.append((file.name, text))
    return texts


def _bundled_libraries(dist: metadata.Distribution) -> list[str]:
    """The native libraries a wheel carries inside it: its ``*.libs`` folder, and what its SBOM names."""
    names = [
        file.name for file in dist.files or [] if len(file.parts) == 2 and file.parts[0].endswith(".libs")
    ]
    for file in dist.files or []:
        if "sboms" in file.parts and file.name.endswith(".json"):
            try:
                sbom = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            own = key(dist.metadata["Name"])
            for component in sbom.get("components", []):
                if key(str(component.get("name", ""))) != own:
                    names.append(f"{component.get('name')} {component.get('version', '')}".strip())
    return sorted(set(names))


def _python_licence() -> str:
    for folder in (Path(sysconfig.get_paths()["stdlib"]), Path(sys.base_prefix)):
        path = folder / "LICENSE.txt"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return "Python is distributed under the Python Software Foundation License Version 2.\n"


def _text_of(dist: metadata.Distribution, name: str, version: str, licence: str, home: str) -> str:
    lines = [f"{name} {version}", f"Licence: {licence}"]
    if home:
        lines.append(home)
    body = "\n".join(lines) + "\n"
    bundled = _bundled_libraries(dist)
    if bundled:
        body += "\nThis wheel carries these libraries inside it, each under its own licence:\n" + "".join(
            f"  {lib}\n" for lib in bundled
        )
    for file_name, text in _licence_files(dist):
        body += f"\n{'=' * 78}\n{file_name}\n{'=' * 78}\n\n{text.rstrip()}\n"
    return body


def notices(assets: Path = ASSETS) -> tuple[list[dict[str, object]], dict[str, str]]:
    """The index's entries and the generated texts (path under ``assets`` → text)."""
    texts: dict[str, str] = {}
    entries: list[dict[str, object]] = []
    qt_version = ""
    for dist in runtime_distributions():
        name_key = key(dist.metadata["Name"])
        name = SHOWN_AS.get(name_key, str(dist.metadata["Name"]))
        version, licence, home = dist.version, _licence(dist), _home(dist)
        if name_key in ("pyside6-essentials", "pyside6"):
            qt_version = version
        if name_key in HAND_KEPT:
            files = HAND_KEPT[name_key]
            licence = QT_LICENCE if files == QT_TEXTS else licence
        else:
            path = f"{LICENCES}/texts/{name_key}.txt"
            texts[path] = _text_of(dist, name, version, licence, home)
            files = [path]
        entries.append({"name": name, "version": version, "licence": licence, "home": home, "files": files})
    if qt_version:
        entries.append(
            {
                "name": "Qt",
                "version": qt_version,
                "licence": QT_LICENCE,
                "home": "https://www.qt.io/",
                "files": QT_TEXTS,
            }
        )
    python = f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    texts[f"{LICENCES}/texts/python.txt"] = (
        f"Python {python}\nLicence: PSF-2.0\nhttps://www.python.org/\n\n{_python_licence()}"
    )
    entries.append(
        {
            "name": "Python",
            "version": python,
            "licence": "PSF-2.0",
            "home": "https://www.python.org/",
            "files": [f"{LICENCES}/texts/python.txt"],
        }
    )
    entries += FIXED
    entries.sort(key=lambda e: str(e["name"]).lower())
    missing = [f for e in entries for f in e["files"] if f not in texts and not (assets / f).is_file()]  # type: ignore[attr-defined]
    if missing:
        raise SystemExit(f"licence texts missing: {', '.join(missing)}")
    return entries, texts


def write_notices(out: Path = ASSETS / LICENCES, assets: Path = ASSETS) -> list[Path]:
    """Write index.json and the generated texts into ``out`` (a copy of ``assets``/licences); returns them."""
    entries, texts = notices(assets)
    written = []
    generated = out / "texts"
    generated.mkdir(parents=True, exist_ok=True)
    for old in generated.glob("*.txt"):
        if f"{LICENCES}/texts/{old.name}" not in texts:
            old.unlink()
    for path, text in texts.items():
        target = out / Path(path).relative_to(LICENCES)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    index = out / "index.json"
    index.write_text(
        json.dumps({"components": entries}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    written.append(index)
    return written


def unlisted(index: Path = ASSETS / LICENCES / "index.json") -> list[str]:
    """Installed dependencies the shipped index does not name."""
    listed = {key(str(e["name"])) for e in json.loads(index.read_text(encoding="utf-8"))["components"]}
    wanted = {key(SHOWN_AS.get(key(d.metadata["Name"]), d.metadata["Name"])) for d in runtime_distributions()}
    return sorted(wanted - listed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that every dependency is listed")
    args = parser.parse_args()
    if args.check:
        missing = unlisted()
        if missing:
            print(f"not in the third-party notices: {', '.join(missing)}; run scripts/third_party_notices.py")
            return 1
        return 0
    for path in write_notices():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
