"""The board's legend: what each colour counts, what a badge's fill means, and which fact wins.

A supervisor new to the board reads it once; the rule it states (colour and
word are this session's staffing, the ladder badge the alert still open) is
the one ``ui.common.look.ladder_badge`` applies, so the legend cannot promise
what a tile does not do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hallmonitor.domain.enums import StaffCategory
from hallmonitor.services.staffing import BoardSnapshot, DutyPerson, TileStatus
from hallmonitor.ui.common import ABSENT_COLOUR, PALETTE, formal_badge, person_badge_style

_ALARM = "color: #ffffff; background: #c62828; border: 1px solid #c62828; border-radius: 2px; padding: 0 3px;"
_PENDING = (
    f"color: {PALETTE[TileStatus.COMPLIANT][1]}; background: #ffffff; "
    f"border: 1px solid {PALETTE[TileStatus.COMPLIANT][1]}; border-radius: 2px; padding: 0 3px;"
)


def _chip(text: str, style: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"QLabel {{ {style} }}")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class BoardLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardLegend")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        first = QHBoxLayout()
        first.setSpacing(8)
        #: (statuses counted, text, label) per colour.
        self.colours: list[tuple[tuple[TileStatus, ...], str, QLabel]] = []
        for statuses, text in (
            ((TileStatus.COMPLIANT,), self.tr("Compliant")),
            ((TileStatus.AUXILIARY_ONLY,), self.tr("Auxiliary staff only")),
            ((TileStatus.UNSTAFFED, TileStatus.CLOSED), self.tr("Unstaffed or temporarily closed")),
            ((TileStatus.OUT_OF_SERVICE, TileStatus.NON_WORKING_DAY), self.tr("Not in service")),
        ):
            background, accent = PALETTE[statuses[0]]
            chip = QLabel()
            chip.setFixedSize(14, 14)
            chip.setStyleSheet(f"background: {background}; border: 2px solid {accent}; border-radius: 3px;")
            label = QLabel(text)
            self.colours.append((statuses, text, label))
            first.addWidget(chip)
            first.addWidget(label)
            first.addSpacing(6)
        first.addSpacing(18)
        mark = formal_badge()
        for attendance, text in (
            (True, self.tr("Confirmed present")),
            (None, self.tr("Planned, not confirmed")),
            (False, self.tr("Absent")),
        ):
            person = DutyPerson("", "", StaffCategory.CIVIL_SERVANT, attendance)
            first.addWidget(_chip(f" {mark} ", person_badge_style(person)))
            label = QLabel(text)
            if attendance is False:
                label.setStyleSheet(f"color: {ABSENT_COLOUR}; text-decoration: line-through;")
            first.addWidget(label)
            first.addSpacing(6)
        first.addStretch(1)
        outer.addLayout(first)

        second = QHBoxLayout()
        second.setSpacing(8)
        for text, style in (
            (self.tr("Ordered to correct"), _ALARM),
            (self.tr("Corrected, awaiting sign-off"), _PENDING),
        ):
            second.addWidget(
                _chip(text, style), 0, Qt.AlignmentFlag.AlignTop
            )  # not as tall as the wrapped rule
        #: Which fact wins when the staffing now and the open alert differ.
        self.rule = QLabel(
            self.tr(
                "Colour and word: who is on duty this session. Badge: the staffing alert still open — "
                "red while the rule is still broken, outlined once a formal civil servant is on duty."
            )
        )
        self.rule.setObjectName("boardLegendRule")
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: #5f6368;")
        second.addWidget(self.rule, 1)
        outer.addLayout(second)

    def set_counts(self, snapshot: BoardSnapshot) -> None:
        for statuses, text, label in self.colours:
            count = sum(snapshot.count(s) for s in statuses)
            label.setText(self.tr("{text} {count}").format(text=text, count=count))
