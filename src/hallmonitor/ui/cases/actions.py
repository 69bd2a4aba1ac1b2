"""What a supervisor can still do from a case's dialog: record completion, special procedures, corrections.

Each action stores in the background and redraws the dialog from the case as
stored, with the dialog's buttons waiting meanwhile. The dialog's layout and
how it shows a case stay in ``dialog``; this mixin holds only the acting, so
the dialog's strings keep their translation context.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from hallmonitor.domain.enums import CaseStatus
from hallmonitor.services.cases import (
    CaseDetail,
    add_special_period,
    case_detail,
    complete_case,
    end_special_period,
)
from hallmonitor.services.hall import ServiceError
from hallmonitor.ui.cases.correction import CorrectionDialog, VoidDialog
from hallmonitor.ui.shell import UiEnv, show_error, start_save

__all__ = ["CaseActions"]


class CaseActions:
    """The acting half of ``CaseDialog``, which builds the widgets named here and shows the case."""

    env: UiEnv
    case_id: int
    detail: CaseDetail | None
    #: True once anything was stored, so the case list knows to reload.
    changed: bool
    busy_label: QLabel
    completed_edit: QDateTimeEdit
    outcome_combo: QComboBox
    completion_note: QLineEdit
    complete_button: QPushButton
    period_start: QDateEdit
    period_has_end: QCheckBox
    period_end: QDateEdit
    period_reason: QLineEdit
    add_period_button: QPushButton
    end_date: QDateEdit
    end_period_button: QPushButton
    correct_button: QPushButton
    void_button: QPushButton
    close_button: QPushButton
    error: QLabel

    def reload_later(self) -> None:
        raise NotImplementedError

    def show_detail(self, detail: CaseDetail) -> None:
        raise NotImplementedError

    def _error(self, text: str) -> None:
        raise NotImplementedError

    def record_completion(self) -> None:
        finished = self.completed_edit.dateTime().toPython()
        assert isinstance(finished, datetime)
        ctx, case_id, note, now = self.env.ctx, self.case_id, self.completion_note.text(), self.env.clock()
        status = CaseStatus(self.outcome_combo.currentData())
        self._act(
            "complete case", lambda: complete_case(ctx, case_id, finished, note, status=status, now=now)
        )

    def add_period(self) -> None:
        start = self.period_start.date().toPython()
        end = self.period_end.date().toPython() if self.period_has_end.isChecked() else None
        assert isinstance(start, date)
        ctx, case_id, reason, now = self.env.ctx, self.case_id, self.period_reason.text(), self.env.clock()
        self._act(
            "add special procedure",
            lambda: add_special_period(ctx, case_id, start, end, reason, now=now),
            self.period_reason.clear,
        )

    def end_period(self) -> None:
        if self.detail is None or self.detail.open_period is None:
            return
        period_id = self.detail.open_period.id
        end = self.end_date.date().toPython()
        assert isinstance(end, date)
        ctx, now = self.env.ctx, self.env.clock()
        self._act("end special procedure", lambda: end_special_period(ctx, period_id, end, now=now))

    def open_correction(self) -> CorrectionDialog | None:
        """The prefilled correction form, window-modal; the case reloads once it is saved."""
        try:
            version = self.detail.version if self.detail is not None else None
            dialog = CorrectionDialog(self.env, self.case_id, self, version=version)
        except ServiceError as exc:
            self._error(str(exc))
            return None
        dialog.accepted.connect(self._changed_elsewhere)
        dialog.rejected.connect(self.reload_later)  # perhaps refused: another PC changed the case meanwhile
        dialog.open()
        return dialog

    def open_void(self) -> VoidDialog | None:
        if self.detail is None:
            return None
        dialog = VoidDialog(self.env, self.case_id, self.detail.case_no, self, version=self.detail.version)
        dialog.accepted.connect(self._changed_elsewhere)
        dialog.rejected.connect(self.reload_later)
        dialog.open()
        return dialog

    def _changed_elsewhere(self) -> None:
        self.changed = True
        # Flags and alerts may move with a corrected approval or a void, not only the case list.
        self.env.bus.announce("cases")
        self.env.bus.announce("flags")
        self.reload_later()

    def _act(self, name: str, action: Callable[[], Any], after: Callable[[], None] | None = None) -> None:
        """Store in the background, then show the case as stored; the dialog's buttons wait meanwhile."""
        ctx, case_id, today = self.env.ctx, self.case_id, self.env.clock().date()

        def work() -> CaseDetail:
            action()
            # The write's result is the case as it now stands: the dialog redraws from it.
            return case_detail(ctx, case_id, as_of=today)

        def stored(detail: CaseDetail) -> None:
            self.changed = True
            self.env.bus.announce("cases")
            if after is not None:
                after()
            self.show_detail(detail)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ServiceError):
                self._error(str(exc))
            else:
                show_error(self, exc)

        self.error.hide()
        start_save(
            self,
            self.env.runner,
            name,
            work,
            controls=self._action_widgets(),
            label=self.busy_label,
            on_success=stored,
            on_failure=failed,
        )

    def _action_widgets(self) -> list[QWidget]:
        return [
            self.complete_button,
            self.add_period_button,
            self.end_period_button,
            self.correct_button,
            self.void_button,
            self.close_button,
        ]
