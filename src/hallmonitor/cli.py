"""The one entry point, ``hallmonitor``: no subcommand opens the desktop app.

Subcommands run headless. Each handler lives in ``hallmonitor.commands`` and is
imported only when its subcommand runs, so ``--version`` and ``--help`` stay
instant. Every failure a user can cause ends in one clear line on stderr and a
non-zero exit, never a traceback; details go to the log file.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from hallmonitor import __version__

#: subcommand -> (module in hallmonitor.commands, help text)
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("setup", "create the hall in the database"),
    "migrate": ("setup", "upgrade the database to this version's schema (once, for a shared database)"),
    "demo": ("setup", "create the demo hall in its own file (demo.sqlite3 beside the real one)"),
    "check": ("checking", "print a day's staffing verdicts, flags and alerts"),
    "import": ("excel", "import staff, windows, items, roster, cases, complaints, procedures or calendar"),
    "template": ("excel", "write an empty import template"),
    "export": ("excel", "write the weekly report for the center"),
    "merge": ("excel", "merge several halls' weekly reports into the center's ranking"),
    "alerts": ("alerting", "list alerts"),
    "notice": ("alerting", "write an alert's printed notice as PDF"),
    "backup": ("backup", "back the database up to a file"),
    "restore": ("backup", "replace the database's content with a backup (asks for --yes)"),
    "window": ("hall_data", "list windows, show a window's history, set a window 开放 or 停用"),
    "staff": ("hall_data", "list staff"),
    "item": ("hall_data", "list items, show an item's history, set an item 启用 or 停用"),
    "case": ("cases", "void a case (作废) with a reason, or show its history"),
    "user": ("accounts", "the hall's accounts: add, passwd, lock, unlock, list"),
    "audit": ("audit", "verify the audit trail's hash chain (needs no account), or read it (auditor)"),
    "key": ("hall_key", "the 大厅密钥 (ID-number hash key) on this PC: status, enter, show, new"),
}

IMPORT_KINDS = ("staff", "windows", "items", "roster", "cases", "complaints", "procedures", "calendar")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hallmonitor",
        description="窗口监管台 HallMonitor. Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"hallmonitor {__version__}")
    parser.add_argument(
        "--db", metavar="URL", help="database URL (default: $HALLMONITOR_DB, else the user data file)"
    )
    parser.add_argument(
        "--hall", metavar="CODE", help="the hall to work on, when the database holds several (its code)"
    )
    parser.add_argument(
        "--user",
        metavar="LOGIN",
        help="sign in as this account (password from a prompt or $HALLMONITOR_PASSWORD)",
    )
    parser.add_argument(
        "--smoke", action="store_true", help="open the app, wait for the first page's data, exit 0"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help=COMMANDS["init"][1])
    p.add_argument("--hall-code", required=True)
    p.add_argument("--hall-name", required=True)
    p.add_argument(
        "--another", action="store_true", help="add this hall to a database that already holds one"
    )

    sub.add_parser("migrate", help=COMMANDS["migrate"][1])

    p = sub.add_parser("demo", help=COMMANDS["demo"][1])
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the demo's last day (default: today)")
    p.add_argument("--weeks", type=int, default=6, help="weeks of history (default 6)")

    p = sub.add_parser("check", help=COMMANDS["check"][1])
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day to check (default: today)")

    p = sub.add_parser("import", help=COMMANDS["import"][1])
    p.add_argument("kind", choices=IMPORT_KINDS)
    p.add_argument("file")
    p.add_argument("--skip-invalid", action="store_true", help="write the good rows and list the bad ones")

    p = sub.add_parser("template", help=COMMANDS["template"][1])
    p.add_argument("kind", choices=IMPORT_KINDS)
    p.add_argument("file")

    p = sub.add_parser("export", help=COMMANDS["export"][1])
    p.add_argument("--week", required=True, metavar="YYYY-Www", help="ISO week, e.g. 2026-W19")
    p.add_argument("--out", default=".", metavar="DIR")

    p = sub.add_parser("merge", help=COMMANDS["merge"][1])
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--out", required=True, metavar="FILE")

    p = sub.add_parser("alerts", help=COMMANDS["alerts"][1])
    p.add_argument("--open", action="store_true", help="only open alerts")
    p.add_argument("--window", metavar="NO")
    p.add_argument(
        "--history", action="store_true", help="also what each alert holds and what happened to it"
    )
    p.add_argument("--limit", type=int, default=0, metavar="N", help="list at most N alerts (default 200)")

    p = sub.add_parser("backup", help=COMMANDS["backup"][1])
    p.add_argument("file")

    p = sub.add_parser("restore", help=COMMANDS["restore"][1])
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help="confirm that the database's content is replaced")

    p = sub.add_parser("notice", help=COMMANDS["notice"][1])
    p.add_argument("alert_id", type=int)
    p.add_argument("--out", required=True, metavar="FILE.pdf")

    p = sub.add_parser("window", help=COMMANDS["window"][1])
    actions = p.add_subparsers(dest="window_command", metavar="ACTION", required=True)
    q = actions.add_parser("set-state", help="set a window 开放 or 停用 from a day, with a reason")
    q.add_argument("number", metavar="NO")
    q.add_argument("state", metavar="STATE", help="开放 or 停用")
    q.add_argument("--reason", required=True, metavar="TEXT")
    q.add_argument("--from", dest="from_day", metavar="YYYY-MM-DD", help="first day (default: today)")
    q = actions.add_parser("list", help="every window")
    q.add_argument("--search", metavar="TEXT")
    q = actions.add_parser("history", help="who changed a window, when and why")
    q.add_argument("number", metavar="NO")

    p = sub.add_parser("staff", help=COMMANDS["staff"][1])
    actions = p.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    q = actions.add_parser("list", help="everyone, those who left included")
    q.add_argument("--search", metavar="TEXT")

    p = sub.add_parser("item", help=COMMANDS["item"][1])
    actions = p.add_subparsers(dest="item_command", metavar="ACTION", required=True)
    q = actions.add_parser("list", help="every item, those in use first")
    q.add_argument("--search", metavar="TEXT")
    q = actions.add_parser(
        "set-active", help="deactivate an item (停用) or put it in use again (启用), with a reason"
    )
    q.add_argument("code", metavar="CODE")
    q.add_argument("state", metavar="STATE", help="启用 or 停用")
    q.add_argument("--reason", required=True, metavar="TEXT")
    q = actions.add_parser("history", help="who changed an item, when and why")
    q.add_argument("code", metavar="CODE")

    p = sub.add_parser("case", help=COMMANDS["case"][1])
    actions = p.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    q = actions.add_parser("void", help="void the case: kept with its history, left out of every figure")
    q.add_argument("case_no", metavar="CASE_NO")
    q.add_argument("--reason", required=True, metavar="TEXT")
    q = actions.add_parser("show", help="print the case and its history, corrections with before and after")
    q.add_argument("case_no", metavar="CASE_NO")

    p = sub.add_parser("user", help=COMMANDS["user"][1])
    actions = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    q = actions.add_parser(
        "add", help="create an account (its password from a prompt or $HALLMONITOR_NEW_PASSWORD)"
    )
    q.add_argument("login", metavar="LOGIN")
    q.add_argument("--name", required=True, help="the person's name")
    q.add_argument("--role", required=True, help="管理员, 督查员, 窗口负责人, 中心查看 or 审计员")
    q.add_argument("--window", action="append", metavar="NO", help="a window of a 窗口负责人 (repeatable)")
    q = actions.add_parser("passwd", help="change your own password, or reset an account's (administrator)")
    q.add_argument("login", metavar="LOGIN", nargs="?")
    for name, text in (("lock", "lock an account until unlocked"), ("unlock", "unlock an account")):
        q = actions.add_parser(name, help=text)
        q.add_argument("login", metavar="LOGIN")
        q.add_argument("--reason", metavar="TEXT")
    actions.add_parser("list", help="every account, its role and whether it is locked")

    p = sub.add_parser("audit", help=COMMANDS["audit"][1])
    actions = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    q = actions.add_parser(
        "verify", help="recompute every hash from the first entry; exit 1 at the first broken link"
    )
    q.add_argument("--against", metavar="FILE.xlsx", help="also check the head a weekly report printed")
    q = actions.add_parser("log", help="the entries, newest first, one a line (auditor: sign in with --user)")
    q.add_argument("--table", metavar="KIND", help="one kind: window, staff, item, case, alert, account…")
    q.add_argument("--id", metavar="ID", help="one record's entries (its id), with or without --table")
    q.add_argument("--actor", metavar="LOGIN", help="changes made by this person (login or name)")
    q.add_argument("--since", metavar="YYYY-MM-DD", help="from this day on")
    q.add_argument("--until", metavar="YYYY-MM-DD", help="up to and including this day")
    q.add_argument("--limit", type=int, default=100, metavar="N", help="at most N entries (default 100)")
    q.add_argument("--before", type=int, metavar="SEQ", help="entries older than #SEQ: the next page")

    p = sub.add_parser("key", help=COMMANDS["key"][1])
    actions = p.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    actions.add_parser("status", help="whether this PC holds the database's key (exit 1 when it does not)")
    actions.add_parser("enter", help="keep the key on this PC (from a prompt or $HALLMONITOR_HALL_KEY)")
    actions.add_parser("show", help="print the key this PC holds (administrator)")
    q = actions.add_parser("new", help="start a new key, when the old one is lost or leaked (administrator)")
    q.add_argument("--yes", action="store_true", help="confirm: earlier ID numbers no longer match new ones")
    return parser


def _user_errors() -> tuple[type[BaseException], ...]:
    from hallmonitor.commands.common import UsageError
    from hallmonitor.services.hall import ServiceError
    from hallmonitor.storage.database import DatabaseError

    return (UsageError, ServiceError, DatabaseError, FileNotFoundError, PermissionError)


class _ReaderGone:
    """Standard output that drops what is written once its reader has gone (``| head -1``).

    A command must finish its work whoever stops reading: a write to a closed
    pipe is not an error that may cut an import or the demo short, it only
    means nobody wants the rest of the output.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except BrokenPipeError:
            self._discard()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._discard()

    def _discard(self) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, self._stream.fileno())
        finally:
            os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _database_sentence(args: argparse.Namespace, exc: BaseException) -> str | None:
    """The sentence for an error SQLite raised (locked, read-only, damaged...), naming the file; else None."""
    from hallmonitor.storage.database import DatabaseError, resolve_url
    from hallmonitor.storage.integrity import explain, sqlite_path

    if isinstance(exc, DatabaseError):
        return None  # already a sentence
    return explain(exc, sqlite_path(resolve_url(args.db)))


def main(argv: Sequence[str] | None = None) -> int:
    stdout, sys.stdout = sys.stdout, _ReaderGone(sys.stdout)  # type: ignore[assignment]
    try:
        return _main(argv)
    finally:
        sys.stdout.flush()
        sys.stdout = stdout


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from hallmonitor.logs import setup_logging

    setup_logging()
    if args.command is None:
        from hallmonitor.app import run_app

        return run_app(db_url=args.db, smoke=args.smoke)
    module = importlib.import_module(f"hallmonitor.commands.{COMMANDS[args.command][0]}")
    handler = getattr(module, f"cmd_{args.command}")
    from hallmonitor.storage.contention import retry_when_busy

    try:
        # A command is one whole operation: when another program's lock refuses it, it runs again once.
        return int(retry_when_busy(lambda: handler(args)) or 0)
    except _user_errors() as exc:
        message = _database_sentence(args, exc) or (
            exc.strerror + f"：{exc.filename}" if isinstance(exc, OSError) and exc.filename else str(exc)
        )
        print(f"hallmonitor: {message}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("hallmonitor: 已取消", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: no traceback reaches the user
        logging.getLogger("hallmonitor").exception("unexpected error in %s", args.command)
        sentence = _database_sentence(args, exc)
        if sentence is not None:
            print(f"hallmonitor: {sentence}", file=sys.stderr)
            return 2
        from hallmonitor.logs import log_path

        # Only the kind of error: its text may hold SQL, the parameters written or a cell's content.
        print(
            f"hallmonitor: 出现意外错误（{type(exc).__name__}），操作未完成；详情已写入日志 {log_path()}",
            file=sys.stderr,
        )
        return 1
    finally:
        from hallmonitor.commands.common import close_databases

        close_databases()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
