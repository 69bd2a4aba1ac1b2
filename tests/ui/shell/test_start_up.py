"""What the app opens on start: the first-start wizard, the demo in its own file, one hall among several."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog

import hallmonitor.app as app_module
import hallmonitor.demo as demo_package
from hallmonitor.services.hall import init_hall
from hallmonitor.storage.database import demo_database_url, open_database
from hallmonitor.ui.first_start import FirstStartResult, FirstStartWizard
from hallmonitor.ui.shell import DATABASE_URL_KEY, OperationRunner, app_settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def runner():
    r = OperationRunner()
    yield r
    r.wait(10_000)


def finish_wizard_with(monkeypatch: pytest.MonkeyPatch, result: FirstStartResult) -> list[str]:
    """Make the wizard end as the supervisor would have ended it; returns the URLs it was opened on."""
    opened: list[str] = []

    def exec_(self: FirstStartWizard) -> int:
        opened.append(self.url)
        self.result = result
        return 1

    monkeypatch.setattr(FirstStartWizard, "exec", exec_)
    return opened


def test_an_empty_database_runs_the_wizard_and_quitting_it_quits(
    qapp, runner, sqlite_url, monkeypatch
) -> None:
    monkeypatch.setattr(FirstStartWizard, "exec", lambda self: 0)
    assert app_module.open_hall_context(sqlite_url, False, runner) is None


def test_a_hall_created_in_the_wizard_is_opened_on_the_page_to_enter_its_data(
    qapp, runner, sqlite_url, monkeypatch
) -> None:
    db = open_database(sqlite_url)
    init_hall(db, "H9", "向导创建的大厅")  # what the wizard's hall page does
    db.close()
    # The database had no hall when the app looked; the wizard created H9 in it.
    monkeypatch.setattr(app_module, "_first_start", app_module._first_start)
    opened = finish_wizard_with(
        monkeypatch, FirstStartResult("created", sqlite_url, "H9", enter_by_hand=True)
    )
    start = app_module._first_start(sqlite_url, "hall.sqlite3", runner)
    assert opened == [sqlite_url]
    assert start is not None and start.ctx.hall_code == "H9" and not start.demo
    assert start.page == "hall_data"
    start.ctx.db.close()


def test_the_demo_opened_from_the_wizard_lives_in_its_own_file_and_leaves_the_real_one_untouched(
    qapp, runner, sqlite_url, monkeypatch
) -> None:
    real = Path(sqlite_url.removeprefix("sqlite:///"))
    open_database(sqlite_url).close()
    before = real.read_bytes()
    finish_wizard_with(monkeypatch, FirstStartResult("demo"))
    monkeypatch.setattr(demo_package, "build_demo", functools.partial(demo_package.build_demo, weeks=1))

    start = app_module.open_hall_context(sqlite_url, False, runner)

    assert start is not None and start.demo
    assert start.ctx.db.url == demo_database_url(sqlite_url)
    assert Path(start.ctx.db.url.removeprefix("sqlite:///")).parent == real.parent
    start.ctx.db.close()
    assert real.read_bytes() == before


def test_a_shared_database_chosen_in_the_wizard_is_the_one_opened_from_then_on(
    qapp, runner, sqlite_url, tmp_path, monkeypatch
) -> None:
    shared = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    db = open_database(shared)
    init_hall(db, "S1", "共享大厅")
    db.close()
    finish_wizard_with(monkeypatch, FirstStartResult("shared", shared))
    start = app_module.open_hall_context(sqlite_url, False, runner)
    assert start is not None and start.ctx.hall_code == "S1"
    start.ctx.db.close()
    assert app_settings().value(DATABASE_URL_KEY) == shared
    assert app_module.chosen_database_url(None) == shared


def test_a_database_with_several_halls_asks_which_and_remembers_it(
    qapp, runner, sqlite_url, monkeypatch
) -> None:
    db = open_database(sqlite_url)
    init_hall(db, "A1", "东区大厅")
    init_hall(db, "B2", "西区大厅")
    db.close()
    asked: list[list[str]] = []

    def pick(parent, title, label, items, current, editable):  # type: ignore[no-untyped-def]
        asked.append(list(items))
        return items[1], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(pick))
    start = app_module.open_hall_context(sqlite_url, False, runner)
    assert start is not None and start.ctx.hall_code == "B2"
    start.ctx.db.close()
    assert asked == [["东区大厅（A1）", "西区大厅（B2）"]]

    again = app_module.open_hall_context(sqlite_url, False, runner)
    assert again is not None and again.ctx.hall_code == "B2"
    again.ctx.db.close()
    assert len(asked) == 1  # remembered: not asked again


def test_leaving_the_demo_returns_to_the_halls_own_database(qapp, runner, sqlite_hall, monkeypatch) -> None:
    demo_start = app_module.Start(sqlite_hall, demo=True)
    opened: list[str | None] = []
    starts = iter([demo_start, None])

    def open_(url, smoke, runner):  # type: ignore[no-untyped-def]
        opened.append(url)
        return next(starts)

    class Window:
        leave_demo = True
        reopen_requested = False

    monkeypatch.setattr(app_module, "open_hall_context", open_)
    monkeypatch.setattr(app_module, "_run_window", lambda *args: (0, Window()))
    real = "sqlite:///real.sqlite3"
    assert app_module.run_app(db_url=real) == 1  # the second start (the real hall) was quit
    assert opened == [real, real]


def test_the_demo_window_says_demo_hall_and_offers_to_leave(sqlite_hall, qapp, runner, qtbot) -> None:
    from hallmonitor.ui.shell import ChangeBus, MainWindow, UiEnv

    window = MainWindow(UiEnv(sqlite_hall, runner, ChangeBus(), demo=True))
    window.remember = False
    qtbot.addWidget(window)
    assert "演示大厅" in window.windowTitle() or "Demo hall" in window.windowTitle()
    assert window.status.demo_label.text() in ("Demo hall", "演示大厅")
    assert window.status.demo_label.isVisibleTo(window.status)
    window.show()
    window.leave_demo_hall()
    assert window.leave_demo and not window.isVisible()
    runner.wait(10_000)  # the pages' loads end before the hall's database closes


def test_no_password_is_left_in_the_settings_file_after_saving_a_postgresql_address(
    qapp, isolated_preferences: Path
) -> None:
    from hallmonitor.ui.shell import save_database_url, saved_database_url

    save_database_url("postgresql://hall:s3cret@10.0.0.5:5432/hall")
    for ini in isolated_preferences.rglob("*.ini"):
        assert b"s3cret" not in ini.read_bytes()
    assert "s3cret" not in (saved_database_url() or "")
    assert "passfile=" in (saved_database_url() or "")


def test_a_password_remembered_by_an_earlier_version_is_moved_out_on_start(
    qapp, isolated_preferences: Path
) -> None:
    from hallmonitor.ui.shell import saved_database_url

    settings = app_settings()
    settings.setValue(DATABASE_URL_KEY, "postgresql://hall:s3cret@10.0.0.5:5432/hall")
    settings.sync()
    assert "s3cret" not in (saved_database_url() or "")
    assert all(b"s3cret" not in ini.read_bytes() for ini in isolated_preferences.rglob("*.ini"))


@pytest.mark.sqlite_only
def test_the_app_backs_a_sqlite_hall_up_once_a_day_when_it_starts(qapp, qtbot, runner, sqlite_hall) -> None:
    from datetime import date

    from hallmonitor.services.backups import backup_folder, list_daily_backups
    from hallmonitor.ui.shell import ChangeBus, UiEnv

    env = UiEnv(sqlite_hall, runner, ChangeBus())
    app_module._start_daily_backup(env)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    app_module._start_daily_backup(env)  # a second start the same day makes no second copy
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    made = list_daily_backups(sqlite_hall.db)
    assert [b.path.name for b in made] == [f"hall-{date.today():%Y%m%d}.sqlite3"]
    assert made[0].path.parent == backup_folder(sqlite_hall.db)
