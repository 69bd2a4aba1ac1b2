"""The desktop application's one composition root.

Start-up order, and why:

1. PySide6's scan of every later import's source switched off (``skip_pyside_source_scan``),
   then logging — everything after this can fail, and the details must land in the log file;
2. QApplication — nothing Qt works before it;
3. translations — our zh_CN .qm (or English with HALLMONITOR_LANG=en / the stored
   preference) plus Qt's own qtbase_zh_CN so standard buttons read 确定/取消;
   installed before any widget exists, since widgets translate when built;
4. an explicit Simplified Chinese font — Qt's fallback may pick a Japanese CJK
   variant, whose glyphs for the same characters look wrong to a Chinese reader;
   the font the app ships (WenQuanYi Micro Hei) is added to Qt's font list
   first, so a PC without any Chinese font shows Chinese too, but a PC's own
   Microsoft YaHei or Noto Sans CJK is preferred to it; then the app's icon;
5. the uncaught-error hook — from here on an error is a dialog with a sentence;
6. the start window — Qt alone, where the main window will be, so something is
   on screen while SQLAlchemy, the models and the services load: nothing above
   this point imports them (``hallmonitor.ui.shell`` loads its names when asked);
7. the database — opened (and upgraded) in a background operation while the
   start window paints; the schema check reads the stored revision and imports
   Alembic only when an upgrade is due. When it cannot be opened, a dialog says
   so plainly and offers the demo hall or quitting; when it holds no hall, the
   first-start wizard sets one up (or connects to a shared database, or opens the
   demo hall in its own file); when it holds several, the user picks one;
   Before that, the database is claimed for this copy (a lock file and a local
   socket): a second start on it brings the first window forward and quits;
   a hall with accounts asks who is there (the sign-in dialog; the screen locks
   again after the hall's idle time), one without opens under the OS login;
   a PC without the database's 大厅密钥 is asked for it once the window shows;
8. HallContext → UiEnv (runner, change bus, clock) → MainWindow → show, in the
   start window's place; the first page reads its data in the background;
   leaving the demo hall closes its window and starts again from 6 on the real
   database;
9. the opening's rules run — once the first page has painted, so it does not
   slow that painting down (``--smoke`` quits then, and never waits for it).
   ``--smoke`` writes nothing: no rules run, no change feed read (its start trims
   the feed), no backup, no preferences.

Heavy modules (pyqtgraph, openpyxl) are imported by the pages that need them,
when first shown, so the window appears quickly.

This module is longer than most on purpose: the whole start-up order stays
readable in one place, as the one composition root.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from hallmonitor.domain.texts import say
from hallmonitor.logs import setup_logging
from hallmonitor.ui.shell import (
    ErrorHook,
    app_icon,
    apply_chinese_font,
    chinese_font_family,
    install_translations,
    register_shipped_font,
    skip_pyside_source_scan,
)

log = logging.getLogger("hallmonitor.app")

# What tests and the screenshot script set up the way the app does.
__all__ = [
    "ErrorHook",
    "app_icon",
    "apply_chinese_font",
    "chinese_font_family",
    "install_translations",
    "register_shipped_font",
    "run_app",
]

SMOKE_TIMEOUT_MS = 60_000
# The opening's rules run starts by then even when the first page has not painted.
FIRST_RUN_LATEST_MS = 10_000


def _ask_demo(parent: Any, sentence: str) -> bool:
    """The database cannot be opened at all: offer the demo hall (its own file) or quitting."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("App", "HallMonitor"))
    box.setText(sentence)
    box.setInformativeText(
        QCoreApplication.translate(
            "App",
            "You can open a demo hall to look around (it is kept in a separate file), or quit and set up your hall.",
        )
    )
    demo = box.addButton(
        QCoreApplication.translate("App", "Open the demo hall"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QCoreApplication.translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is demo


def _build_demo_database(runner: Any, real_url: str | None = None) -> Any:
    """Create (or reuse) the demo hall in its own file, demo.sqlite3 beside the real database."""
    from hallmonitor.services.hall import hall_context
    from hallmonitor.storage.database import demo_database_url, open_database
    from hallmonitor.ui.shell import run_and_wait

    url = demo_database_url(real_url)

    def work(_progress: Any) -> Any:
        from hallmonitor.demo import ensure_demo

        db = open_database(url)
        # Built and judged in one go; one a killed start left unjudged is finished first.
        ensure_demo(db, seed=2026, today=date.today())
        return hall_context(db)

    return run_and_wait(
        None, runner, "demo hall", work, QCoreApplication.translate("App", "Creating the demo hall…")
    )


def chosen_database_url(db_url: str | None) -> str | None:
    """``--db``, else $HALLMONITOR_DB, else the database chosen in Settings, else None (the user file)."""
    import os

    from hallmonitor.storage.location import ENV_VAR
    from hallmonitor.ui.shell import saved_database_url

    if db_url or os.environ.get(ENV_VAR):
        return db_url
    return saved_database_url()


@dataclass
class Start:
    """What the window opens on: the hall, whether it is the demo, and the page to show first."""

    ctx: Any
    demo: bool = False
    page: str | None = None


def _is_demo(ctx: Any) -> bool:
    from hallmonitor.demo import HALL_CODE

    return bool(ctx.hall_code == HALL_CODE)


def _remember_database(url: str) -> str:
    """Remember ``url`` for the next starts; returns it as remembered (a password kept apart)."""
    from hallmonitor.ui.shell import save_database_url

    return save_database_url(url)


@dataclass
class Opened:
    """What the background open found: the database and its halls, or the sentence why it cannot be opened."""

    url: str
    db: Any = None
    halls: list[Any] = field(default_factory=list)
    # The only hall's context, made in the same background operation.
    ctx: Any = None
    sentence: str | None = None


def _open_database(db_url: str | None) -> Opened:
    """Off the UI thread: SQLAlchemy, the models and the services load here, while the start window paints."""
    from hallmonitor.services.hall import hall_context, list_halls
    from hallmonitor.storage.database import DatabaseError, open_database, resolve_url
    from hallmonitor.storage.integrity import explain, sqlite_path

    url = resolve_url(db_url)
    try:
        db = open_database(url)
        halls = list_halls(db)
    except Exception as exc:
        # A sentence, never SQLite's text: opened, the file may still fail to be read (damaged pages).
        sentence = str(exc) if isinstance(exc, DatabaseError) else explain(exc, sqlite_path(url))
        if sentence is None:
            raise
        return Opened(url, sentence=sentence)
    ctx = hall_context(db, code=halls[0].code) if len(halls) == 1 else None
    from hallmonitor.ui.shell import set_aside_live_objects

    # The database layer, the models and the services live as long as the app: the collector's
    # full passes during the rest of the start (and at quitting) need not walk them again.
    set_aside_live_objects()
    return Opened(url, db, halls, ctx)


def _off_ui_thread(runner: Any, name: str, work: Any) -> Any:
    """``work()`` in the background while the UI keeps painting; its result, or its error raised here."""
    from PySide6.QtCore import QEventLoop

    from hallmonitor.ui.shell import Operation

    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    op = Operation(
        name,
        lambda _progress: work(),
        on_success=lambda result: outcome.setdefault("result", result),
        on_failure=lambda exc: outcome.setdefault("error", exc),
    )
    op.finished.connect(loop.quit)
    runner.start(op)
    loop.exec()  # the result arrives as a queued signal, so it cannot be missed before exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def open_hall_context(db_url: str | None, smoke: bool, runner: Any) -> Start | None:
    """The hall to open: the only one, the remembered or chosen one, or set up by the first-start wizard.

    None means quit. A database that cannot be opened offers the demo hall;
    one without a hall runs the wizard (create, connect to a shared one, or the demo).
    """
    opened: Opened = _off_ui_thread(runner, "open the database", lambda: _open_database(db_url))
    if opened.sentence is not None:
        log.warning("database cannot be opened: %s", opened.sentence)
        if smoke:
            print(f"hallmonitor: {opened.sentence}", file=sys.stderr)
            return None
        if not _ask_demo(None, opened.sentence):
            return None
        return _demo_start(runner, None)
    db = opened.db
    if not opened.halls:
        db.close()
        if smoke:
            print(
                "hallmonitor: 数据库中还没有大厅，请先在应用中创建大厅，或运行 hallmonitor init。",
                file=sys.stderr,
            )
            return None
        return _first_start(opened.url, db.display_name, runner)
    if opened.ctx is not None:  # the only hall: nothing to choose
        return Start(opened.ctx, demo=_is_demo(opened.ctx))
    from hallmonitor.services.hall import hall_context
    from hallmonitor.ui.first_start import choose_hall

    code = choose_hall(None, opened.url, opened.halls)
    if code is None:
        db.close()
        return None
    ctx = hall_context(db, code=code)
    return Start(ctx, demo=_is_demo(ctx))


def _demo_start(runner: Any, real_url: str | None) -> Start | None:
    from hallmonitor.ui.shell import show_error

    try:
        return Start(_build_demo_database(runner, real_url), demo=True)
    except Exception as exc:
        show_error(None, exc)
        return None


def _first_start(url: str, database_name: str, runner: Any) -> Start | None:
    from hallmonitor.services.hall import hall_context, list_halls
    from hallmonitor.storage.database import open_database
    from hallmonitor.ui.first_start import FirstStartWizard, choose_hall

    wizard = FirstStartWizard(url, database_name, open_database, runner)
    accepted = wizard.exec()
    result = wizard.result
    wizard.deleteLater()  # by Qt, in its own time: not by Python's collector in the middle of an event
    if not accepted:
        return None
    if result.outcome == "demo":
        return _demo_start(runner, url)
    chosen = result.url
    if chosen != url:
        # A shared database: the app opens it from now on.
        chosen = _remember_database(chosen)
    db = open_database(chosen)
    code = result.hall_code or choose_hall(None, chosen, list_halls(db))
    if code is None:
        db.close()
        return None
    return Start(hall_context(db, code=code), page="hall_data" if result.enter_by_hand else None)


def run_app(db_url: str | None = None, smoke: bool = False, page: str | None = None) -> int:
    """Open the desktop app; with ``smoke`` quit with 0 once the first page has painted its data.

    ``page`` (``--page``) is the page to open on instead of the remembered one; with
    ``smoke`` it is the page whose data is waited for, so a check can load what only
    that page imports (the charts page's pyqtgraph and numpy).
    """
    skip_pyside_source_scan()  # before the database layer and the pages are imported
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("HallMonitor")
    app.setApplicationName("HallMonitor")

    from hallmonitor.ui.shell import ui_language

    saved_locale, saved_font, saved_icon = QLocale(), app.font(), app.windowIcon()
    translators = install_translations(app, ui_language())
    # Qt adds the display name to every window's title: the titles name only what the window shows.
    app.setApplicationDisplayName(QCoreApplication.translate("App", "HallMonitor"))
    app.setDesktopFileName("hallmonitor")  # the desktop entry, whose icon a Wayland dock shows
    app.setWindowIcon(app_icon())
    register_shipped_font()
    apply_chinese_font(app)
    hook = ErrorHook(smoke)
    hook.install()
    try:
        from hallmonitor.ui.shell import OperationRunner, StartWindow

        runner = OperationRunner()
        url = chosen_database_url(db_url)
        while True:
            instance = None if smoke else _single_instance(url)
            if instance is False:
                return 0
            placeholder = StartWindow()
            placeholder.show_now()
            try:
                start = _signed_in(open_hall_context(url, smoke, runner), smoke)
            except BaseException:
                placeholder.close()
                raise
            if start is None:
                placeholder.close()
                return 1
            if page:
                start = replace(start, page=page)
            code, window = _run_window(app, start, runner, smoke, instance, placeholder)
            start.ctx.db.close()
            if instance is not None:
                instance.release()
            if window.reopen_requested and not smoke:
                continue
            if window.leave_demo and not smoke:
                # Back to the hall's own database (never the demo file, even when --db named it).
                url = None if url and start.demo and url == start.ctx.db.url else url
                continue
            return 1 if hook.failed and code == 0 and smoke else code
    finally:
        hook.uninstall()
        # Leave the QApplication as found: tests and embedding callers run more after us.
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(saved_locale)
        app.setFont(saved_font)
        app.setWindowIcon(saved_icon)


def _signed_in(start: Start | None, smoke: bool) -> Start | None:
    """The hall as the account signed in, when the hall has accounts; None (quit) when nobody did.

    A hall without accounts opens as before, under the operating-system login.
    """
    if start is None or (smoke and start.ctx.actor.roles):
        return start
    if smoke:
        print(
            "hallmonitor: " + say("This hall signs in with accounts: --smoke cannot sign in."),
            file=sys.stderr,
        )
        start.ctx.db.close()
        return None
    from hallmonitor.ui.first_start import sign_in_at_start

    ctx = sign_in_at_start(start.ctx)
    if ctx is None:
        start.ctx.db.close()
        return None
    return replace(start, ctx=ctx)


def _single_instance(url: str | None) -> Any:
    """This copy's hold on the database, or False when another copy has it (and was asked forward)."""
    from hallmonitor.storage.location import resolve_url
    from hallmonitor.ui.shell import SingleInstance

    instance = SingleInstance(resolve_url(url))
    if instance.acquire():
        return instance
    print(
        "hallmonitor: "
        + say("HallMonitor is already open on this database on this PC; switched to that window."),
        file=sys.stderr,
    )
    log.info("another copy holds %s; asked it forward and quit", instance.key)
    return False


def _start_daily_backup(env: Any) -> None:
    """Once a day, the SQLite database copied into its backups folder, off the UI thread."""
    from hallmonitor.services.backups import daily_backup
    from hallmonitor.ui.settings import backups_kept
    from hallmonitor.ui.shell import Operation

    db, keep, today = env.ctx.db, backups_kept(), date.today()

    def failed(exc: BaseException) -> None:
        log.warning("daily backup failed: %s", exc)

    def done(made: Path | None) -> None:
        if made is not None:
            log.info("daily backup written to %s", made)

    env.runner.start(
        Operation(
            "daily backup", lambda _p: daily_backup(db, today, keep), on_success=done, on_failure=failed
        )
    )


def _ask_for_hall_key(window: Any, env: Any) -> None:
    """On a PC without the database's 大厅密钥 (a further PC, a restore), ask once at start; it may wait."""
    from hallmonitor.services.hall import KeyState, hall_key_status
    from hallmonitor.ui.settings import KeyEntryDialog

    if hall_key_status(env.ctx.db).state is KeyState.MISSING:
        window.key_dialog = KeyEntryDialog(env, window)
        window.key_dialog.open()


def _check_writable(window: Any, env: Any) -> None:
    """Off the UI thread: whether the database may be written, said at once when it may not.

    A read-only or damaged file opens to be looked at; its day's backup is not
    made, since a copy of broken pages would push a good backup out.
    """
    from hallmonitor.ui.shell import Operation

    db = env.ctx.db

    def done(problem: str | None) -> None:
        if problem is None:
            _start_daily_backup(env)
            return
        log.warning("database opened to be read only: %s", problem)
        read_only_box(window, problem).exec()

    def failed(exc: BaseException) -> None:
        log.warning("the database's integrity check failed to run: %s", exc)

    env.runner.start(
        Operation("database check", lambda _p: db.write_problem(), on_success=done, on_failure=failed)
    )


def read_only_box(parent: Any, sentence: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("App", "HallMonitor"))
    box.setText(sentence)
    box.setInformativeText(
        QCoreApplication.translate(
            "App", "The hall's data can be looked at, but nothing can be saved until this is put right."
        )
    )
    box.setObjectName("readOnlyBox")
    return box


def _bring_forward(window: Any) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def _run_window(
    app: QApplication, start: Start, runner: Any, smoke: bool, instance: Any = None, placeholder: Any = None
) -> tuple[int, Any]:
    from hallmonitor.ui.shell import ChangeBus, MainWindow, UiEnv, set_aside_after_first_showings

    env = UiEnv(ctx=start.ctx, runner=runner, bus=ChangeBus(), demo=start.demo)
    window = MainWindow(env)
    # Before anything else hears the first page_ready (``--smoke`` quits on it), as for every page after.
    set_aside_after_first_showings(window)
    if instance is not None:
        instance.on_raise = lambda: _bring_forward(window)
    if smoke:
        # Always the first page, and nothing remembered: a check must not depend on, or
        # change, where the user left the app. It quits once the page is painted, before the
        # rules are loaded or run: nothing is left for it to wait for. Nor does it read other
        # PCs' changes: the feed's start trims it, a write, and a first write checks the whole
        # file's integrity (seconds on a busy hall's file), which the quitting check waited for.
        window.remember = False
        _arm_smoke(app, window)
    else:
        from hallmonitor.ui.watch import attach_remote_changes

        attach_remote_changes(window, env)
        _watch_after_first_paint(window, env)
    window.show()
    if placeholder is not None:
        placeholder.close()
        placeholder.deleteLater()
    if not smoke:
        _check_writable(window, env)
        if window.reads_hall:  # the key is for entering cases; an 审计员 never needs it
            QTimer.singleShot(0, lambda: _ask_for_hall_key(window, env))
    opened = window.show_page(start.page) if start.page and start.page in window.page_keys else None
    if start.page and not opened:
        shown = ", ".join(window.page_keys)
        print(
            "hallmonitor: "
            + say("There is no page {page} for this account: {pages}.", page=start.page, pages=shown),
            file=sys.stderr,
        )
        if smoke:
            _tear_down(app, window, runner)
            return 2, window
    if not opened and window.open_start_page(first=smoke) is None and smoke:
        print("hallmonitor: no page to open", file=sys.stderr)
        _tear_down(app, window, runner)
        return 1, window
    code = app.exec()
    _tear_down(app, window, runner)
    return code, window


def _watch_after_first_paint(window: Any, env: Any) -> None:
    """The rules monitor and its opening run, once the first page has painted (or after a while anyway).

    Loading the rules and judging a busy hall hold the interpreter for a second
    or more; begun with the window they would hold the first page's painting
    back by as much, and every page reloads when the run announces its alerts.
    """
    attached = False

    def attach(*_args: Any) -> None:
        nonlocal attached
        if not attached:
            attached = True
            from hallmonitor.ui.watch import attach_alert_watch

            # It tells only those who read the hall of its alerts.
            window.alert_watch = attach_alert_watch(window, env)

    window.page_ready.connect(attach)
    QTimer.singleShot(FIRST_RUN_LATEST_MS, window, attach)


def _tear_down(app: QApplication, window: Any, runner: Any) -> None:
    """Delete the window, then let background work finish, before returning.

    The window goes first so that nothing starts new work (a page reloading on
    a late change); then every running operation finishes while the runner
    still holds it, and results meant for the deleted widgets are dropped.
    Nothing is left for whatever event loop the caller runs next.
    """
    if window.isVisible():  # --smoke quits with the window still open
        window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for _ in range(30):
        app.processEvents()
        if not runner.busy:
            break
        runner.wait(1_000)
    app.processEvents()


def _arm_smoke(app: QApplication, window: Any) -> None:
    def ready(key: str) -> None:
        log.info("smoke: page %s painted its data", key)
        app.exit(0)

    def timeout() -> None:
        print(
            f"hallmonitor: the first page did not show its data within {SMOKE_TIMEOUT_MS // 1000} s",
            file=sys.stderr,
        )
        app.exit(1)

    window.page_ready.connect(ready)
    timer = QTimer(window)
    timer.setSingleShot(True)
    timer.timeout.connect(timeout)
    timer.start(SMOKE_TIMEOUT_MS)
