"""The command line in English: every line it makes reads in English around the hall's own data.

Run as a user would, with ``HALLMONITOR_LANG=en`` or with English chosen in the
app's Settings ▸ 语言 (the INI file the app writes): what may stay Chinese is
data the hall entered (names of the hall, windows, departments, staff, items)
and the stored vocabulary (``hallmonitor.domain.enums``), nothing else.
"""

from __future__ import annotations

import enum
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from hallmonitor.cli import main
from hallmonitor.domain import enums
from hallmonitor.services.hall import HallContext
from hallmonitor.services.rules import run_rules
from hallmonitor.storage.models import (
    Alert,
    AlertEvent,
    AlertOccurrence,
    Case,
    Department,
    Hall,
    Item,
    Staff,
    Window,
)
from tests.support import builders as b
from tests.support.alert_scenario import MON, WED, at, build_ladder
from tests.support.english import HAN
from tests.support.import_files import STAFF_HEADER, write_csv

#: The stored vocabulary: enum values are data in every language.
VOCABULARY = {
    member.value
    for kind in vars(enums).values()
    if isinstance(kind, type) and issubclass(kind, enum.StrEnum) and kind is not enum.StrEnum
    for member in kind
}


@pytest.fixture
def hall(sqlite_hall: HallContext) -> HallContext:
    build_ladder(sqlite_hall)
    w2 = b.window(sqlite_hall, "2", "税务局")
    item = b.item(sqlite_hall, "I1", promised_days=5)
    b.case(sqlite_hall, "C-TRIPS", w2, item, at(MON, 9, 10), trips=3)
    run_rules(sqlite_hall, at(WED, 18, 0))
    return sqlite_hall


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HALLMONITOR_LANG", "en")


def data_of(ctx: HallContext, *, stored_texts: bool = False) -> list[str]:
    """What the hall entered, longest first; with ``stored_texts`` also the alerts' stored sentences."""
    columns = [
        Hall.name,
        Window.name,
        Department.name,
        Staff.name,
        Item.name,
        Item.code,
        Case.case_no,
        Case.applicant_name,
    ]
    # Who acted and the action's stored word (the system's 系统, 触发…) are the history's record.
    columns += [AlertEvent.actor, AlertEvent.action]
    if stored_texts:
        columns += [Alert.summary, AlertEvent.note, AlertOccurrence.detail]
    with ctx.db.session() as session:
        found = {str(v) for column in columns for v in session.scalars(select(column)) if v}
    return sorted(found | VOCABULARY, key=len, reverse=True)


def not_data(text: str, data: list[str]) -> list[str]:
    """The lines of ``text`` that hold a Han character once the data is taken out."""
    lines = []
    for line in text.splitlines():
        stripped = line
        for value in data:
            stripped = stripped.replace(value, "")
        if HAN.search(stripped):
            lines.append(line)
    return lines


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as done:  # --help and argparse's refusals
        code = int(done.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


def test_check_alerts_and_the_hall_data_read_in_english(
    capsys: pytest.CaptureFixture[str], hall: HallContext, english: None
) -> None:
    url = hall.db.url
    outputs = {
        "check": run(capsys, "--db", url, "check", "--date", WED.isoformat()),
        "alerts": run(capsys, "--db", url, "alerts", "--history"),
        "open window 9": run(capsys, "--db", url, "alerts", "--open", "--window", "9"),
        "windows": run(capsys, "--db", url, "window", "list"),
        "window history": run(capsys, "--db", url, "window", "history", "1"),
        "staff": run(capsys, "--db", url, "staff", "list"),
        "items": run(capsys, "--db", url, "item", "list"),
        "case": run(capsys, "--db", url, "case", "show", "C-TRIPS"),
        "no such window": run(capsys, "--db", url, "window", "history", "99"),
        "bad date": run(capsys, "--db", url, "check", "--date", "2026-13-01"),
    }
    check = outputs["check"][1]
    assert "Wednesday  working day  judged as of" in check
    assert "[Staffing]" in check and "[Alerts]" in check and "state: " in check
    assert "No.  Window  Kind" in outputs["alerts"][1] and "of them open." in outputs["alerts"][1]
    assert outputs["open window 9"][1].strip() == "Window 9 has no open alerts."
    assert "has no window numbered 99" in outputs["no such window"][1]
    assert "cannot be read: write it as YYYY-MM-DD" in outputs["bad date"][1]
    # What the rules stored when they ran (summaries, notes) is the alert's record, said by the rules' modules.
    data = data_of(hall, stored_texts=True)
    for name, (_code, text) in outputs.items():
        assert not_data(text, data) == [], name


def test_the_alerts_stored_sentences_are_english_when_the_rules_run_in_english(
    capsys: pytest.CaptureFixture[str], hall: HallContext, english: None
) -> None:
    code, text = run(capsys, "--db", hall.db.url, "check", "--date", WED.isoformat())
    assert code == 0
    _code, listed = run(capsys, "--db", hall.db.url, "alerts", "--history")
    # What the rules stored is Chinese, the hall's record; the reader in English reads it in English.
    for shown in (text, listed):
        assert not_data(shown, data_of(hall)) == []
    assert "Window 2 (税务局): cases whose applicant came more than once: 1" in text
    assert "holds  " in listed and "event  " in listed
    with hall.db.session() as session:
        stored = list(session.scalars(select(Alert.summary)))
    assert stored and all(HAN.search(summary) for summary in stored)


def test_an_import_error_reads_in_english(
    capsys: pytest.CaptureFixture[str], hall: HallContext, english: None, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "staff.csv", STAFF_HEADER, [["1002", "", "市税务局", "临时工"]])
    code, text = run(capsys, "--db", hall.db.url, "import", "staff", str(path))
    assert code == 1
    assert "Correct the rows above and import again, or add --skip-invalid" in text
    # The header's column names and the file's values are data: the center's format and what was typed.
    data = [*data_of(hall), *STAFF_HEADER, "市税务局", "临时工"]
    assert not_data(text, data) == []
    assert "Import of staff: nothing was written; rows with errors: 1 of 1" in text
    assert "Row 2, column “姓名”: cannot be empty" in text
    assert "Row 2, column “人员类别”: “临时工” is not one of the choices: " in text


def test_the_hall_key_and_help_read_in_english(
    capsys: pytest.CaptureFixture[str], hall: HallContext, english: None
) -> None:
    code, status = run(capsys, "--db", hall.db.url, "key", "status")
    assert status.strip() == "This PC holds the hall key."
    code, helped = run(capsys, "--help")
    assert code == 0 and helped.startswith("usage: hallmonitor")
    assert "options:" in helped and "print a day's staffing verdicts, flags and alerts" in helped
    code, refused = run(capsys, "import", "rosters", "x.xlsx")
    assert code == 2 and "error: argument kind: invalid choice: 'rosters'" in refused
    for text in (status, helped, refused):
        assert not_data(text, sorted(VOCABULARY, key=len, reverse=True)) == []


def test_chinese_is_the_default_down_to_argparses_words(
    capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.delenv("HALLMONITOR_LANG", raising=False)
    code, helped = run(capsys, "--help")
    assert code == 0 and helped.startswith("用法：hallmonitor")
    assert "选项:" in helped and "显示某一天的人员配置判定、标记和预警" in helped
    code, refused = run(capsys, "check", "--no-such-option")
    assert code == 2 and "hallmonitor：错误：无法识别的参数：--no-such-option" in refused


def write_preference(folder: Path, language: str) -> None:
    (folder / "HallMonitor").mkdir(parents=True, exist_ok=True)
    (folder / "HallMonitor" / "HallMonitor.ini").write_text(f"[ui]\nlanguage={language}\n", encoding="utf-8")


def test_the_language_chosen_in_the_app_is_the_command_lines_unless_the_environment_says_otherwise(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HALLMONITOR_SETTINGS_DIR", str(tmp_path))
    monkeypatch.delenv("HALLMONITOR_LANG", raising=False)
    write_preference(tmp_path, "en")
    assert run(capsys, "--help")[1].startswith("usage: hallmonitor")
    monkeypatch.setenv("HALLMONITOR_LANG", "zh_CN")
    assert run(capsys, "--help")[1].startswith("用法：hallmonitor")


#: ``hallmonitor --help``, then which Qt modules it loaded, on stderr.
HELP_WITHOUT_QT = """
import sys
from hallmonitor.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
print(sorted(name for name in sys.modules if name.startswith("PySide6")), file=sys.stderr)
"""


def test_the_installed_command_reads_the_apps_preference_without_qt(tmp_path: Path) -> None:
    write_preference(tmp_path, "en")
    env = {k: v for k, v in os.environ.items() if k != "HALLMONITOR_LANG"}
    env["HALLMONITOR_SETTINGS_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", HELP_WITHOUT_QT], capture_output=True, text=True, env=env, check=False
    )
    assert done.stdout.startswith("usage: hallmonitor"), done.stderr
    assert not HAN.search(done.stdout)
    assert done.stderr.strip() == "[]"
