"""Correcting a case (更正) and voiding it (作废), each with the reason the history keeps.

The correction form opens with the case as it stands, its number read-only,
so a supervisor changes only what was wrong and sees the rest; the ID number
stays blank because only its mask is stored, and blank keeps it. The service
checks everything the entry form checks and its sentence is shown in the form,
next to the field it names.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import ApplicantType, ApprovalPlace
from hallmonitor.services.cases import (
    CaseInput,
    InvalidCaseInput,
    correct_case,
    correction_input,
    void_case,
)
from hallmonitor.services.hall import ServiceError
from hallmonitor.ui.cases.words import applicant_type_name, approval_place_name
from hallmonitor.ui.shell import UiEnv, show_error, start_save

INVALID_STYLE = "border: 2px solid #cf1322; border-radius: 3px;"
_ERROR_STYLE = "color: #cf1322;"


def _key_of(text: str) -> str:
    parts = text.strip().split(maxsplit=1)
    return parts[0] if parts else ""


def _footer(dialog: CorrectionDialog | VoidDialog, buttons: QDialogButtonBox) -> QHBoxLayout:
    """The buttons, with the label that says a save is under way on their left."""
    dialog.busy = QLabel()
    dialog.busy.setStyleSheet("color: #595959;")
    dialog.busy.hide()
    row = QHBoxLayout()
    row.addWidget(dialog.busy)
    row.addWidget(buttons, 1)
    return row


def _moment_edit() -> QDateTimeEdit:
    return QDateTimeEdit(displayFormat="yyyy-MM-dd HH:mm", calendarPopup=True)


def _python(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime().toPython()
    assert isinstance(value, datetime)
    return value.replace(second=0, microsecond=0)


class CorrectionDialog(QDialog):
    """The entry form's fields, prefilled; accepted once the service stored the correction."""

    def __init__(
        self, env: UiEnv, case_id: int, parent: QWidget | None = None, *, version: int | None = None
    ) -> None:
        super().__init__(parent)
        self.env = env
        self.case_id = case_id
        #: The case as the dialog behind showed it: a save after another PC changed it is refused.
        self.version = version
        self.recorded: list[tuple[str, str, str]] = []
        self.original: CaseInput = correction_input(env.ctx, case_id)
        self.setWindowTitle(self.tr("Correct case %1").replace("%1", self.original.case_no))
        self.resize(520, 600)

        self.case_no_edit = QLineEdit(readOnly=True)
        self.case_no_edit.setStyleSheet("background: #f5f5f5;")
        self.window_edit = QLineEdit()
        self.item_edit = QLineEdit()
        self.type_combo = QComboBox()
        for kind in ApplicantType:
            self.type_combo.addItem(applicant_type_name(kind), kind)
        self.name_edit = QLineEdit()
        self.id_edit = QLineEdit(placeholderText=self.tr("Blank: keep the number on record"))
        self.received_edit = _moment_edit()
        self.trips_spin = QSpinBox(minimum=0, maximum=99)
        self.bundle_edit = QLineEdit()
        self.place_combo = QComboBox()
        self.place_combo.addItem(self.tr("Not yet approved"), None)
        for place in ApprovalPlace:
            self.place_combo.addItem(approval_place_name(place), place)
        self.approver_edit = QLineEdit(placeholderText=self.tr("Staff number"))
        self.approved_check = QCheckBox(self.tr("Approved at"))
        self.approved_edit = _moment_edit()
        self.completed_check = QCheckBox(self.tr("Completed at"))
        self.completed_edit = _moment_edit()
        self.reason_edit = QLineEdit(placeholderText=self.tr("Required: why the record was wrong"))
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.hide()
        self.approved_check.toggled.connect(self.approved_edit.setEnabled)
        self.completed_check.toggled.connect(self.completed_edit.setEnabled)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Case number"), self.case_no_edit)
        form.addRow(self.tr("Window"), self.window_edit)
        form.addRow(self.tr("Item"), self.item_edit)
        form.addRow(self.tr("Applicant type"), self.type_combo)
        form.addRow(self.tr("Applicant name"), self.name_edit)
        form.addRow(self.tr("ID number"), self.id_edit)
        form.addRow(self.tr("Received at"), self.received_edit)
        form.addRow(self.tr("Trips"), self.trips_spin)
        form.addRow(self.tr("Bundle number"), self.bundle_edit)
        form.addRow(self.tr("Approval place"), self.place_combo)
        form.addRow(self.tr("Approver"), self.approver_edit)
        form.addRow(self._paired(self.approved_check, self.approved_edit))
        form.addRow(self._paired(self.completed_check, self.completed_edit))
        form.addRow(self.tr("Reason"), self.reason_edit)
        self._by_field: dict[str, QWidget] = {
            "window": self.window_edit,
            "item": self.item_edit,
            "applicant_type": self.type_combo,
            "applicant_name": self.name_edit,
            "applicant_id": self.id_edit,
            "received_at": self.received_edit,
            "trips": self.trips_spin,
            "approval_place": self.place_combo,
            "approver": self.approver_edit,
            "approved_at": self.approved_edit,
            "completed_at": self.completed_edit,
            "case_no": self.case_no_edit,
            "reason": self.reason_edit,
        }
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save correction"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(_footer(self, self.buttons))
        self._prefill(self.original)

    def _paired(self, check: QCheckBox, edit: QDateTimeEdit) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(check)
        row.addWidget(edit, 1)
        return row

    def _prefill(self, data: CaseInput) -> None:
        self.case_no_edit.setText(data.case_no)
        self.window_edit.setText(data.window_number)
        self.item_edit.setText(data.item_code)
        self.type_combo.setCurrentIndex(self.type_combo.findData(data.applicant_type))
        self.name_edit.setText(data.applicant_name)
        self.received_edit.setDateTime(QDateTime(data.received_at))
        self.trips_spin.setValue(data.trips)
        self.bundle_edit.setText(data.bundle_key)
        self.place_combo.setCurrentIndex(self.place_combo.findData(data.approval_place))
        self.approver_edit.setText(data.approver_no)
        for check, edit, value in (
            (self.approved_check, self.approved_edit, data.approved_at),
            (self.completed_check, self.completed_edit, data.completed_at),
        ):
            check.setChecked(value is not None)
            edit.setEnabled(value is not None)
            edit.setDateTime(QDateTime(value or data.received_at))

    def case_input(self) -> CaseInput:
        place = self.place_combo.currentData()
        return CaseInput(
            window_number=_key_of(self.window_edit.text()),
            item_code=_key_of(self.item_edit.text()),
            applicant_type=ApplicantType(self.type_combo.currentData()),
            applicant_name=self.name_edit.text(),
            received_at=_python(self.received_edit),
            applicant_id=self.id_edit.text(),
            trips=self.trips_spin.value(),
            approval_place=ApprovalPlace(place) if place else None,
            approver_no=_key_of(self.approver_edit.text()),
            approved_at=_python(self.approved_edit) if self.approved_check.isChecked() else None,
            completed_at=_python(self.completed_edit) if self.completed_check.isChecked() else None,
            case_no=self.original.case_no,
            bundle_key=self.bundle_edit.text(),
        )

    def save(self) -> None:
        for widget in self._by_field.values():
            if widget is not self.case_no_edit:
                widget.setStyleSheet("")
        ctx, case_id, data, reason = self.env.ctx, self.case_id, self.case_input(), self.reason_edit.text()
        now, version = self.env.clock(), self.version

        def stored(recorded: object) -> None:
            self.recorded = recorded  # type: ignore[assignment]
            self.accept()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, InvalidCaseInput):
                self._fail(str(exc), self._by_field.get(exc.field))
            elif isinstance(exc, ServiceError):
                self._fail(str(exc), None)
            else:
                show_error(self, exc)

        self.message.hide()
        start_save(
            self,
            self.env.runner,
            "correct case",
            lambda: correct_case(ctx, case_id, data, reason, now=now, expected_version=version),
            controls=[self.buttons],
            label=self.busy,
            on_success=stored,
            on_failure=failed,
        )

    def _fail(self, text: str, widget: QWidget | None) -> None:
        self.message.setText(text)
        self.message.show()
        if widget is not None and widget is not self.case_no_edit:
            widget.setStyleSheet(INVALID_STYLE)
            widget.setFocus()


class VoidDialog(QDialog):
    """Says what voiding means, takes the reason, and voids only when the supervisor confirms."""

    def __init__(
        self,
        env: UiEnv,
        case_id: int,
        case_no: str,
        parent: QWidget | None = None,
        *,
        version: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.env = env
        self.case_id = case_id
        self.version = version
        self.setWindowTitle(self.tr("Void case %1").replace("%1", case_no))
        self.resize(460, 200)
        warning = QLabel(
            self.tr(
                "Case %1 will be marked voided. It stays in the case list and its history, but counts in no "
                "figure, chart, alert or weekly report from now on. This cannot be undone."
            ).replace("%1", case_no),
            wordWrap=True,
        )
        self.reason_edit = QLineEdit(placeholderText=self.tr("Required, e.g. entered twice"))
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(self.tr("Void this case"))
        self.confirm_button.setStyleSheet("color: #cf1322;")
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(_footer(self, self.buttons))

    def confirm(self) -> None:
        ctx, case_id, reason, now, version = (
            self.env.ctx, self.case_id, self.reason_edit.text(), self.env.clock(), self.version
        )  # fmt: skip

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ServiceError):
                self.message.setText(str(exc))
                self.message.show()
            else:
                show_error(self, exc)

        self.message.hide()
        start_save(
            self,
            self.env.runner,
            "void case",
            lambda: void_case(ctx, case_id, reason, now=now, expected_version=version),
            controls=[self.buttons],
            label=self.busy,
            on_success=lambda _result: self.accept(),
            on_failure=failed,
        )
