"""The command line's language: ``HALLMONITOR_LANG``, else the one chosen in the app's Settings ▸ 语言.

The app keeps that choice in its QSettings INI file (``ui/language``, see
``hallmonitor.ui.shell.preferences``). The command line reads the same file
with configparser rather than Qt, so that ``--help`` stays instant and a
server without Qt's libraries runs every command: it looks where QSettings
puts the INI format for the user (``HALLMONITOR_SETTINGS_DIR`` when set, then
%APPDATA% on Windows, ``$XDG_CONFIG_HOME`` or ~/.config elsewhere).

argparse's own phrases ("usage:", "error:", "the following arguments are
required") come from gettext, which has no Chinese catalogue for them on an
office PC; ``argparse_speaking`` hands argparse the catalogue's words while the
parser is built and reads the command line.
"""

from __future__ import annotations

import argparse
import configparser
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from hallmonitor.domain.texts import LANGUAGE_ENV, say

SETTINGS_DIR_ENV = "HALLMONITOR_SETTINGS_DIR"
#: QSettings' organisation and application (hallmonitor.ui.shell.preferences).
_FOLDER = "HallMonitor"
_FILE = "HallMonitor.ini"


def settings_file(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> Path:
    """Where QSettings keeps the app's preferences in the INI format, for this user."""
    folder = environ.get(SETTINGS_DIR_ENV)
    if folder:
        base = Path(folder)
    elif platform == "win32":
        base = Path(environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        base = Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / _FOLDER / _FILE


def stored_language(path: Path | None = None) -> str | None:
    """The language chosen in Settings ▸ 语言 ("en", "zh_CN"), or None when none was or the file is unreadable."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read(path or settings_file(), encoding="utf-8")
        value = parser.get("ui", "language", fallback="")
    except (configparser.Error, OSError, UnicodeError):
        return None
    return value.strip().strip('"') or None


def command_line_language() -> str | None:
    """The environment's language, else the stored one; None leaves the catalogue's default (Chinese)."""
    return os.environ.get(LANGUAGE_ENV) or stored_language()


def _argparse_phrases() -> dict[str, str]:
    """argparse's gettext messages, in the user's language with argparse's own %-fields kept."""
    return {
        "usage: ": say("usage: "),
        "positional arguments": say("positional arguments"),
        "options": say("options"),
        "show this help message and exit": say("show this help message and exit"),
        "show program's version number and exit": say("show program's version number and exit"),
        "%(prog)s: error: %(message)s\n": say(
            "{prog}: error: {message}", prog="%(prog)s", message="%(message)s"
        )
        + "\n",
        "the following arguments are required: %s": say(
            "the following arguments are required: {names}", names="%s"
        ),
        "unrecognized arguments: %s": say("unrecognized arguments: {arguments}", arguments="%s"),
        "argument %(argument_name)s: %(message)s": say(
            "argument {name}: {message}", name="%(argument_name)s", message="%(message)s"
        ),
        "invalid choice: %(value)r (choose from %(choices)s)": say(
            "invalid choice: {value} (choose from {choices})", value="%(value)r", choices="%(choices)s"
        ),
        "invalid %(type)s value: %(value)r": say(
            "invalid {type} value: {value}", type="%(type)s", value="%(value)r"
        ),
        "expected one argument": say("expected one argument"),
        "expected at least one argument": say("expected at least one argument"),
        "expected at most one argument": say("expected at most one argument"),
        "ambiguous option: %(option)s could match %(matches)s": say(
            "ambiguous option: {option} could match {matches}", option="%(option)s", matches="%(matches)s"
        ),
        "not allowed with argument %s": say("not allowed with argument {argument}", argument="%s"),
        "one of the arguments %s is required": say(
            "one of the arguments {arguments} is required", arguments="%s"
        ),
        "ignored explicit argument %r": say("ignored explicit argument {argument}", argument="%r"),
    }


@contextmanager
def argparse_speaking() -> Iterator[None]:
    """argparse's phrases in the current language while the block runs (the command line is one thread)."""
    phrases = _argparse_phrases()
    before: Callable[[str], str] = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: phrases.get(text, before(text))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = before  # type: ignore[attr-defined]
