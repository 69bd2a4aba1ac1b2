"""What storage says when a database or a backup is unfit reads in the user's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallmonitor.storage.backups import inspect_backup
from hallmonitor.storage.contention import busy_sentence
from hallmonitor.storage.database import DatabaseError, open_database
from hallmonitor.storage.integrity import damaged_sentence
from hallmonitor.storage.keys import HallKeyError, parse_key
from tests.support.english import HAN


def test_a_damaged_file_is_named_in_english(english: None, tmp_path: Path) -> None:
    sentence = damaged_sentence(tmp_path / "hall.sqlite3")
    assert sentence.startswith(f"The database file {tmp_path / 'hall.sqlite3'} is damaged")
    assert "restore it from the latest backup (Settings ▸ Backups" in sentence
    assert not HAN.search(sentence)


def test_another_writer_and_a_bad_key_read_in_english(english: None) -> None:
    assert busy_sentence().startswith("The database file is being written by another program")
    with pytest.raises(HallKeyError) as info:
        parse_key("ABCD")
    assert str(info.value).startswith("The hall key is not written right")
    for sentence in (busy_sentence(), str(info.value)):
        assert not HAN.search(sentence)


def test_a_file_that_is_no_database_and_a_missing_backup_say_so_in_english(
    english: None, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"garbage" * 1000)
    with pytest.raises(DatabaseError) as opened:
        open_database(f"sqlite:///{broken}").close()
    with pytest.raises(DatabaseError) as missing:
        inspect_backup(tmp_path / "gone.sqlite3")
    assert str(opened.value).startswith("Cannot open the database")
    assert str(missing.value) == f"The backup file {tmp_path / 'gone.sqlite3'} does not exist."
    for sentence in (str(opened.value), str(missing.value)):
        assert not HAN.search(sentence)


def test_the_same_sentences_stay_chinese_by_default(tmp_path: Path) -> None:
    assert damaged_sentence(None).startswith("数据库文件 已损坏（完整性检查未通过）")
    assert busy_sentence() == "数据库文件正被另一个程序写入（可能是另一台电脑或命令行的导入），请稍后再试。"
