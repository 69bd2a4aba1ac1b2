"""The alert center's list read a page at a time, each page after the last alert of the one before."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from sqlalchemy import insert

from hallmonitor.domain.enums import AlertKind, AlertLevel, AlertState
from hallmonitor.services.alerts import AlertFilter, list_alerts
from hallmonitor.storage.models import Alert
from tests.support import builders as b

MON = datetime(2026, 5, 11, 9, 0)


@pytest.fixture
def alerts(hall):
    """Alerts of every state and level over windows "1" to "12" and none, many raised at the same moment."""
    windows = [b.window(hall, str(n)) for n in range(1, 13)] + [None]
    rng = random.Random(14)
    rows = []
    for n in range(90):
        rows.append(
            {
                "hall_id": hall.hall_id,
                "window_id": rng.choice(windows),
                "subject_key": f"test:{n}",
                "kind": rng.choice(list(AlertKind)),
                "level": rng.choice(list(AlertLevel)),
                "state": rng.choice(list(AlertState)),
                "raised_at": MON + timedelta(hours=rng.randrange(4)),  # ties: four moments for ninety
                "last_seen_at": MON,
                "summary": f"预警{n}",
            }
        )
    with hall.db.session() as s:
        s.execute(insert(Alert), rows)
    return hall


def _paged(hall, f: AlertFilter, size: int) -> list[int]:
    ids: list[int] = []
    last = None
    while True:
        page = list_alerts(hall, f, after=last, limit=size)
        ids += [r.id for r in page]
        if len(page) < size:
            return ids
        last = page[-1]


@pytest.mark.parametrize("by_window", [False, True])
def test_pages_read_after_the_last_row_are_the_whole_list(alerts, by_window):
    f = AlertFilter(by_window=by_window)
    whole = [r.id for r in list_alerts(alerts, f)]
    assert len(whole) == 90
    assert _paged(alerts, f, 7) == whole
    narrowed = AlertFilter(by_window=by_window, open_only=True)
    assert _paged(alerts, narrowed, 4) == [r.id for r in list_alerts(alerts, narrowed)]


def test_an_alert_raised_between_two_pages_neither_repeats_nor_hides_one(alerts):
    f = AlertFilter()
    first = list_alerts(alerts, f, limit=10)
    with alerts.db.session() as s:  # the newest and most severe: it sorts before every row read
        s.execute(
            insert(Alert).values(
                hall_id=alerts.hall_id,
                subject_key="test:new",
                kind=AlertKind.STAFFING,
                level=AlertLevel.SUGGEST_CLOSURE,
                state=AlertState.OPEN,
                raised_at=MON + timedelta(days=1),
                last_seen_at=MON,
            )
        )
    rest = list_alerts(alerts, f, after=first[-1])
    whole = [r.id for r in list_alerts(alerts, f)]
    assert [r.id for r in first + rest] == [i for i in whole if i not in {whole[0]}]
    assert len({r.id for r in first + rest}) == 90
