"""The add/edit dialogs of the hall's data, and the dated changes (停用/启用, 调离, a category from a day).

A dialog stays open when the service refuses what was typed and shows the
service's sentence under the fields, so nothing typed is lost to an error box.
OK stores in the background: a change writes the change log and tells the
rules from when to judge again, which on a shared database is more than the
window may stand still for; meanwhile the buttons wait and the dialog says
it is saving.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NamedTuple

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
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

from hallmonitor.domain.enums import CaseType, ItemCategory, StaffCategory, WindowKind
from hallmonitor.services.hall import DatabaseError, ServiceError, StaleRecord
from hallmonitor.services.hall_data import DepartmentRow, ItemInput, StaffInput, WindowInput
from hallmonitor.ui.common import category_name
from hallmonitor.ui.hall_data.words import case_type_name, item_category_name, kind_name
from hallmonitor.ui.shell import OperationRunner, is_saving, show_error, start_save


class Change(NamedTuple):
    """What OK stores, read from the fields on the UI thread: ``work()`` runs in the background,
    ``done(result)`` back on the UI thread once it is stored."""

    work: Callable[[], Any]
    done: Callable[[Any], None]


class FormDialog(QDialog):
    """A form whose OK stores ``submit(dialog)``'s change; a refusal is shown in the dialog, which stays open."""

    #: The row changed on another PC since the form was filled: the page shows it as it is now.
    stale = Signal()

    def __init__(
        self, title: str, submit: Callable[[FormDialog], Change], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.submit = submit
        # Where the change is stored; the page sets it before opening the dialog.
        self.runner: OperationRunner | None = None
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #cf1322;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.busy_label = QLabel()
        self.busy_label.setStyleSheet("color: #595959;")
        self.busy_label.hide()
        foot = QHBoxLayout()
        foot.addWidget(self.busy_label)
        foot.addWidget(self.buttons, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addLayout(foot)

    def accept(self) -> None:
        """Store in the background; the dialog closes once stored, or shows why not and stays open."""
        assert self.runner is not None, "the page sets the runner before opening the dialog"
        change = self.submit(self)

        def stored(result: Any) -> None:
            change.done(result)
            QDialog.accept(self)

        self.error.hide()
        start_save(
            self,
            self.runner,
            self.windowTitle(),
            change.work,
            controls=[self.buttons],
            label=self.busy_label,
            on_success=stored,
            on_failure=self._refused,
        )

    def reject(self) -> None:
        if not is_saving(self):  # Esc while storing: the change is on its way, the dialog waits for it
            super().reject()

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, ServiceError | DatabaseError):
            show_error(self, exc)
            return
        self.error.setText(str(exc))
        self.error.show()
        if isinstance(exc, StaleRecord):
            self.stale.emit()

    def department_combo(self, departments: Sequence[DepartmentRow], current: int | None) -> QComboBox:
        combo = QComboBox()
        for d in departments:
            combo.addItem(d.name, d.id)
        if current is not None:
            combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    @staticmethod
    def enum_combo(members: Sequence, name: Callable, current=None) -> QComboBox:  # type: ignore[no-untyped-def]
        combo = QComboBox()
        for m in members:
            combo.addItem(name(m), m.value)
        if current is not None:
            combo.setCurrentIndex(max(0, combo.findData(current.value)))
        return combo

    def reason_field(self, required: bool) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(self.tr("Why (kept in the history)") if not required else self.tr("Required"))
        self.form.addRow(self.tr("Reason") if not required else self.tr("Reason (required)"), edit)
        return edit


def _line(text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setMinimumWidth(260)
    return edit


class DepartmentDialog(FormDialog):
    def __init__(self, title: str, submit, name: str = "", parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(title, submit, parent)
        self.name_edit = _line(name)
        self.form.addRow(self.tr("Name"), self.name_edit)
        self.reason_edit = self.reason_field(required=False)


class WindowDialog(FormDialog):
    def __init__(  # type: ignore[no-untyped-def]
        self,
        title: str,
        submit,
        departments: Sequence[DepartmentRow],
        initial: WindowInput | None = None,
        parent=None,
    ) -> None:
        super().__init__(title, submit, parent)
        self.number_edit = _line(initial.number if initial else "")
        self.name_edit = _line(initial.name if initial else "")
        self.department = self.department_combo(departments, initial.department_id if initial else None)
        self.kind = self.enum_combo(
            list(WindowKind), kind_name, initial.kind if initial else WindowKind.DEPARTMENT
        )
        self.zone_edit = _line(initial.zone if initial else "")
        self.zone_edit.setPlaceholderText(self.tr("e.g. A区, where the tile stands on the board"))
        self.row_spin, self.col_spin = QSpinBox(), QSpinBox()
        for spin, value in (
            (self.row_spin, initial.grid_row if initial else 0),
            (self.col_spin, initial.grid_col if initial else 0),
        ):
            spin.setRange(0, 99)
            spin.setValue(value)
        self.form.addRow(self.tr("Number"), self.number_edit)
        self.form.addRow(self.tr("Name"), self.name_edit)
        self.form.addRow(self.tr("Department"), self.department)
        self.form.addRow(self.tr("Kind"), self.kind)
        self.form.addRow(self.tr("Zone"), self.zone_edit)
        self.form.addRow(self.tr("Board row"), self.row_spin)
        self.form.addRow(self.tr("Board column"), self.col_spin)
        self.reason_edit = self.reason_field(required=False)

    def values(self) -> WindowInput:
        return WindowInput(
            number=self.number_edit.text(),
            name=self.name_edit.text(),
            department_id=int(self.department.currentData() or 0),
            kind=WindowKind(self.kind.currentData()),
            zone=self.zone_edit.text(),
            grid_row=self.row_spin.value(),
            grid_col=self.col_spin.value(),
        )


class StaffDialog(FormDialog):
    """A new person's category is chosen here; an existing person's changes from a day (see DatedChangeDialog)."""

    def __init__(  # type: ignore[no-untyped-def]
        self,
        title: str,
        submit,
        departments: Sequence[DepartmentRow],
        initial: StaffInput | None = None,
        parent=None,
    ) -> None:
        super().__init__(title, submit, parent)
        self.staff_no_edit = _line(initial.staff_no if initial else "")
        self.name_edit = _line(initial.name if initial else "")
        self.department = self.department_combo(departments, initial.department_id if initial else None)
        self.category = self.enum_combo(
            list(StaffCategory), category_name, initial.category if initial else StaffCategory.CIVIL_SERVANT
        )
        self.category.setEnabled(initial is None)
        if initial is not None:
            self.category.setToolTip(self.tr("A category changes from a day: use Change category."))
        self.form.addRow(self.tr("Staff number"), self.staff_no_edit)
        self.form.addRow(self.tr("Name"), self.name_edit)
        self.form.addRow(self.tr("Department"), self.department)
        self.form.addRow(self.tr("Category"), self.category)
        self.reason_edit = self.reason_field(required=False)

    def values(self) -> StaffInput:
        return StaffInput(
            staff_no=self.staff_no_edit.text(),
            name=self.name_edit.text(),
            department_id=int(self.department.currentData() or 0),
            category=StaffCategory(self.category.currentData()),
        )


class ItemDialog(FormDialog):
    def __init__(  # type: ignore[no-untyped-def]
        self,
        title: str,
        submit,
        departments: Sequence[DepartmentRow],
        initial: ItemInput | None = None,
        parent=None,
    ) -> None:
        super().__init__(title, submit, parent)
        self.code_edit = _line(initial.code if initial else "")
        self.name_edit = _line(initial.name if initial else "")
        self.department = self.department_combo(departments, initial.department_id if initial else None)
        self.category = self.enum_combo(
            list(ItemCategory), item_category_name, initial.category if initial else ItemCategory.OTHER
        )
        self.case_type = self.enum_combo(
            list(CaseType), case_type_name, initial.case_type if initial else CaseType.PROMISED
        )
        self.promised, self.legal = QSpinBox(), QSpinBox()
        for spin, value in (
            (self.promised, initial.promised_days if initial else 0),
            (self.legal, initial.legal_days if initial else 0),
        ):
            spin.setRange(0, 999)
            spin.setSuffix(self.tr(" working days"))
            spin.setValue(value)
        self.admitted = QCheckBox(self.tr("Handled in the hall (进驻)"))
        self.admitted.setChecked(initial.admitted if initial else True)
        self.may_approve = QCheckBox(self.tr("The window may approve (授权到位)"))
        self.may_approve.setChecked(initial.window_may_approve if initial else True)
        self.form.addRow(self.tr("Code"), self.code_edit)
        self.form.addRow(self.tr("Name"), self.name_edit)
        self.form.addRow(self.tr("Department"), self.department)
        self.form.addRow(self.tr("Category"), self.category)
        self.form.addRow(self.tr("Case type"), self.case_type)
        self.form.addRow(self.tr("Promised time limit"), self.promised)
        self.form.addRow(self.tr("Legal time limit"), self.legal)
        self.form.addRow("", self.admitted)
        self.form.addRow("", self.may_approve)
        self.reason_edit = self.reason_field(required=False)

    def values(self) -> ItemInput:
        return ItemInput(
            code=self.code_edit.text(),
            name=self.name_edit.text(),
            department_id=int(self.department.currentData() or 0),
            category=ItemCategory(self.category.currentData()),
            case_type=CaseType(self.case_type.currentData()),
            promised_days=self.promised.value(),
            legal_days=self.legal.value(),
            admitted=self.admitted.isChecked(),
            window_may_approve=self.may_approve.isChecked(),
        )


class DatedChangeDialog(FormDialog):
    """A change that takes effect from a day (today at the latest), with a required reason."""

    def __init__(  # type: ignore[no-untyped-def]
        self,
        title: str,
        submit,
        intro: str,
        today: date,
        *,
        dated: bool = True,
        date_label: str = "",
        categories: Sequence[StaffCategory] = (),
        parent=None,
    ) -> None:
        super().__init__(title, submit, parent)
        label = QLabel(intro)
        label.setWordWrap(True)
        self.form.addRow(label)
        self.category: QComboBox | None = None
        if categories:
            self.category = self.enum_combo(list(categories), category_name)
            self.form.addRow(self.tr("New category"), self.category)
        self.day_edit: QDateEdit | None = None
        if dated:
            self.day_edit = QDateEdit(QDate(today.year, today.month, today.day))
            self.day_edit.setCalendarPopup(True)
            self.day_edit.setDisplayFormat("yyyy-MM-dd")
            self.day_edit.setMaximumDate(QDate(today.year, today.month, today.day))
            self.form.addRow(date_label or self.tr("From"), self.day_edit)
        self.reason_edit = self.reason_field(required=True)

    def day(self) -> date | None:
        if self.day_edit is None:
            return None
        d = self.day_edit.date()
        return date(d.year(), d.month(), d.day())

    def chosen_category(self) -> StaffCategory | None:
        return StaffCategory(self.category.currentData()) if self.category is not None else None
