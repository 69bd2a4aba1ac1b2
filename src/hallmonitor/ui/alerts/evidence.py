"""What a 人员挂名 alert was judged on, session by session and case by case.

Before a supervisor confirms that a department's formal officer was there on
paper only, they read what the hall's own records say: who the roster had at
the window and whether each was marked present, and for every case who
received it and who approved it, with their categories. One row per session,
its roster and cases under it; a case a rostered formal officer touched is in
bold, so what speaks against the suspicion is not missed.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from hallmonitor.domain.nominal import Handler, NominalOutcome, Officer
from hallmonitor.services.staffing import NominalEvidence
from hallmonitor.ui.common import category_name, session_name

_OUTCOMES = {
    NominalOutcome.SUSPECTED: QT_TRANSLATE_NOOP("NominalEvidence", "suspected nominal presence"),
    NominalOutcome.NOT_SUSPECTED: QT_TRANSLATE_NOOP("NominalEvidence", "not suspected"),
    NominalOutcome.NOT_JUDGED: QT_TRANSLATE_NOOP("NominalEvidence", "not judged"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("NominalEvidence", text)


def officer_text(officer: Officer) -> str:
    """张三（公务员，已到岗）: the roster's word about one person."""
    if officer.attendance is None:
        attendance = QCoreApplication.translate("NominalEvidence", "planned")
    else:
        attendance = (
            QCoreApplication.translate("NominalEvidence", "present")
            if officer.attendance
            else QCoreApplication.translate("NominalEvidence", "absent")
        )
    return QCoreApplication.translate("NominalEvidence", "{name} ({category}, {attendance})").format(
        name=officer.name, category=category_name(officer.category), attendance=attendance
    )


def _handler(handler: Handler | None, missing: str) -> str:
    if handler is None:
        return missing
    return QCoreApplication.translate("NominalEvidence", "{name} ({category})").format(
        name=handler.name, category=category_name(handler.category)
    )


class NominalEvidenceView(QTreeWidget):
    """The sessions of a 人员挂名 alert, each opening onto its roster and its cases."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nominalEvidence")
        self.setColumnCount(4)
        self.setHeaderLabels(
            [
                QCoreApplication.translate("NominalEvidence", "Session / case"),
                QCoreApplication.translate("NominalEvidence", "Received"),
                QCoreApplication.translate("NominalEvidence", "Received by"),
                QCoreApplication.translate("NominalEvidence", "Approved by"),
            ]
        )
        self.setUniformRowHeights(True)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(True)

    def show_evidence(self, found: tuple[NominalEvidence, ...]) -> None:
        self.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for item in found:
            judgement, evidence = item.session.judgement, item.evidence
            title = f"{judgement.day.isoformat()} {session_name(judgement.session)}"
            session = QTreeWidgetItem([title, _t(_OUTCOMES[judgement.outcome])])
            session.setFont(0, bold)
            for column in (0, 1):
                session.setToolTip(column, judgement.reason)
            on_roster = QCoreApplication.translate("NominalEvidence", ", ").join(
                officer_text(o) for o in evidence.officers
            )
            officers = QTreeWidgetItem(
                [QCoreApplication.translate("NominalEvidence", "On the roster"), on_roster]
            )
            officers.setToolTip(1, on_roster)
            session.addChild(officers)
            formal = {o.staff_no for o in evidence.officers if o.formal}
            for case in evidence.cases:
                row = QTreeWidgetItem(
                    [
                        case.case_no,
                        f"{case.received_at:%H:%M}",
                        _handler(
                            case.receiver, QCoreApplication.translate("NominalEvidence", "not recorded")
                        ),
                        _handler(
                            case.approver, QCoreApplication.translate("NominalEvidence", "not approved")
                        ),
                    ]
                )
                if any(h is not None and h.staff_no in formal for h in (case.receiver, case.approver)):
                    for column in range(4):
                        row.setFont(column, bold)
                session.addChild(row)
            self.addTopLevelItem(session)
        first = self.topLevelItem(0)
        if first is not None:
            first.setExpanded(True)
