"""An auditor working in English reads the chain's verdict, the trail's lines and its refusals in English."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from hallmonitor.services.audit import TrailFilter, list_trail, verify_chain
from hallmonitor.services.hall import HallContext, ServiceError
from tests.support.builders import window
from tests.support.english import HAN


@pytest.mark.sqlite_only  # it tampers with the trail by dropping SQLite's trigger
def test_a_whole_chain_and_a_tampered_one_are_named_in_english(sqlite_hall: HallContext, english) -> None:
    window(sqlite_hall, "7", "Tax Bureau")
    whole = verify_chain(sqlite_hall.db)
    assert whole.intact and whole.message.startswith(f"The audit trail is whole: {whole.count} entries")
    with sqlite_hall.db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET actor = 'someone' WHERE seq = 1"))
    broken = verify_chain(sqlite_hall.db)
    assert not broken.intact
    assert broken.message.startswith("The audit trail was tampered with: The content of entry 1 (")
    assert broken.message.endswith("was changed: its hash does not match.")
    assert not HAN.search(broken.message)


def test_a_trail_line_and_an_unknown_kind_read_in_english(sqlite_hall: HallContext, english) -> None:
    window(sqlite_hall, "7", "Tax Bureau")
    (newest,) = list_trail(sqlite_hall, TrailFilter(kind="Window"), limit=1).entries
    assert f" Added Window {newest.row_key}: number=7" in newest.line()
    with pytest.raises(ServiceError) as raised:
        list_trail(sqlite_hall, TrailFilter(kind="nothing"))
    message = str(raised.value)
    assert message.startswith(
        'The audit trail holds no kind of record called "nothing"; the kinds are: Window (window), '
    )
    assert not HAN.search(message)


def test_a_kind_is_found_by_its_chinese_word_in_english_too(sqlite_hall: HallContext, english) -> None:
    window(sqlite_hall, "7", "Tax Bureau")
    assert list_trail(sqlite_hall, TrailFilter(kind="窗口", action="新增")).entries
