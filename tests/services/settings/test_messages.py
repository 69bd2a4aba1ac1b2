"""The settings' sentences (the hall's name, the database check) read in English for an English user."""

from __future__ import annotations

import pytest

from hallmonitor.services.hall import ServiceError
from hallmonitor.services.settings.admin import check_database, rename_hall
from tests.support.english import HAN


def test_an_empty_hall_name_is_refused_in_english(hall, english):
    with pytest.raises(ServiceError) as raised:
        rename_hall(hall, "  ")
    assert str(raised.value) == "The hall's name cannot be empty."


def test_the_database_check_says_what_it_found_in_english(tmp_path, sqlite_hall, english):
    missing = tmp_path / "new.db"
    check = check_database(str(missing))
    assert check.ok and check.message.startswith(f"The file {missing} does not exist yet;")
    found = check_database(sqlite_hall.db.url)
    assert (
        found.ok
        and found.message.startswith("Connected to ")
        and f"({sqlite_hall.hall_code})" in found.message
    )
    assert not HAN.search(found.message.replace(sqlite_hall.hall_name, ""))
