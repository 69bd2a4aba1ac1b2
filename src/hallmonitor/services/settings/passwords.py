"""A shared database's password kept out of the settings file.

The app remembers which database to open in a per-user settings file that
roams with the Windows profile and is readable by anyone who copies it. A
PostgreSQL password therefore goes into a password file in libpq's own format
(host:port:database:user:password, readable by the user alone), and the
remembered address names that file (``passfile=``) instead of holding the
password. libpq reads it when it connects; nothing of ours stores it in clear.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

PASSFILE_NAME = "pgpass.conf"


def _escape(field: str) -> str:
    return field.replace("\\", "\\\\").replace(":", "\\:")


def _key_of(line: str) -> tuple[str, ...]:
    fields, current, escaped = [], "", False
    for char in line:
        if escaped:
            current += char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ":":
            fields.append(current)
            current = ""
        else:
            current += char
    fields.append(current)
    return tuple(fields[:4])


def holds_password(url: str) -> bool:
    """Whether ``url`` is a PostgreSQL address with its password in it."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return False
    return parsed.get_backend_name().startswith("postgresql") and bool(parsed.password)


def password_kept_apart(url: str, folder: Path) -> str:
    """The address to remember for ``url``: without its password, which goes to ``folder``/pgpass.conf.

    Any address without a password (SQLite, or PostgreSQL with another way to
    sign in) comes back unchanged.
    """
    if not holds_password(url):
        return url
    parsed = make_url(url)
    password = str(parsed.password)
    entry = [
        _escape(parsed.host or "localhost"),
        str(parsed.port or 5432),
        _escape(parsed.database or "*"),
        _escape(parsed.username or "*"),
    ]
    path = folder / PASSFILE_NAME
    folder.mkdir(parents=True, exist_ok=True)
    kept = []
    if path.exists():
        wanted = tuple(_key_of(":".join(entry)))
        kept = [line for line in path.read_text(encoding="utf-8").splitlines() if _key_of(line) != wanted]
    kept.append(":".join([*entry, _escape(password)]))
    # Created readable by the user alone before anything is written into it (libpq also insists on it).
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write("\n".join(kept) + "\n")
    os.chmod(path, 0o600)
    query = dict(parsed.query)
    query["passfile"] = str(path)
    # URL.set(password=None) would keep the password: build the address again without it.
    stripped = URL.create(
        parsed.drivername, parsed.username, None, parsed.host, parsed.port, parsed.database, query
    )
    return stripped.render_as_string(hide_password=False)
