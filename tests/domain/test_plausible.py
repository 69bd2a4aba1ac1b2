"""What a stored fact may hold before the rules count from it, and how a left-out fact is named."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hallmonitor.domain.enums import CaseType
from hallmonitor.domain.plausible import Implausible, deadline_problem, skipped_sentence

MAY = datetime(2026, 5, 11, 9, 0)


@pytest.mark.parametrize(
    ("received", "case_type", "promised", "completed", "periods", "problem"),
    [
        (MAY, CaseType.PROMISED, 3650, None, [], None),
        (datetime(2000, 1, 1), CaseType.PROMISED, 0, datetime(2099, 12, 31, 23, 59), [], None),
        (
            datetime(9999, 12, 31, 10),
            CaseType.PROMISED,
            3,
            None,
            [],
            ("受理时间", datetime(9999, 12, 31, 10)),
        ),
        (datetime(1, 1, 1), CaseType.PROMISED, 3, None, [], ("受理时间", datetime(1, 1, 1))),
        (
            datetime(1999, 12, 31, 23, 59),
            CaseType.PROMISED,
            3,
            None,
            [],
            ("受理时间", datetime(1999, 12, 31, 23, 59)),
        ),
        (MAY, CaseType.PROMISED, 3_000_000, None, [], ("承诺时限", 3_000_000)),
        (MAY, CaseType.PROMISED, -1, None, [], ("承诺时限", -1)),
        # An immediate case is due the day it comes in, whatever its item's limit says.
        (MAY, CaseType.IMMEDIATE, 3_000_000, None, [], None),
        (MAY, CaseType.PROMISED, 3, datetime(9999, 12, 31), [], ("办结时间", datetime(9999, 12, 31))),
        # Finished before it came in: a typo, counted as finished the day it came in.
        (MAY, CaseType.PROMISED, 3, datetime(2026, 1, 1), [], None),
        (MAY, CaseType.PROMISED, 3, None, [(date(1, 1, 1), None)], ("特别程序开始日期", date(1, 1, 1))),
        (
            MAY,
            CaseType.PROMISED,
            3,
            None,
            [(date(2026, 5, 12), date(9999, 12, 31))],
            ("特别程序结束日期", date(9999, 12, 31)),
        ),
        (
            MAY,
            CaseType.PROMISED,
            3,
            None,
            [(date(2026, 5, 12), date(2026, 5, 1))],
            ("特别程序结束日期", date(2026, 5, 1)),
        ),
    ],
)
def test_the_first_fact_a_deadline_cannot_be_counted_from_is_named(
    received: datetime,
    case_type: CaseType,
    promised: int,
    completed: datetime | None,
    periods: list[tuple[date, date | None]],
    problem: tuple[str, object] | None,
) -> None:
    assert deadline_problem(received, case_type, promised, completed, periods) == problem


def test_a_value_is_shown_as_the_hall_writes_it_and_never_spans_lines() -> None:
    assert (
        str(Implausible.of("办件", "C01", "受理时间", datetime(1, 1, 1, 10)))
        == "办件 C01 受理时间 0001-01-01 10:00"
    )
    line = str(Implausible.of("办件", "C\n01\x1b[2J" + "9" * 1000, "跑动次数", 2**63 - 1))
    assert "\n" not in line and "\x1b" not in line and len(line) < 120
    assert line.startswith("办件 C\\x0a01\\x1b[2J999") and line.endswith("跑动次数 9223372036854775807")


def test_one_sentence_names_the_first_three_and_counts_them_all() -> None:
    assert skipped_sentence([]) is None
    found = [Implausible.of("办件", f"C0{n}", "跑动次数", -n) for n in range(1, 6)]
    sentence = skipped_sentence(found, 1200)
    assert sentence is not None
    assert sentence.startswith("有 1200 条记录的数据超出合理范围，已跳过：办件 C01 跑动次数 -1；办件 C02")
    assert "C04" not in sentence and "等 1200 条" in sentence
