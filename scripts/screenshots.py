"""Screenshots of every page on the demo hall, for the README and for looking at the app.

    python scripts/screenshots.py                      # the README's pictures, into docs/screenshots
    python scripts/screenshots.py --all OUT [--readme] # everything, every screen, language and font
    python scripts/screenshots.py [--today 2026-05-13] [--out docs/screenshots] [--lang zh_CN|en] [--pages board,roster]
        [--size 1366x768] [--screen 1366x768] [--font "WenQuanYi Micro Hei"] [--display] [--about] [--dialogs]

Runs without a screen (Qt's offscreen platform unless DISPLAY is set, e.g.
under xvfb-run), on a demo hall built in a temporary SQLite file, with the
clock pinned to ``--today`` at 10:00 so two runs give the same pictures.
User preferences and logs go to the temporary folder too.

``--screen`` gives the offscreen platform a screen of that size (the window's
default size and the hall display follow it; the README's pictures are drawn
on a 1366×768 one); ``--size`` then defaults to the window the app itself
would open on it. ``--font`` draws with that family instead of the one the
app prefers; ``--display`` also shoots the hall display full screen,
``--about`` Help ▸ About (about.png, and its licences tab as
about_licences.png), ``--dialogs`` the main dialogs (screenshot_dialogs.py:
a case's dialog and forms, the entry form, 大厅资料's edit form, every tab of
设置, the first-start wizard, signing in and the lock screen). With
FONTCONFIG_FILE naming a fontconfig file without fonts, the pictures show the
app on a PC that has no Chinese font (drawn in the font the app ships).

``--all OUT`` builds the demo hall once and shoots everything (pages,
dialogs, the hall display, About) on a 1366×768 screen (the window as the app
opens it there) and a 1920×1080 one (maximized, as people use it there), in
Chinese and English, in WenQuanYi Micro Hei and in Noto Sans CJK SC: one
folder per combination, ``OUT/zh_CN-1366x768-wenquanyi/``…, each drawn by a
process of its own (the screen, the language and the font are the
process's). ``--readme`` then copies the README's pictures from the Chinese
1366×768 set in the app's preferred Linux font (Noto Sans CJK SC) into
docs/screenshots.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from screenshot_dialogs import Shooter, all_dialogs, settle, sign_in_dialogs  # noqa: E402

PAGE_TIMEOUT_MS = 60_000
#: The README's pictures: the office screen the app is made for first.
README_SCREEN = "1366x768"
#: What --all draws: every screen, language and font (each font's folder named by its first word).
SCREENS = ("1366x768", "1920x1080")
LANGUAGES = ("zh_CN", "en")
FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC")
#: The set --readme copies from, and the pictures it copies (those docs/screenshots holds).
README_SET = ("zh_CN", README_SCREEN, "Noto Sans CJK SC")
README_PICTURES = ("alerts", "board", "board_detail", "cases", "charts", "flags", "roster", "settings")


def build_hall(url: str, today: date) -> None:
    """The demo hall with the alerts its violations call for, as ``hallmonitor demo`` leaves it."""
    from hallmonitor.demo import build_demo
    from hallmonitor.services.hall import hall_context
    from hallmonitor.services.rules import run_rules
    from hallmonitor.storage.database import open_database

    db = open_database(url)
    try:
        build_demo(db, seed=2026, today=today)
        run_rules(hall_context(db), datetime.combine(today, time(10, 0)))
    finally:
        db.close()


def note_painted(window) -> set[str]:  # type: ignore[no-untyped-def]
    """The pages that have painted their data, from now on (the window shows its first page itself)."""
    painted: set[str] = set()
    window.page_ready.connect(painted.add)
    window.painted_pages = painted
    return painted


def page_painted(window, key: str, timeout_ms: int) -> bool:  # type: ignore[no-untyped-def]
    """Show page ``key`` and wait until it has painted its data.

    Listens on the window's page_ready before showing, since a page may paint
    (and say so) while it is being created.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    happened: list[bool] = [True] if key in getattr(window, "painted_pages", ()) else []

    def ready(ready_key: str) -> None:
        if ready_key == key:
            happened.append(True)
            loop.quit()

    window.page_ready.connect(ready)
    QTimer.singleShot(timeout_ms, loop.quit)
    window.show_page(key)
    if not happened:
        loop.exec()
    window.page_ready.disconnect(ready)
    return bool(happened)


def folder_name(lang: str, screen: str, font: str) -> str:
    return f"{lang}-{screen}-{font.split()[0].lower()}"


def shoot_everything(args: argparse.Namespace, today: date) -> int:
    """Every combination of screen, language and font, each in a process of its own, from one demo hall."""
    out = Path(args.out)
    # Apart from a plain run's folder, which that run empties first: both may run at once.
    work = Path(tempfile.gettempdir()) / "hallmonitor-screenshots-all"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    template = work / "demo.sqlite3"
    print(f"building the demo hall in {template} …")
    build_hall(f"sqlite:///{template}", today)
    failed = []
    for lang in LANGUAGES:
        for screen in SCREENS:
            for font in FONTS:
                name = folder_name(lang, screen, font)
                command = [
                    sys.executable, __file__, "--today", today.isoformat(), "--out", str(out / name),
                    "--lang", lang, "--screen", screen, "--font", font, "--from-db", str(template),
                    "--work", str(work / name), "--dialogs", "--display", "--about",
                    *(["--maximized"] if screen != README_SCREEN else []),
                ]  # fmt: skip
                print(f"== {name}", flush=True)
                if subprocess.run(command, check=False).returncode:
                    failed.append(name)
    if args.readme and folder_name(*README_SET) not in failed:
        source = out / folder_name(*README_SET)
        for picture in README_PICTURES:
            shutil.copyfile(source / f"{picture}.png", ROOT / "docs/screenshots" / f"{picture}.png")
        print(f"README pictures: docs/screenshots from {source}")
    for name in failed:
        print(f"{name}: some pictures are missing, see above", file=sys.stderr)
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", default="2026-05-13", help="the demo's last day and the clock's date")
    parser.add_argument("--out", default=str(ROOT / "docs/screenshots"))
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument(
        "--size",
        default="",
        help="window size, WIDTHxHEIGHT (default: as the app opens on --screen, else on 1366x768)",
    )
    parser.add_argument("--screen", default="", help="the offscreen screen's size, WIDTHxHEIGHT")
    parser.add_argument("--font", default="", help="font family to draw with")
    parser.add_argument("--display", action="store_true", help="also shoot the hall display")
    parser.add_argument("--about", action="store_true", help="also shoot Help > About, both tabs")
    parser.add_argument("--dialogs", action="store_true", help="also shoot the main dialogs")
    parser.add_argument("--maximized", action="store_true", help="the window filling the screen")
    parser.add_argument("--all", action="store_true", help="every screen, language and font, into --out")
    parser.add_argument("--readme", action="store_true", help="with --all: refresh docs/screenshots")
    parser.add_argument("--from-db", default="", help=argparse.SUPPRESS)  # --all's demo hall, copied
    parser.add_argument("--work", default="", help=argparse.SUPPRESS)  # --all's folder for this set
    parser.add_argument(
        "--pages", default="", help="comma-separated page keys (default: every registered page)"
    )
    args = parser.parse_args()
    today = date.fromisoformat(args.today)
    if args.all:
        return shoot_everything(args, today)
    if not args.screen and not args.size:
        args.screen = README_SCREEN
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    # A fixed folder, emptied first: the database path shows in the status bar, so the pictures
    # stay the same from one run to the next.
    work = Path(args.work) if args.work else Path(tempfile.gettempdir()) / "hallmonitor-screenshots"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.screen:
        screen_width, screen_height = (int(v) for v in args.screen.lower().split("x"))
        config = work / "screen.json"
        screen = {"name": "shot", "x": 0, "y": 0, "width": screen_width, "height": screen_height}
        config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96}]}), encoding="utf-8")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["HALLMONITOR_SETTINGS_DIR"] = str(work / "settings")
    os.environ["HALLMONITOR_LOG_DIR"] = str(work / "log")
    os.environ["HALLMONITOR_LANG"] = args.lang
    url = f"sqlite:///{work / 'demo.sqlite3'}"
    if args.from_db:
        shutil.copyfile(args.from_db, work / "demo.sqlite3")
    else:
        print(f"building the demo hall in {url} …")
        build_hall(url, today)

    from PySide6.QtGui import QFont, QFontInfo
    from PySide6.QtWidgets import QApplication

    from hallmonitor.app import apply_chinese_font, install_translations, register_shipped_font
    from hallmonitor.services.hall import hall_context
    from hallmonitor.storage.database import open_database
    from hallmonitor.ui.shell import ChangeBus, MainWindow, OperationRunner, UiEnv, ui_language

    app = QApplication(sys.argv[:1])
    install_translations(app, ui_language())
    register_shipped_font()
    family = apply_chinese_font(app)
    if args.font:
        font = QFont(app.font())
        font.setFamily(args.font)
        app.setFont(font)
    family = QFontInfo(app.font()).family()
    if args.font and family != args.font:
        print(f"font {args.font!r} is not installed (Qt matched {family!r})", file=sys.stderr)
        return 2
    print(f"font: {family}")
    ctx = hall_context(open_database(url))
    moment = datetime.combine(today, time(10, 0))
    env = UiEnv(ctx=ctx, runner=OperationRunner(), bus=ChangeBus(), clock=lambda: moment)
    window = MainWindow(env)
    note_painted(window)
    if args.maximized:
        window.showMaximized()
    else:
        window.show()
    if args.size:
        window.resize(*(int(v) for v in args.size.lower().split("x")))
    settle(app, 1)
    width, height = window.width(), window.height()
    print(f"window: {width}x{height}")
    failures = 0
    wanted = [k for k in args.pages.split(",") if k] or window.page_keys
    for key in [k for k in window.page_keys if k in wanted]:
        painted = page_painted(window, key, PAGE_TIMEOUT_MS)
        page = window.page(key)
        if page is None or not painted:
            print(f"{key}: no data within {PAGE_TIMEOUT_MS // 1000} s", file=sys.stderr)
            failures += 1
            continue
        settle(app)
        target = out / f"{key}.png"
        window.grab().save(str(target))
        print(f"{key}: {target}")
        if key == "board" and getattr(page, "tiles", None):
            # The busiest tile: its alerts and longest duty list show most of what the detail can hold.
            tile = max(page.tiles.values(), key=lambda t: (t.tile.open_alerts, len(t.tile.on_duty)))
            tile.clicked.emit(tile.tile.window_id)
            settle(app)
            dialog = getattr(page, "detail_dialog", None)
            if dialog is not None:
                dialog.grab().save(str(out / "board_detail.png"))
                print(f"board detail: {out / 'board_detail.png'}")
                dialog.close()
    if args.display:
        from hallmonitor.ui.display import open_hall_display

        display = open_hall_display(window, env)
        settle(app)
        env.runner.wait(10_000)
        settle(app)
        display.grab().save(str(out / "display.png"))
        print(f"display: {out / 'display.png'}")
        display.close()
    shots = Shooter(app, out)
    if args.dialogs:
        all_dialogs(shots, window, env, work, today, moment)
        failures += shots.failures
    if args.about:
        window._about()
        about = window.about_dialog
        settle(app)
        about.grab().save(str(out / "about.png"))
        about.tabs.setCurrentIndex(1)
        settle(app)
        about.grab().save(str(out / "about_licences.png"))
        print(f"about: {out / 'about.png'}, {out / 'about_licences.png'}")
        about.close()
    env.runner.wait(10_000)
    window.close()
    window.deleteLater()
    app.processEvents()
    if not args.pages or "audit" in wanted:
        failures += audit_page(app, ctx, moment, width, height, out, shots if args.dialogs else None)
    ctx.db.close()
    return 1 if failures else 0


def audit_page(app, ctx, moment: datetime, width: int, height: int, out: Path, shots=None) -> int:  # type: ignore[no-untyped-def]
    """审计记录 as an 审计员 sees it: the only page they have, so the hall gets accounts first.

    With ``shots``, signing in to the hall that now has accounts, and the lock screen, are shot too.
    """
    from hallmonitor.domain.enums import Role
    from hallmonitor.services.accounts import add_account, sign_in
    from hallmonitor.ui.shell import ChangeBus, MainWindow, OperationRunner, UiEnv

    add_account(ctx, "admin", "王管理", Role.ADMIN, "Guanli2026demo")
    admin = sign_in(ctx.db, ctx.hall_code, "admin", "Guanli2026demo")
    add_account(admin, "shenji", "赵审计", Role.AUDITOR, "Shenji2026demo")
    auditor = sign_in(ctx.db, ctx.hall_code, "shenji", "Shenji2026demo")
    if shots is not None:
        sign_in_dialogs(shots, ctx, admin)
    env = UiEnv(ctx=auditor, runner=OperationRunner(), bus=ChangeBus(), clock=lambda: moment)
    window = MainWindow(env)
    window.show()
    window.resize(width, height)
    if not page_painted(window, "audit", PAGE_TIMEOUT_MS):
        print(f"audit: no data within {PAGE_TIMEOUT_MS // 1000} s", file=sys.stderr)
        return 1
    page = window.page("audit")
    page.verify()
    env.runner.wait(PAGE_TIMEOUT_MS)
    settle(app)
    window.grab().save(str(out / "audit.png"))
    print(f"audit: {out / 'audit.png'}")
    window.close()
    window.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
