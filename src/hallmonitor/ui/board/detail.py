"""What a click on a tile opens: the window's day (both sessions' roster, the cases) and its open alerts.

The tile can only hint at an alert (a badge, a count); the detail lists each
open one with a link that opens the alert center on it, so the supervisor goes
from "this window is amber" to acting on its order in one click.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import Session
from hallmonitor.services.staffing import SuspectedLine, TileAlert, TileDetail
from hallmonitor.ui.board.tiles import ordered_people, person_html
from hallmonitor.ui.common import (
    LEVEL_COLOURS,
    alert_kind_name,
    alert_level_name,
    alert_state_name,
    long_day_label,
    nominal_status_name,
    session_name,
    window_state_name,
)

ALERT_LINK = "alert:"
# The mark of a session suspected of 挂名: the ladder's amber, since the roster's word is in doubt.
NOMINAL_COLOUR = "#8a4b00"


def nominal_html(line: SuspectedLine) -> str:
    """Under a session's people: suspected of 挂名, how it stands, and why (the cases' handlers)."""
    title = QCoreApplication.translate("BoardTiles", "⚑ Suspected nominal presence ({status})").format(
        status=nominal_status_name(line)
    )
    return (
        f"<br><span style='color:{NOMINAL_COLOUR}; font-weight:bold;'>{escape(title)}</span>"
        f"<br><span style='color:#5f6368;'>{escape(line.reason)}</span>"
    )


def alert_html(alert: TileAlert) -> str:
    """One open alert: its kind and level as a link, then its state, date, deadline and summary."""
    colour = LEVEL_COLOURS.get(alert.level, ("", "#202124"))[1]
    title = f"{alert_kind_name(alert.kind)} · {alert_level_name(alert.level)}"
    facts = [
        alert_state_name(alert.state),
        QCoreApplication.translate("BoardTiles", "raised {date}").format(
            date=alert.raised_at.strftime("%Y-%m-%d %H:%M")
        ),
    ]
    if alert.deadline is not None:
        facts.append(
            QCoreApplication.translate("BoardTiles", "deadline {date}").format(
                date=alert.deadline.isoformat()
            )
        )
    summary = f"<br><span style='color:#5f6368;'>{escape(alert.summary)}</span>" if alert.summary else ""
    return (
        f"<a href='{ALERT_LINK}{alert.alert_id}' style='color:{colour}; font-weight:bold;'>{escape(title)}</a>"
        f" {escape(' · '.join(facts))}{summary}"
    )


class TileDetailDialog(QDialog):
    """Today's roster of one window in both sessions, the cases it received today, its open alerts."""

    #: The id of an alert whose link was clicked: the board asks the main window to show it.
    alert_requested = Signal(int)

    def __init__(self, detail: TileDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = detail
        self.setObjectName("tileDetail")
        self.setWindowTitle(
            QCoreApplication.translate("BoardTiles", "Window {number} · {department}").format(
                number=detail.number, department=detail.department
            )
        )
        self.resize(620, 520)
        layout = QVBoxLayout(self)
        heading = QLabel(
            f"<b>{escape(detail.number)} {escape(detail.name)}</b> — {escape(window_state_name(detail.state))}"
            f"<br>{escape(detail.department)} · {escape(long_day_label(detail.day))}"
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        nobody = escape(QCoreApplication.translate("BoardTiles", "Nobody on duty"))
        suspected = {line.session: line for line in detail.nominal}
        rows = []
        for session in (Session.MORNING, Session.AFTERNOON):
            people = ordered_people(detail.roster.get(session, ()))
            cell = (
                "<br>".join(person_html(p) for p in people)
                if people
                else f"<span style='color:#8a8a8a;'>{nobody}</span>"
            )
            if session in suspected:
                cell += nominal_html(suspected[session])
            rows.append(
                f"<tr><td style='padding-right:12px;' valign='top'><b>{escape(session_name(session))}</b></td>"
                f"<td>{cell}</td></tr>"
            )
        self.roster_label = QLabel(f"<table cellspacing='4'>{''.join(rows)}</table>")
        self.roster_label.setObjectName("detailRoster")
        self.roster_label.setTextFormat(Qt.TextFormat.RichText)
        self.roster_label.setWordWrap(True)
        layout.addWidget(self.roster_label)

        alerts_title = QCoreApplication.translate("BoardTiles", "Open alerts: {count}")
        layout.addWidget(QLabel(f"<b>{escape(alerts_title.format(count=len(detail.alerts)))}</b>"))
        #: One label per open alert; its link opens the alert center on it.
        self.alert_labels: list[QLabel] = []
        for alert in detail.alerts:
            label = QLabel(alert_html(alert))
            label.setObjectName("detailAlert")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
            label.setToolTip(QCoreApplication.translate("BoardTiles", "Open this alert in the alert center"))
            label.linkActivated.connect(self._link)
            self.alert_labels.append(label)
            layout.addWidget(label)

        layout.addWidget(
            QLabel(
                QCoreApplication.translate("BoardTiles", "Cases received today: {count}").format(
                    count=len(detail.cases)
                )
            )
        )
        self.cases = QTableWidget(len(detail.cases), 4)
        self.cases.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("BoardTiles", "Time"),
                QCoreApplication.translate("BoardTiles", "Case number"),
                QCoreApplication.translate("BoardTiles", "Item"),
                QCoreApplication.translate("BoardTiles", "Status"),
            ]
        )
        self.cases.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cases.verticalHeader().setVisible(False)
        for row, case in enumerate(detail.cases):
            values = (case.received_at.strftime("%H:%M"), case.case_no, case.item, case.status)
            for col, value in enumerate(values):
                self.cases.setItem(row, col, QTableWidgetItem(value))
        self.cases.horizontalHeader().setStretchLastSection(True)
        self.cases.resizeColumnsToContents()
        layout.addWidget(self.cases, 1)
        if not detail.cases:  # the count says it; an empty table would only look broken
            self.cases.hide()
            layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _link(self, href: str) -> None:
        if href.startswith(ALERT_LINK):
            self.alert_requested.emit(int(href[len(ALERT_LINK) :]))
