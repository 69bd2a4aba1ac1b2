"""设置: the hall, its session times, targets and thresholds, the work calendar, and the database.

Rule settings live in the database so every PC of the hall applies the same
rules; only a supervisor may change them, and anyone else who tries is told
so in a plain dialog rather than finding the fields silently locked.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.domain.enums import AlertKind
from hallmonitor.domain.permissions import Permission
from hallmonitor.domain.rule_settings import RuleSettings, SessionTimes
from hallmonitor.services.hall import ServiceError, load_settings, save_settings
from hallmonitor.services.settings import hall_name, rename_hall, session_times_problem
from hallmonitor.ui.common import alert_kind_name
from hallmonitor.ui.settings.accounts_panel import AccountsPanel
from hallmonitor.ui.settings.backups_panel import BackupsPanel
from hallmonitor.ui.settings.calendar_panel import CalendarPanel
from hallmonitor.ui.settings.database_panel import DatabasePanel
from hallmonitor.ui.settings.hall_key_panel import HallKeyPanel
from hallmonitor.ui.settings.language_panel import LanguagePanel
from hallmonitor.ui.shell import Operation, UiEnv, build_error_box, show_error, start_save


def _spin(low: int, high: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox(minimum=low, maximum=high)
    spin.setSuffix(suffix)
    return spin


def _percent() -> QDoubleSpinBox:
    spin = QDoubleSpinBox(minimum=0.0, maximum=100.0, decimals=1, singleStep=1.0)
    spin.setSuffix(" %")
    return spin


class RulesPanel(QWidget):
    """The hall's name and every RuleSettings field, saved together."""

    saved = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.loaded: RuleSettings | None = None
        self.error_box: QMessageBox | None = None
        days = self.tr(" working days")

        self.code_edit = QLineEdit(readOnly=True)
        self.code_edit.setToolTip(
            self.tr("The hall code identifies the hall in reports and cannot be changed.")
        )
        self.name_edit = QLineEdit()
        self.morning_start, self.morning_end = QTimeEdit(), QTimeEdit()
        self.afternoon_start, self.afternoon_end = QTimeEdit(), QTimeEdit()
        for edit in (self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end):
            edit.setDisplayFormat("HH:mm")
        self.correction_days = _spin(0, 30, days)
        self.escalation_count = _spin(1, 20, self.tr(" sessions"))
        self.escalation_days = _spin(1, 30, days)
        self.complaint_days = _spin(0, 30, days)
        self.rectify_days = _spin(1, 30, days)
        self.setup_days = _spin(1, 999, days)
        self.estate_days = _spin(1, 999, days)
        self.project_days = _spin(1, 999, days)
        self.one_trip = _percent()
        self.admitted = _percent()
        self.nominal_cases = _spin(1, 99, self.tr(" cases"))
        self.nominal_count = _spin(1, 20, self.tr(" sessions"))
        self.nominal_days = _spin(1, 30, days)
        self.alert_checks = {kind: QCheckBox(alert_kind_name(kind)) for kind in AlertKind}
        self.save_button = QPushButton(self.tr("Save settings"))
        self.revert_button = QPushButton(self.tr("Undo changes"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("settingsSaving")
        self.busy_label.setStyleSheet("color: #595959;")
        self.busy_label.hide()

        hall = QGroupBox(self.tr("Hall"))
        hall_form = QFormLayout(hall)
        hall_form.addRow(self.tr("Code"), self.code_edit)
        hall_form.addRow(self.tr("Name"), self.name_edit)
        sessions = QGroupBox(self.tr("Sessions"))
        session_grid = QGridLayout(sessions)
        for row, (label, start, end) in enumerate(
            [
                (self.tr("Morning"), self.morning_start, self.morning_end),
                (self.tr("Afternoon"), self.afternoon_start, self.afternoon_end),
            ]
        ):
            session_grid.addWidget(QLabel(label), row, 0)
            session_grid.addWidget(start, row, 1)
            session_grid.addWidget(QLabel("–"), row, 2)
            session_grid.addWidget(end, row, 3)
        session_grid.setColumnStretch(4, 1)
        ladder = QGroupBox(self.tr("Staffing ladder and complaints"))
        ladder_form = QFormLayout(ladder)
        ladder_form.addRow(self.tr("Deadline to correct, after the violating day"), self.correction_days)
        escalate = QHBoxLayout()
        escalate.addWidget(self.escalation_count)
        escalate.addWidget(QLabel(self.tr("within")))
        escalate.addWidget(self.escalation_days)
        escalate.addStretch(1)
        ladder_form.addRow(self.tr("Suggest closure after violations in"), escalate)
        ladder_form.addRow(self.tr("Complaints answered within"), self.complaint_days)
        ladder_form.addRow(self.tr("Other alerts rectified within"), self.rectify_days)
        targets = QGroupBox(self.tr("Targets (core indicators)"))
        target_form = QFormLayout(targets)
        target_form.addRow(self.tr("New enterprise setup"), self.setup_days)
        target_form.addRow(self.tr("Real-estate registration"), self.estate_days)
        target_form.addRow(self.tr("Investment project, approval to construction permit"), self.project_days)
        target_form.addRow(self.tr("Cases done in at most one trip"), self.one_trip)
        target_form.addRow(self.tr("Items admitted and authorised at the window"), self.admitted)
        nominal = QGroupBox(self.tr("Nominal presence (a formal officer on the roster who handles no case)"))
        nominal_form = QFormLayout(nominal)
        nominal_form.addRow(
            self.tr("Judge a session once its cases with a recorded receiver reach"), self.nominal_cases
        )
        suspect = QHBoxLayout()
        suspect.addWidget(self.nominal_count)
        suspect.addWidget(QLabel(self.tr("within")))
        suspect.addWidget(self.nominal_days)
        suspect.addStretch(1)
        nominal_form.addRow(self.tr("Alert to verify after suspected sessions in"), suspect)
        for form in (ladder_form, target_form, nominal_form):
            # Each number as wide as it needs: stretched over the column, a "3 working days" box
            # was as wide as the screen's half and its arrows far from its value. A row too long for
            # its column (English at 1366 px) puts its field under its label instead of scrolling.
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        alerts = QGroupBox(self.tr("Alerts raised"))
        alert_grid = QGridLayout(alerts)
        for n, check in enumerate(self.alert_checks.values()):
            alert_grid.addWidget(check, n // 3, n % 3)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.busy_label)
        buttons.addWidget(self.message, 1)
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        for box in (hall, sessions, ladder):
            left.addWidget(box)
        for box in (targets, nominal, alerts):
            right.addWidget(box)
        left.addStretch(1)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)

    def load(self) -> None:
        settings = load_settings(self.env.ctx)
        self.loaded = settings
        self.code_edit.setText(self.env.ctx.hall_code)
        self.name_edit.setText(hall_name(self.env.ctx))
        times = settings.session_times
        self.morning_start.setTime(QTime(times.morning_start))
        self.morning_end.setTime(QTime(times.morning_end))
        self.afternoon_start.setTime(QTime(times.afternoon_start))
        self.afternoon_end.setTime(QTime(times.afternoon_end))
        self.correction_days.setValue(settings.correction_deadline_working_days)
        self.escalation_count.setValue(settings.escalation_session_count)
        self.escalation_days.setValue(settings.escalation_window_working_days)
        self.complaint_days.setValue(settings.complaint_limit_working_days)
        self.rectify_days.setValue(settings.rectification_deadline_working_days)
        self.setup_days.setValue(settings.target_enterprise_setup_days)
        self.estate_days.setValue(settings.target_real_estate_days)
        self.project_days.setValue(settings.target_investment_project_days)
        self.one_trip.setValue(settings.target_one_trip_rate * 100)
        self.admitted.setValue(settings.target_admitted_rate * 100)
        self.nominal_cases.setValue(settings.nominal_case_threshold)
        self.nominal_count.setValue(settings.nominal_session_count)
        self.nominal_days.setValue(settings.nominal_window_working_days)
        for kind, check in self.alert_checks.items():
            check.setChecked(kind in settings.alerts_enabled)
        self.message.clear()

    def edited(self) -> RuleSettings:
        base = self.loaded or RuleSettings()
        times = SessionTimes(
            self.morning_start.time().toPython(),  # type: ignore[arg-type]
            self.morning_end.time().toPython(),  # type: ignore[arg-type]
            self.afternoon_start.time().toPython(),  # type: ignore[arg-type]
            self.afternoon_end.time().toPython(),  # type: ignore[arg-type]
        )
        return replace(
            base,
            session_times=times,
            correction_deadline_working_days=self.correction_days.value(),
            escalation_session_count=self.escalation_count.value(),
            escalation_window_working_days=self.escalation_days.value(),
            complaint_limit_working_days=self.complaint_days.value(),
            rectification_deadline_working_days=self.rectify_days.value(),
            target_enterprise_setup_days=self.setup_days.value(),
            target_real_estate_days=self.estate_days.value(),
            target_investment_project_days=self.project_days.value(),
            target_one_trip_rate=round(self.one_trip.value() / 100, 4),
            target_admitted_rate=round(self.admitted.value() / 100, 4),
            nominal_case_threshold=self.nominal_cases.value(),
            nominal_session_count=self.nominal_count.value(),
            nominal_window_working_days=self.nominal_days.value(),
            alerts_enabled=frozenset(k for k, c in self.alert_checks.items() if c.isChecked()),
        )

    def save(self) -> Operation | None:
        """Store the settings in the background; None when they were refused here or a save already runs."""
        settings = self.edited()
        problem = session_times_problem(settings.session_times)
        if problem:
            self._say(problem, error=True)
            return None
        ctx, at, name = self.env.ctx, self.env.clock(), self.name_edit.text()

        def store() -> None:
            # In force from now: what the rules decided before stays decided.
            save_settings(ctx, settings, at=at)
            if name.strip() != hall_name(ctx):
                rename_hall(ctx, name)

        def stored(_result: object) -> None:
            self.loaded = settings
            self._say(self.tr("Saved. Every PC of the hall applies these rules from now on."), error=False)
            self.env.bus.announce("settings")
            self.saved.emit()

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, ServiceError):
                show_error(self, exc)
                return
            self.error_box = build_error_box(self, exc)
            self.error_box.open()

        self.message.clear()
        return start_save(
            self,
            self.env.runner,
            "save settings",
            store,
            controls=[self.save_button, self.revert_button],
            label=self.busy_label,
            on_success=stored,
            on_failure=refused,
        )

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setStyleSheet("color: #cf1322;" if error else "color: #237804;")
        self.message.setText(text)


class SettingsPage(QWidget):
    data_ready = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self._painted = False
        self.rules = RulesPanel(env)
        self.calendar = CalendarPanel(env)
        self.database = DatabasePanel(env)
        self.backups = BackupsPanel(env)
        self.hall_key = HallKeyPanel(env)
        self.tabs = QTabWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rules)
        self.tabs.addTab(scroll, self.tr("Hall and rules"))
        self.tabs.addTab(self.calendar, self.tr("Work calendar"))
        self.tabs.addTab(self.database, self.tr("Database"))
        self.tabs.addTab(self.backups, self.tr("Backups"))
        self.tabs.addTab(self.hall_key, self.tr("Hall key"))
        self.language = LanguagePanel()
        self.tabs.addTab(self.language, self.tr("Language"))
        self.accounts: AccountsPanel | None = None
        if env.ctx.actor.may(Permission.MANAGE_ACCOUNTS):
            self.accounts = AccountsPanel(env)
            self.tabs.addTab(self.accounts, self.tr("Accounts"))
        # Every page shows the old data after a restore: the window opens again on the new.
        self.backups.restored.connect(lambda: env.bus.announce("restored"))
        # Shown above every tab: deadlines resting on guessed working days concern the whole hall.
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background: #fffbe6; border: 1px solid #ffe58f; color: #614700; padding: 8px; border-radius: 4px;"
        )
        self.banner.hide()
        title = QLabel(self.tr("Settings"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(title)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.calendar.warning_changed.connect(self._show_warning)
        env.bus.changed.connect(self._on_changed)

    def _show_warning(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def refresh(self) -> None:
        self.rules.load()
        self.calendar.refresh()
        self.database.refresh()
        self.backups.refresh()
        self.hall_key.refresh()
        if self.accounts is not None:
            self.accounts.load()
        if not self._painted:
            self._painted = True
            self.data_ready.emit()

    def _on_changed(self, topic: str) -> None:
        if topic == "settings":
            self.calendar.refresh()
