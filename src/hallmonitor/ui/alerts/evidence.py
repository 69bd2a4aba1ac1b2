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
from hallmonitor.ui.common import auxiliary_badge, category_name, formal_badge, session_name

#: Case number, time received; the two names share what is left.
COLUMN_WIDTHS = (188, 56, 96)

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


def _handler(handler: Handler | None, missing: str) -> tuple[str, str]:
    """The cell (the name and its 正/辅 mark) and its tooltip (the name and the category)."""
    if handler is None:
        return missing, missing
    badge = formal_badge() if handler.formal else auxiliary_badge()
    full = QCoreApplication.translate("NominalEvidence", "{name} ({category})").format(
        name=handler.name, category=category_name(handler.category)
    )
    return QCoreApplication.translate("NominalEvidence", "{name} ({badge})").format(
        name=handler.name, badge=badge
    ), full


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
        self.setIndentation(14)
        # Fixed widths: the case number and time are short, the two names share the rest, so both
        # fit the detail panel of a 1366-pixel screen without scrolling sideways.
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.setColumnWidth(column, width)

    def show_evidence(self, found: tuple[NominalEvidence, ...]) -> None:
        self.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for item in found:
            judgement, evidence = item.session.judgement, item.evidence
            title = QCoreApplication.translate("NominalEvidence", "{day} {session}: {outcome}").format(
                day=judgement.day.isoformat(),
                session=session_name(judgement.session),
                outcome=_t(_OUTCOMES[judgement.outcome]),
            )
            session = QTreeWidgetItem([title])
            session.setFont(0, bold)
            session.setToolTip(0, judgement.reason)
            on_roster = QCoreApplication.translate("NominalEvidence", "On the roster: {people}").format(
                people=QCoreApplication.translate("NominalEvidence", ", ").join(
                    officer_text(o) for o in evidence.officers
                )
            )
            officers = QTreeWidgetItem([on_roster])
            officers.setToolTip(0, on_roster)
            session.addChild(officers)
            formal = {o.staff_no for o in evidence.officers if o.formal}
            for case in evidence.cases:
                received = _handler(
                    case.receiver, QCoreApplication.translate("NominalEvidence", "not recorded")
                )
                approved = _handler(
                    case.approver, QCoreApplication.translate("NominalEvidence", "not approved")
                )
                row = QTreeWidgetItem([case.case_no, f"{case.received_at:%H:%M}", received[0], approved[0]])
                row.setToolTip(0, case.case_no)
                row.setToolTip(2, received[1])
                row.setToolTip(3, approved[1])
                if any(h is not None and h.staff_no in formal for h in (case.receiver, case.approver)):
                    for column in range(4):
                        row.setFont(column, bold)
                session.addChild(row)
            self.addTopLevelItem(session)
            # Spanning takes effect once the rows are in the view.
            session.setFirstColumnSpanned(True)
            officers.setFirstColumnSpanned(True)
        first = self.topLevelItem(0)
        if first is not None:
            first.setExpanded(True)
