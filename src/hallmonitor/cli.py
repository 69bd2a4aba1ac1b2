"""The one entry point, ``hallmonitor``: no subcommand opens the desktop app.

Subcommands run headless. Each handler lives in ``hallmonitor.commands`` and is
imported only when its subcommand runs, so ``--version`` and ``--help`` stay
instant. Every failure a user can cause ends in one clear line on stderr and a
non-zero exit, never a traceback; details go to the log file.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from hallmonitor import __version__
from hallmonitor.domain.texts import chosen_language, current_language, mark, say, use_language
from hallmonitor.output import ReaderGone

#: subcommand -> (module in hallmonitor.commands, help text)
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("setup", mark("create the hall in the database")),
    "migrate": ("setup", mark("upgrade the database to this version's schema (once, for a shared database)")),
    "demo": ("setup", mark("create the demo hall in its own file (demo.sqlite3 beside the real one)")),
    "check": ("checking", mark("print a day's staffing verdicts, flags and alerts")),
    "import": (
        "excel",
        mark("import staff, windows, items, roster, cases, complaints, procedures or calendar"),
    ),
    "template": ("excel", mark("write an empty import template")),
    "export": ("excel", mark("write the weekly report for the center")),
    "merge": ("excel", mark("merge several halls' weekly reports into the center's ranking")),
    "alerts": ("alerting", mark("list alerts")),
    "notice": ("alerting", mark("write an alert's printed notice as PDF")),
    "backup": ("backup", mark("back the database up to a file")),
    "restore": ("backup", mark("replace the database's content with a backup (asks for --yes)")),
    "window": ("hall_data", mark("list windows, show a window's history, set a window in or out of service")),
    "staff": ("hall_data", mark("list staff")),
    "item": ("hall_data", mark("list items, show an item's history, put an item in or out of use")),
    "case": ("cases", mark("void a case with a reason, or show its history")),
    "user": ("accounts", mark("the hall's accounts: add, passwd, lock, unlock, list")),
    "audit": ("audit", mark("verify the audit trail's hash chain (needs no account), or read it (auditor)")),
    "key": ("hall_key", mark("the hall key (the ID-number hash key) on this PC: status, enter, show, new")),
}

IMPORT_KINDS = ("staff", "windows", "items", "roster", "cases", "complaints", "procedures", "calendar")
#: The English words ``user add --role`` takes besides the roles' names (hallmonitor.commands.accounts).
ROLE_WORDS = "admin, supervisor, window-lead, viewer, auditor"


def build_parser() -> argparse.ArgumentParser:
    """The parser, its help in the current language (``use_language`` first, inside ``argparse_speaking``)."""
    from hallmonitor.domain.enums import Role, WindowState

    parser = argparse.ArgumentParser(
        prog="hallmonitor", description=say("HallMonitor: without a command, it opens the desktop app.")
    )
    parser.add_argument("--version", action="version", version=f"hallmonitor {__version__}")
    parser.add_argument(
        "--db", metavar="URL", help=say("database URL (default: $HALLMONITOR_DB, else the user data file)")
    )
    parser.add_argument(
        "--hall", metavar="CODE", help=say("the hall to work on, when the database holds several (its code)")
    )
    parser.add_argument(
        "--user",
        metavar="LOGIN",
        help=say("sign in as this account (password from a prompt or $HALLMONITOR_PASSWORD)"),
    )
    parser.add_argument(
        "--smoke", action="store_true", help=say("open the app, wait for the first page's data, exit 0")
    )
    parser.add_argument(
        "--page",
        metavar="KEY",
        help=say("the desktop app opens on this page (board, roster, cases, flags, alerts, charts, ...)"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=say(COMMANDS[name][1]))

    p = command("init")
    p.add_argument("--hall-code", required=True)
    p.add_argument("--hall-name", required=True)
    p.add_argument(
        "--another", action="store_true", help=say("add this hall to a database that already holds one")
    )

    command("migrate")

    p = command("demo")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--today", metavar="YYYY-MM-DD", help=say("the demo's last day (default: today)"))
    p.add_argument("--weeks", type=int, default=6, help=say("weeks of history (default {weeks})", weeks=6))

    p = command("check")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=say("the day to check (default: today)"))

    p = command("import")
    p.add_argument("kind", choices=IMPORT_KINDS)
    p.add_argument("file")
    p.add_argument(
        "--skip-invalid", action="store_true", help=say("write the good rows and list the bad ones")
    )

    p = command("template")
    p.add_argument("kind", choices=IMPORT_KINDS)
    p.add_argument("file")

    p = command("export")
    p.add_argument(
        "--week", required=True, metavar="YYYY-Www", help=say("ISO week, e.g. {week}", week="2026-W19")
    )
    p.add_argument("--out", default=".", metavar="DIR")

    p = command("merge")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--out", required=True, metavar="FILE")

    p = command("alerts")
    p.add_argument("--open", action="store_true", help=say("only open alerts"))
    p.add_argument("--window", metavar="NO")
    p.add_argument(
        "--history", action="store_true", help=say("also what each alert holds and what happened to it")
    )
    p.add_argument(
        "--limit",
        type=int,
        default=0,
        metavar="N",
        help=say("list at most N alerts (default {limit})", limit=200),
    )

    p = command("backup")
    p.add_argument("file")

    p = command("restore")
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help=say("confirm that the database's content is replaced"))

    p = command("notice")
    p.add_argument("alert_id", type=int)
    p.add_argument("--out", required=True, metavar="FILE.pdf")

    p = command("window")
    actions = p.add_subparsers(dest="window_command", metavar="ACTION", required=True)
    states = {"open": WindowState.OPEN.value, "closed": WindowState.OUT_OF_SERVICE.value}
    q = actions.add_parser(
        "set-state", help=say("set a window {open} or {closed} from a day, with a reason", **states)
    )
    q.add_argument("number", metavar="NO")
    q.add_argument("state", metavar="STATE", help=say("{open} or {closed}", **states))
    q.add_argument("--reason", required=True, metavar="TEXT")
    q.add_argument("--from", dest="from_day", metavar="YYYY-MM-DD", help=say("first day (default: today)"))
    q = actions.add_parser("list", help=say("every window"))
    q.add_argument("--search", metavar="TEXT")
    q = actions.add_parser("history", help=say("who changed a window, when and why"))
    q.add_argument("number", metavar="NO")

    p = command("staff")
    actions = p.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    q = actions.add_parser("list", help=say("everyone, those who left included"))
    q.add_argument("--search", metavar="TEXT")

    p = command("item")
    actions = p.add_subparsers(dest="item_command", metavar="ACTION", required=True)
    q = actions.add_parser("list", help=say("every item, those in use first"))
    q.add_argument("--search", metavar="TEXT")
    # The states are the words item set-active takes, as the 大厅资料 page writes them.
    in_use = {"on": "启用", "off": "停用"}
    q = actions.add_parser(
        "set-active",
        help=say("take an item out of use ({off}) or put it in use again ({on}), with a reason", **in_use),
    )
    q.add_argument("code", metavar="CODE")
    q.add_argument("state", metavar="STATE", help=say("{on} or {off}", **in_use))
    q.add_argument("--reason", required=True, metavar="TEXT")
    q = actions.add_parser("history", help=say("who changed an item, when and why"))
    q.add_argument("code", metavar="CODE")

    p = command("case")
    actions = p.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    q = actions.add_parser("void", help=say("void the case: kept with its history, left out of every figure"))
    q.add_argument("case_no", metavar="CASE_NO")
    q.add_argument("--reason", required=True, metavar="TEXT")
    q = actions.add_parser(
        "show", help=say("print the case and its history, corrections with before and after")
    )
    q.add_argument("case_no", metavar="CASE_NO")

    p = command("user")
    actions = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    q = actions.add_parser(
        "add", help=say("create an account (its password from a prompt or $HALLMONITOR_NEW_PASSWORD)")
    )
    q.add_argument("login", metavar="LOGIN")
    q.add_argument("--name", required=True, help=say("the person's name"))
    roles = say(", ").join(r.value for r in Role)
    q.add_argument(
        "--role", required=True, help=say("the role: {roles} (or {words})", roles=roles, words=ROLE_WORDS)
    )
    q.add_argument(
        "--window",
        action="append",
        metavar="NO",
        help=say("a window of a {role} (repeatable)", role=Role.WINDOW_LEAD.value),
    )
    q = actions.add_parser(
        "passwd", help=say("change your own password, or reset an account's (administrator)")
    )
    q.add_argument("login", metavar="LOGIN", nargs="?")
    for name, text in (("lock", say("lock an account until unlocked")), ("unlock", say("unlock an account"))):
        q = actions.add_parser(name, help=text)
        q.add_argument("login", metavar="LOGIN")
        q.add_argument("--reason", metavar="TEXT")
    actions.add_parser("list", help=say("every account, its role and whether it is locked"))

    p = command("audit")
    actions = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    q = actions.add_parser(
        "verify", help=say("recompute every hash from the first entry; exit 1 at the first broken link")
    )
    q.add_argument("--against", metavar="FILE.xlsx", help=say("also check the head a weekly report printed"))
    q = actions.add_parser(
        "log", help=say("the entries, newest first, one a line (auditor: sign in with --user)")
    )
    q.add_argument(
        "--table", metavar="KIND", help=say("one kind: window, staff, item, case, alert, account…")
    )
    q.add_argument("--id", metavar="ID", help=say("one record's entries (its id), with or without --table"))
    q.add_argument("--actor", metavar="LOGIN", help=say("changes made by this person (login or name)"))
    q.add_argument("--since", metavar="YYYY-MM-DD", help=say("from this day on"))
    q.add_argument("--until", metavar="YYYY-MM-DD", help=say("up to and including this day"))
    q.add_argument(
        "--limit",
        type=int,
        default=100,
        metavar="N",
        help=say("at most N entries (default {limit})", limit=100),
    )
    q.add_argument("--before", type=int, metavar="SEQ", help=say("entries older than #SEQ: the next page"))

    p = command("key")
    actions = p.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    actions.add_parser(
        "status", help=say("whether this PC holds the database's key (exit 1 when it does not)")
    )
    actions.add_parser("enter", help=say("keep the key on this PC (from a prompt or $HALLMONITOR_HALL_KEY)"))
    actions.add_parser("show", help=say("print the key this PC holds (administrator)"))
    q = actions.add_parser(
        "new", help=say("start a new key, when the old one is lost or leaked (administrator)")
    )
    q.add_argument(
        "--yes", action="store_true", help=say("confirm: earlier ID numbers no longer match new ones")
    )
    return parser


def _user_errors() -> tuple[type[BaseException], ...]:
    from hallmonitor.commands.common import UsageError
    from hallmonitor.services.hall import ServiceError
    from hallmonitor.storage.database import DatabaseError

    return (UsageError, ServiceError, DatabaseError, FileNotFoundError, PermissionError)


def _database_sentence(args: argparse.Namespace, exc: BaseException) -> str | None:
    """The sentence for an error SQLite raised (locked, read-only, damaged...), naming the file; else None."""
    from hallmonitor.storage.database import DatabaseError, resolve_url
    from hallmonitor.storage.integrity import explain, sqlite_path

    if isinstance(exc, DatabaseError):
        return None  # already a sentence
    return explain(exc, sqlite_path(resolve_url(args.db)))


def run() -> NoReturn:
    """The process's entry (``hallmonitor``, ``python -m hallmonitor``, the executables): main, then exit.

    What the command left alive is frozen out of the cycle collector first: the
    interpreter's last collections would otherwise walk all of it (the mapped
    models, a day's rows) to free memory the process gives back anyway, a fifth
    of a day's check. What is due at exit still happens: atexit's work (log files
    flushed, temporary folders removed) and joining the threads that are not daemons.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    stdout, sys.stdout = sys.stdout, ReaderGone(sys.stdout)  # type: ignore[assignment]
    try:
        return _main(argv)
    finally:
        sys.stdout.flush()
        sys.stdout = stdout


def _main(argv: Sequence[str] | None) -> int:
    from hallmonitor.commands.language import argparse_speaking, command_line_language

    # The environment's language, else the one chosen in the app's Settings ▸ 语言; Chinese by default.
    chosen = command_line_language()
    # Held for the command: a day's check says thousands of lines, each otherwise reading the
    # environment again for a language that cannot change meanwhile.
    before = chosen_language()
    use_language(chosen or current_language())
    try:
        with argparse_speaking():
            args = build_parser().parse_args(argv)
        return _run(args)
    finally:
        use_language(None if chosen else before)


def _run(args: argparse.Namespace) -> int:
    from hallmonitor.logs import setup_logging

    setup_logging()
    if args.command is None:
        from hallmonitor.app import run_app

        return run_app(db_url=args.db, smoke=args.smoke, page=args.page)
    module = importlib.import_module(f"hallmonitor.commands.{COMMANDS[args.command][0]}")
    handler = getattr(module, f"cmd_{args.command}")
    from hallmonitor.storage.contention import retry_when_busy

    try:
        # A command is one whole operation: when another program's lock refuses it, it runs again once.
        return int(retry_when_busy(lambda: handler(args)) or 0)
    except _user_errors() as exc:
        message = _database_sentence(args, exc) or (
            say("{reason}: {path}", reason=exc.strerror, path=exc.filename)
            if isinstance(exc, OSError) and exc.filename
            else str(exc)
        )
        print(f"hallmonitor: {message}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("hallmonitor: " + say("cancelled"), file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: no traceback reaches the user
        logging.getLogger("hallmonitor").exception("unexpected error in %s", args.command)
        sentence = _database_sentence(args, exc)
        if sentence is not None:
            print(f"hallmonitor: {sentence}", file=sys.stderr)
            return 2
        from hallmonitor.logs import log_path

        # Only the kind of error: its text may hold SQL, the parameters written or a cell's content.
        sentence = say(
            "An unexpected error occurred ({kind}) and the operation was not completed; the details are in the log {path}",
            kind=type(exc).__name__,
            path=log_path(),
        )
        print(f"hallmonitor: {sentence}", file=sys.stderr)
        return 1
    finally:
        from hallmonitor.commands.common import close_databases

        close_databases()


if __name__ == "__main__":  # pragma: no cover
    run()
