"""The one catalogue: every message has its Chinese, with the same placeholders as its source."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from scripts.update_translations import (
    MESSAGE_CATALOGUE,
    MESSAGE_CONTEXT,
    TS_FILE,
    message_catalogue,
    message_sources,
    message_translations,
    write_messages,
)

from hallmonitor.domain.texts import placeholders

#: Qt's numbered markers (%1, %n) and Python's named fields, as a translation must keep them.
_QT_MARKERS = re.compile(r"%(?:\d+|n)")


def _markers(text: str) -> tuple[frozenset[str], list[str]]:
    try:
        named = placeholders(text)
    except ValueError:  # a lone brace in a Qt string that is not formatted
        named = frozenset()
    return named, sorted(_QT_MARKERS.findall(text))


def _messages() -> list[tuple[str, str, str]]:
    found = []
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "".join(translation.itertext()) if translation is not None else ""
            found.append((name, message.findtext("source", ""), text))
    return found


def test_every_message_made_below_the_interface_has_its_chinese():
    chinese = message_catalogue(TS_FILE)
    missing = [source for source in message_sources() if source not in chinese]
    assert missing == [], "run scripts/update_translations.py and translate these"


def test_the_shipped_catalogue_is_the_one_compiled_from_the_ts_file():
    import json

    assert json.loads(MESSAGE_CATALOGUE.read_text(encoding="utf-8")) == message_catalogue(TS_FILE)


def test_no_translation_drops_adds_or_renames_a_placeholder():
    wrong = [
        f"{context}: {source!r} -> {text!r}"
        for context, source, text in _messages()
        if text and _markers(source) != _markers(text)
    ]
    assert wrong == []


def test_the_messages_context_goes_back_into_the_file_in_lupdates_layout(tmp_path: Path):
    ts = tmp_path / "x.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">\n'
        "<context>\n    <name>Alpha</name>\n    <message>\n        <source>A</source>\n"
        "        <translation>甲</translation>\n    </message>\n</context>\n"
        "<context>\n    <name>Zulu</name>\n    <message>\n        <source>Z</source>\n"
        "        <translation>乙</translation>\n    </message>\n</context>\n</TS>\n",
        encoding="utf-8",
    )
    before = ts.read_text(encoding="utf-8")
    write_messages(ts, ["Row {row}: it's <wrong>", "New"], {"Row {row}: it's <wrong>": "第 {row} 行"})
    text = ts.read_text(encoding="utf-8")
    names = [c.findtext("name") for c in ET.parse(ts).getroot().iter("context")]
    assert names == ["Alpha", MESSAGE_CONTEXT, "Zulu"]
    assert "<source>Row {row}: it&apos;s &lt;wrong&gt;</source>" in text
    assert '<source>New</source>\n        <translation type="unfinished"></translation>' in text
    write_messages(ts, [], {})
    assert ts.read_text(encoding="utf-8") == before


def test_every_string_of_the_interface_has_its_chinese_in_the_committed_catalogue(tmp_path: Path):
    """lupdate run over today's sources into a copy finds nothing new and nothing unfinished.

    Catches a catalogue written from an older copy, which drops strings other changes added.
    """
    import shutil
    import subprocess

    from scripts.update_translations import SOURCES, tool, unfinished

    copy = tmp_path / "copy.ts"
    shutil.copy(TS_FILE, copy)
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
            str(copy),
        ],
        check=True,
        capture_output=True,
    )
    missing = [line for line in unfinished(copy) if not line.startswith(f"{MESSAGE_CONTEXT}:")]
    assert missing == [], "run scripts/update_translations.py and translate these"
    # Nor does it differ in anything else: a comment lupdate takes for a translator's note, a string
    # no source says any more. Otherwise the next person to run the script commits someone else's diff.
    write_messages(copy, message_sources(), message_translations(TS_FILE))
    assert copy.read_text(encoding="utf-8") == TS_FILE.read_text(encoding="utf-8"), (
        "the committed catalogue is not what scripts/update_translations.py writes: run it and commit the result"
    )
