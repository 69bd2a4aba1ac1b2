"""The first start: the database holds no hall yet, so the supervisor sets one up.

Three ways on: create the hall here (code, name, session times; the official
calendar's coverage is shown so nobody is surprised in January), connect to a
hall's shared PostgreSQL database, or look at the demo hall, which lives in its
own file and leaves the real database untouched. After creating the hall, a
page offers to create its first administrator account (the hall then asks
everyone to sign in), and the last page offers the import templates in the order their rows depend on each
other, or entering the hall's data by hand on the 大厅资料 page.

The wizard opens databases through the function the composition root gives
it, so the UI never reaches storage itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from hallmonitor.domain.enums import Role
from hallmonitor.domain.rule_settings import RuleSettings, SessionTimes
from hallmonitor.services.accounts import add_account
from hallmonitor.services.hall import (
    ServiceError,
    hall_context,
    init_hall,
    list_halls,
    official_coverage,
    take_new_hall_key,
)
from hallmonitor.ui.first_start.admin_page import AdminPage
from hallmonitor.ui.first_start.key_page import KeyPage
from hallmonitor.ui.first_start.page_ids import ADMIN, HALL, KEY, NEXT, SHARED, START
from hallmonitor.ui.first_start.shared_page import SharedPage
from hallmonitor.ui.first_start.templates import TemplatesPanel
from hallmonitor.ui.shell import OperationRunner, run_and_wait

#: What the wizard ended with: "created" (a new hall), "shared" (a database that has halls) or "demo".
Outcome = str


@dataclass
class FirstStartResult:
    outcome: Outcome
    #: The database to open; for the demo, empty (the root knows where the demo lives).
    url: str = ""
    hall_code: str | None = None
    #: True when the supervisor chose to enter the hall's data by hand next.
    enter_by_hand: bool = False
    #: The first administrator's login, when the wizard created one.
    admin_login: str = ""


class StartPage(QWizardPage):
    def __init__(self, database_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to HallMonitor"))
        self.setSubTitle(
            self.tr("The database {name} holds no hall yet. How do you want to begin?").format(
                name=database_name
            )
        )
        self.create = QRadioButton(self.tr("Set up our hall in this database"))
        self.create.setObjectName("createHall")
        self.shared = QRadioButton(self.tr("Connect to our hall's shared database (PostgreSQL)"))
        self.shared.setObjectName("sharedDatabase")
        self.demo = QRadioButton(self.tr("Look at the demo hall first"))
        self.demo.setObjectName("demoHall")
        self.create.setChecked(True)
        group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        notes = {
            self.create: self.tr(
                "Enter the hall's code, name and opening hours; then its windows, staff and items."
            ),
            self.shared: self.tr("When other PCs of the hall already work on one database, use it here too."),
            self.demo: self.tr(
                "An invented hall with violations of every kind, kept in its own file: "
                "your database is not touched, and you can leave the demo at any time."
            ),
        }
        for button, note in notes.items():
            group.addButton(button)
            layout.addWidget(button)
            label = QLabel(note)
            label.setWordWrap(True)
            label.setContentsMargins(24, 0, 0, 12)
            label.setStyleSheet("color: #5f6368;")
            layout.addWidget(label)
        layout.addStretch(1)
        # The demo ends the wizard here: the button must read Finish as soon as it is chosen.
        group.buttonToggled.connect(self._relayout)

    def _relayout(self, *_args: Any) -> None:
        # QWizard lays out Next/Finish again when a page's finality is set, not when nextId() changes.
        self.setFinalPage(self.demo.isChecked())

    def nextId(self) -> int:
        if self.shared.isChecked():
            return SHARED
        if self.demo.isChecked():
            return -1
        return HALL


def _time_edit(value: Any, name: str) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setDisplayFormat("HH:mm")
    edit.setObjectName(name)
    return edit


class HallPage(QWizardPage):
    """The hall's code, name and half-day sessions; the hall is created when the page is left."""

    def __init__(self, wizard: FirstStartWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("The hall"))
        self.setSubTitle(
            self.tr(
                "The code names the hall in the weekly report for the center; the sessions decide who must be on duty when."
            )
        )
        self.code = QLineEdit()
        self.code.setObjectName("hallCode")
        self.code.setPlaceholderText(self.tr("e.g. 330100-ZW"))
        self.name = QLineEdit()
        self.name.setObjectName("hallName")
        self.name.setPlaceholderText(self.tr("e.g. 某某市政务服务中心"))
        times = SessionTimes()
        self.morning_start = _time_edit(times.morning_start, "morningStart")
        self.morning_end = _time_edit(times.morning_end, "morningEnd")
        self.afternoon_start = _time_edit(times.afternoon_start, "afternoonStart")
        self.afternoon_end = _time_edit(times.afternoon_end, "afternoonEnd")
        form = QFormLayout(self)
        form.addRow(self.tr("Hall code"), self.code)
        form.addRow(self.tr("Hall name"), self.name)
        form.addRow(self.tr("Morning session"), _pair(self.morning_start, self.morning_end))
        form.addRow(self.tr("Afternoon session"), _pair(self.afternoon_start, self.afternoon_end))
        self.calendar = QLabel()
        self.calendar.setObjectName("calendarCoverage")
        self.calendar.setWordWrap(True)
        form.addRow(self.tr("Working days"), self.calendar)
        self.problem = QLabel()
        self.problem.setObjectName("hallProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #cf1322;")
        form.addRow(self.problem)
        self.code.textChanged.connect(self.completeChanged)
        self.name.textChanged.connect(self.completeChanged)

    def initializePage(self) -> None:
        years = [self.wizard_.today.year, self.wizard_.today.year + 1]
        covered = official_coverage(years)
        known = [str(y) for y in years if covered[y]]
        missing = [str(y) for y in years if not covered[y]]
        text = ""
        if known:
            text = self.tr("The official holiday arrangements for {years} come with the app.").format(
                years=self.tr(", ").join(known)
            )
        if missing:
            text += self.tr(
                " {years} is not published yet: until it is imported (Settings), weekdays count as working days."
            ).format(years=self.tr(", ").join(missing))
        self.calendar.setText(text.strip())

    def isComplete(self) -> bool:
        return bool(self.code.text().strip() and self.name.text().strip())

    def session_times(self) -> SessionTimes:
        def t(edit: QTimeEdit) -> Any:
            return edit.time().toPython()

        return SessionTimes(
            t(self.morning_start), t(self.morning_end), t(self.afternoon_start), t(self.afternoon_end)
        )

    def nextId(self) -> int:
        return KEY

    def validatePage(self) -> bool:
        self.problem.clear()
        try:
            self.wizard_.create_hall(self.code.text(), self.name.text(), self.session_times())
        except ServiceError as exc:
            self.problem.setText(str(exc))
            return False
        return True


def _pair(first: QWidget, second: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(first)
    row.addWidget(QLabel("—"))
    row.addWidget(second)
    row.addStretch(1)
    return box


class NextPage(QWizardPage):
    """What to do next: the templates in dependency order, or entering the data by hand."""

    def __init__(self, wizard: FirstStartWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("The hall is created"))
        self.setSubTitle(
            self.tr(
                "Now the hall's windows, staff and items. Each list names what the one before it holds, "
                "so fill them in this order."
            )
        )
        layout = QVBoxLayout(self)
        self.by_hand = QRadioButton(self.tr("Enter them by hand now, on the Hall data page"))
        self.by_hand.setObjectName("enterByHand")
        self.from_excel = QRadioButton(self.tr("Fill in Excel templates and import them (File ▸ Import)"))
        self.from_excel.setObjectName("fromExcel")
        self.by_hand.setChecked(True)
        layout.addWidget(self.by_hand)
        layout.addWidget(self.from_excel)
        self.templates = TemplatesPanel(wizard.runner, self)
        layout.addWidget(self.templates)
        layout.addStretch(1)

    def validatePage(self) -> bool:
        self.wizard_.result.enter_by_hand = self.by_hand.isChecked()
        return True


class FirstStartWizard(QWizard):
    """Ends accepted with ``result`` saying what to open; rejected means quit."""

    def __init__(
        self,
        url: str,
        database_name: str,
        open_db: Callable[[str], Any],
        runner: OperationRunner,
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartWizard")
        self.setWindowTitle(self.tr("First start"))  # the desktop adds the app's name
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.url = url
        self.open_db = open_db
        self.runner = runner
        self.today = today or date.today()
        self.result = FirstStartResult("demo")
        self.start_page = StartPage(database_name)
        self.hall_page = HallPage(self)
        self.shared_page = SharedPage(self)
        self.next_page = NextPage(self)
        self.setPage(START, self.start_page)
        self.setPage(HALL, self.hall_page)
        self.setPage(SHARED, self.shared_page)
        self.setPage(NEXT, self.next_page)
        self.admin_page = AdminPage(self, NEXT)
        self.setPage(ADMIN, self.admin_page)
        # The 大厅密钥 made with the hall, shown on the key page; None when the database had one.
        self.new_key: str | None = None
        self.key_page = KeyPage(self, ADMIN)
        self.setPage(KEY, self.key_page)
        self.setStartId(START)
        self.resize(680, 520)

    def create_hall(self, code: str, name: str, times: SessionTimes) -> None:
        """Create the hall in the chosen database, off the UI thread; raises ServiceError."""
        url = self.url

        def work(_progress: Any) -> tuple[str, str | None]:
            db = self.open_db(url)
            try:
                init_hall(db, code, name, RuleSettings(session_times=times))
                return code.strip(), take_new_hall_key(db)
            finally:
                db.close()

        created, self.new_key = run_and_wait(
            self, self.runner, "create hall", work, self.tr("Creating the hall…")
        )
        self.result = FirstStartResult("created", url, created)
        self.next_page.templates.enable()

    def create_admin(self, login: str, name: str, password: str) -> None:
        """The hall's first administrator, off the UI thread; raises ServiceError."""
        url, code = self.url, self.result.hall_code

        def work(_progress: Any) -> str:
            db = self.open_db(url)
            try:
                add_account(hall_context(db, code=code), login, name, Role.ADMIN, password)
            finally:
                db.close()
            return login.strip()

        self.result.admin_login = run_and_wait(
            self, self.runner, "create administrator", work, self.tr("Creating the account…")
        )

    def use_shared(self, url: str) -> None:
        """Take the shared database: open it when it has halls, else go on to create one in it."""

        def work(_progress: Any) -> list[Any]:
            db = self.open_db(url)
            try:
                return list_halls(db)
            finally:
                db.close()

        halls = run_and_wait(
            self, self.runner, "open shared database", work, self.tr("Opening the database…")
        )
        self.url = url
        self.result = FirstStartResult("shared" if halls else "empty shared", url)

    def chose_demo(self) -> bool:
        return self.result.outcome == "demo" and self.start_page.demo.isChecked()
