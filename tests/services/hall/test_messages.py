"""The hall's refusals read in the user's language: who may not do what, a stale save, a bad hall."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from hallmonitor.domain.enums import Role
from hallmonitor.domain.permissions import Permission
from hallmonitor.services.hall import (
    Actor,
    HallContext,
    PermissionDenied,
    ServiceError,
    hall_key_status,
    init_hall,
    load_settings,
    save_settings,
    stale_sentence,
)
from tests.support.english import HAN


def test_a_refused_action_names_the_person_the_action_and_the_permission(
    sqlite_hall: HallContext, english: None
) -> None:
    viewer = replace(sqlite_hall, actor=Actor("Li Si", Role.CENTER_VIEWER, login="lisi"))
    with pytest.raises(PermissionDenied) as refused:
        save_settings(viewer, load_settings(sqlite_hall))
    assert str(refused.value) == (
        "Li Si (中心查看) may not change the rule settings: it needs the “change the settings” permission."
    )
    # The role's name is stored vocabulary; everything else is English.
    assert not HAN.search(str(refused.value).replace("中心查看", ""))
    nobody = replace(sqlite_hall, actor=Actor("Li Si", None))
    with pytest.raises(PermissionDenied) as refused:
        nobody.require(Permission.READ_HALL, Permission.READ_HALL.value)
    assert str(refused.value) == "This hall uses accounts: sign in first to view the hall."


def test_a_stale_save_and_a_bad_hall_code_read_in_english(sqlite_hall: HallContext, english: None) -> None:
    sentence = stale_sentence("Window 3", "zhangsan", datetime(2026, 12, 1, 10, 42))
    assert sentence.startswith(
        "Window 3 was changed by zhangsan at 12-01 10:42, so this save was not written."
    )
    with pytest.raises(ServiceError) as refused:
        init_hall(sqlite_hall.db, "某 市", "x")
    assert "may hold only letters, digits, - and _" in str(refused.value)
    status = hall_key_status(sqlite_hall.db).sentence
    for said in (sentence, str(refused.value).replace("某 市", ""), status):
        assert not HAN.search(said), said


def test_chinese_stays_as_it_was(sqlite_hall: HallContext) -> None:
    viewer = replace(sqlite_hall, actor=Actor("李四", Role.CENTER_VIEWER, login="lisi"))
    with pytest.raises(PermissionDenied) as refused:
        save_settings(viewer, load_settings(sqlite_hall))
    assert str(refused.value) == "李四（中心查看）无权修改规则设置，需要“修改设置”权限。"
    assert (
        stale_sentence("窗口 3", None, None)
        == "窗口 3已在另一台电脑上修改，本次保存未写入；已显示最新内容，请在其上再改。"
    )
