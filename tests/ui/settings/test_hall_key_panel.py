"""设置 ▸ 大厅密钥 and the dialog a PC without the key shows at start."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from hallmonitor.domain.enums import Role
from hallmonitor.services.hall import (
    Actor,
    KeyState,
    hall_context,
    hall_key_status,
    init_hall,
    take_new_hall_key,
)
from hallmonitor.storage import keys
from hallmonitor.storage.database import open_database
from hallmonitor.ui.settings import KeyEntryDialog
from hallmonitor.ui.settings.hall_key_panel import HallKeyPanel
from hallmonitor.ui.shell import ChangeBus, OperationRunner, UiEnv

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def second_pc(sqlite_url, tmp_path, monkeypatch):
    """A hall made on one PC, opened on another that lacks its key; yields (env, the key written down)."""
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(tmp_path / "first-pc"))
    db = open_database(sqlite_url)
    init_hall(db, "H001", "测试大厅")
    shown = take_new_hall_key(db)
    db.close()
    monkeypatch.setenv(keys.KEY_DIR_ENV, str(tmp_path / "second-pc"))
    db = open_database(sqlite_url)
    runner = OperationRunner()
    yield UiEnv(ctx=hall_context(db, login="clerk"), runner=runner, bus=ChangeBus()), shown
    runner.wait(5_000)
    db.close()


def test_a_wrong_key_is_said_in_the_dialog_and_the_right_one_is_kept(qtbot, second_pc):
    env, shown = second_pc
    dialog = KeyEntryDialog(env)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.edit.setText("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")
    dialog.ok.click()
    assert "不是本数据库的大厅密钥" in dialog.problem.text() and dialog.isVisible()
    dialog.edit.setText(shown.replace("-", " "))
    dialog.ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert hall_key_status(env.ctx.db).state is KeyState.READY


def test_the_panel_says_what_is_missing_and_only_an_administrator_sees_the_key(qtbot, second_pc, monkeypatch):
    env, shown = second_pc
    supervisor = replace(env, ctx=replace(env.ctx, actor=Actor("督查员甲", Role.SUPERVISOR)))
    panel = HallKeyPanel(supervisor)
    qtbot.addWidget(panel)
    panel.refresh()
    panel.show()
    assert "本机还没有大厅密钥" in panel.status.text() and panel.enter_button.isVisible()
    assert not panel.show_button.isVisible()  # nothing to show on a PC without the key

    def typed_and_kept(dialog: KeyEntryDialog) -> int:
        dialog.edit.setText(shown)
        dialog._enter()
        return dialog.result()

    monkeypatch.setattr(KeyEntryDialog, "exec", typed_and_kept)
    panel.ask_for_key()  # anyone may type the key in: whoever knows it holds what it protects
    assert "本机已保存大厅密钥" in panel.status.text() and not panel.enter_button.isVisible()
    assert panel.show_button.isVisible() and not panel.show_button.isEnabled()
    assert not panel.new_button.isEnabled()

    admin_env = replace(env, ctx=replace(env.ctx, actor=Actor("管理员甲", Role.ADMIN)))
    admin = HallKeyPanel(admin_env)
    qtbot.addWidget(admin)
    admin.refresh()
    admin.show_button.click()
    assert admin.presented.findChild(QLabel, "hallKey").text() == shown


def test_the_cost_of_a_new_key_is_said_in_the_language_chosen_after_start(qtbot, second_pc, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from hallmonitor.domain.texts import use_language

    env, _shown = second_pc
    admin = HallKeyPanel(replace(env, ctx=replace(env.ctx, actor=Actor("管理员甲", Role.ADMIN))))
    qtbot.addWidget(admin)
    asked: list[str] = []

    def declined(_parent, _title, text, *_args, **_kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", declined)
    use_language("en")  # chosen in 设置 ▸ 语言 long after every module was imported
    try:
        admin._new()
    finally:
        use_language(None)
    admin._new()
    assert asked[0].startswith("After a new hall key is started, the ID numbers of earlier cases")
    assert asked[1].startswith("启用新的大厅密钥后，此前办件的证件号码无法再与新办件比对")
