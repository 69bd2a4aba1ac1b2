"""The entry form a clerk fills at the window, without touching the mouse.

Enter moves to the next field and Ctrl+Enter saves from anywhere, because
clerks type case after case from paper forms. The ID number is checked on
every keystroke: a wrong check character is caught while the applicant is
still standing at the counter, not when the weekly report bounces.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import ApplicantType, ApprovalPlace
from hallmonitor.services.cases import (
    CaseInput,
    Choice,
    EntryChoices,
    InvalidCaseInput,
    check_applicant_id,
    register_case,
)
from hallmonitor.services.hall import ServiceError
from hallmonitor.ui.cases.words import applicant_type_name, approval_place_name
from hallmonitor.ui.shell import UiEnv, is_saving, saving_text, show_error, start_save

INVALID_STYLE = "border: 2px solid #cf1322; border-radius: 3px;"
_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _key_of(text: str) -> str:
    """The number or code a completion line starts with ("01 企业开办 · 市场监管局" → "01")."""
    parts = text.strip().split(maxsplit=1)
    return parts[0] if parts else ""


def _completer(parent: QObject, choices: list[Choice]) -> QCompleter:
    lines = [" ".join(p for p in (c.key, c.name, f"· {c.detail}" if c.detail else "") if p) for c in choices]
    completer = QCompleter(QStringListModel(lines, parent), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setMaxVisibleItems(12)
    return completer


class CaseForm(QWidget):
    """Emits ``saved(case_id)`` after a case was stored and the form cleared for the next one."""

    saved = Signal(int)

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.window_edit = QLineEdit(placeholderText=self.tr("Number or name"))
        self.item_edit = QLineEdit(placeholderText=self.tr("Code or name"))
        self.type_combo = QComboBox()
        for kind in ApplicantType:
            self.type_combo.addItem(applicant_type_name(kind), kind)
        self.name_edit = QLineEdit()
        self.id_edit = QLineEdit(placeholderText=self.tr("18 characters; may be left blank"))
        self.id_edit.setMaxLength(24)
        self.id_message = QLabel()
        self.id_message.setWordWrap(True)
        self.id_message.setStyleSheet("color: #cf1322;")
        self.id_message.hide()
        self.trips_spin = QSpinBox(minimum=0, maximum=99, value=1)
        self.place_combo = QComboBox()
        self.place_combo.addItem(self.tr("Not yet approved"), None)
        for place in ApprovalPlace:
            self.place_combo.addItem(approval_place_name(place), place)
        self.approver_edit = QLineEdit(placeholderText=self.tr("Staff number or name"))
        self.received_edit = QDateTimeEdit(displayFormat="yyyy-MM-dd HH:mm", calendarPopup=True)
        self.done_check = QCheckBox(self.tr("Completed on the spot"))
        self.case_no_edit = QLineEdit(placeholderText=self.tr("Blank: numbered automatically"))
        self.bundle_edit = QLineEdit(placeholderText=self.tr("Optional, e.g. for a new enterprise"))
        self.save_button = QPushButton(self.tr("Save and next (Ctrl+Enter)"))
        self.save_button.setDefault(True)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.message = QLabel()
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Window"), self.window_edit)
        form.addRow(self.tr("&Item"), self.item_edit)
        form.addRow(self.tr("Applicant type"), self.type_combo)
        form.addRow(self.tr("Applicant &name"), self.name_edit)
        form.addRow(self.tr("I&D number"), self.id_edit)
        form.addRow("", self.id_message)
        form.addRow(self.tr("Trips"), self.trips_spin)
        form.addRow(self.tr("Approval place"), self.place_combo)
        form.addRow(self.tr("Approver"), self.approver_edit)
        form.addRow(self.tr("Received at"), self.received_edit)
        form.addRow("", self.done_check)
        form.addRow(self.tr("Case number"), self.case_no_edit)
        form.addRow(self.tr("Bundle number"), self.bundle_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button, 1)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)

        # The order Enter walks; Tab follows the same order.
        self.fields: list[QWidget] = [
            self.window_edit,
            self.item_edit,
            self.type_combo,
            self.name_edit,
            self.id_edit,
            self.trips_spin,
            self.place_combo,
            self.approver_edit,
            self.received_edit,
            self.done_check,
            self.case_no_edit,
            self.bundle_edit,
        ]
        self._by_field = {
            "window": self.window_edit,
            "item": self.item_edit,
            "applicant_type": self.type_combo,
            "applicant_name": self.name_edit,
            "applicant_id": self.id_edit,
            "trips": self.trips_spin,
            "approval_place": self.place_combo,
            "approver": self.approver_edit,
            "approved_at": self.received_edit,
            "received_at": self.received_edit,
            "completed_at": self.received_edit,
            "case_no": self.case_no_edit,
        }
        for first, second in zip(self.fields, self.fields[1:], strict=False):
            QWidget.setTabOrder(first, second)
        for widget in self.fields:
            widget.installEventFilter(self)
        self.id_edit.textChanged.connect(self._check_id)
        self.type_combo.currentIndexChanged.connect(self._check_id)
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.clear)
        self.reset_time()

    # --- data ------------------------------------------------------------------------------

    def show_choices(self, choices: EntryChoices) -> None:
        """Fill the completers with the choices the page read in the background."""
        self.window_edit.setCompleter(_completer(self, [c for c in choices.windows if c.enabled]))
        self.item_edit.setCompleter(_completer(self, [c for c in choices.items if c.enabled]))
        self.approver_edit.setCompleter(_completer(self, choices.staff))

    def reset_time(self) -> None:
        self.received_edit.setDateTime(QDateTime(self.env.clock().replace(second=0, microsecond=0)))

    # Qt hands a str subclass back as a plain str, so combo data is turned back into its enum here.
    @property
    def applicant_type(self) -> ApplicantType:
        return ApplicantType(self.type_combo.currentData())

    @property
    def approval_place(self) -> ApprovalPlace | None:
        value = self.place_combo.currentData()
        return ApprovalPlace(value) if value else None

    def case_input(self) -> CaseInput:
        received = self.received_edit.dateTime().toPython()
        assert isinstance(received, datetime)
        return CaseInput(
            window_number=_key_of(self.window_edit.text()),
            item_code=_key_of(self.item_edit.text()),
            applicant_type=self.applicant_type,
            applicant_name=self.name_edit.text(),
            received_at=received,
            applicant_id=self.id_edit.text(),
            trips=self.trips_spin.value(),
            approval_place=self.approval_place,
            approver_no=_key_of(self.approver_edit.text()),
            completed_at=received if self.done_check.isChecked() else None,
            case_no=self.case_no_edit.text(),
            bundle_key=self.bundle_edit.text(),
        )

    # --- actions ------------------------------------------------------------------------------

    def save(self) -> None:
        """Store the case in the background; on a wrong field, say why and put the cursor there.

        The fields wait while it is stored: what is typed meanwhile would be
        cleared with the form for the next case.
        """
        self._mark(None)
        if self._check_id():
            self._fail(self.id_message.text(), self.id_edit)
            return
        data, ctx, now = self.case_input(), self.env.ctx, self.env.clock()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, InvalidCaseInput):
                self._fail(str(exc), self._by_field.get(exc.field))
            elif isinstance(exc, ServiceError):
                self._fail(str(exc), None)
            else:
                self.message.clear()
                show_error(self, exc)

        self.message.setStyleSheet("color: #595959;")
        start_save(
            self,
            self.env.runner,
            "register case",
            lambda: register_case(ctx, data, now=now),
            controls=[*self.fields, self.save_button, self.clear_button],
            on_success=lambda case_id: self._stored(case_id, data),
            on_failure=failed,
        )
        if is_saving(self):
            self.message.setText(saving_text())

    def _stored(self, case_id: int, data: CaseInput) -> None:
        self.message.setStyleSheet("color: #237804;")
        self.message.setText(self.tr("Saved. Ready for the next case."))
        self.clear(keep_window=True)
        self.saved.emit(case_id)
        self.env.bus.announce("cases")
        if data.approval_place is not None:
            self.env.bus.announce("flags")

    def clear(self, keep_window: bool = False) -> None:
        """Empty the form for the next applicant; the clerk usually stays at the same window."""
        if not keep_window:
            self.window_edit.clear()
            self.message.clear()
        for edit in (self.item_edit, self.name_edit, self.id_edit, self.approver_edit):
            edit.clear()
        for edit in (self.case_no_edit, self.bundle_edit):
            edit.clear()
        self.type_combo.setCurrentIndex(0)
        self.place_combo.setCurrentIndex(0)
        self.trips_spin.setValue(1)
        self.done_check.setChecked(False)
        self.reset_time()
        self._mark(None)
        self.window_edit.setFocus()
        self.window_edit.selectAll()

    def focus_first(self) -> None:
        self.window_edit.setFocus()
        self.window_edit.selectAll()

    # --- keyboard -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _RETURN_KEYS
        ):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save()
                return True
            if event.modifiers() == Qt.KeyboardModifier.NoModifier or event.modifiers() == (
                Qt.KeyboardModifier.KeypadModifier
            ):
                self._advance(watched)
                return True
        return super().eventFilter(watched, event)

    def _advance(self, current: QObject) -> None:
        if current not in self.fields:
            return
        position = self.fields.index(current)  # type: ignore[arg-type]
        if position + 1 < len(self.fields):
            target = self.fields[position + 1]
            target.setFocus(Qt.FocusReason.TabFocusReason)
            if isinstance(target, QLineEdit):
                target.selectAll()
        else:
            self.save_button.setFocus()

    # --- feedback -----------------------------------------------------------------------------

    def _check_id(self) -> str | None:
        """Red border and the reason while the number cannot be right."""
        problem = check_applicant_id(self.applicant_type, self.id_edit.text())
        self.id_edit.setStyleSheet(INVALID_STYLE if problem else "")
        self.id_message.setText(problem or "")
        self.id_message.setVisible(bool(problem))
        return problem

    @property
    def id_invalid(self) -> bool:
        return bool(self.id_message.text())

    def _fail(self, text: str, widget: QWidget | None) -> None:
        self.message.setStyleSheet("color: #cf1322;")
        self.message.setText(text)
        self._mark(widget)
        if widget is not None:
            widget.setFocus()

    def _mark(self, widget: QWidget | None) -> None:
        for field in set(self._by_field.values()):
            if field is not self.id_edit:
                field.setStyleSheet(INVALID_STYLE if field is widget else "")
