"""大厅资料: the hall's departments, windows, staff and items, kept up to date in the app.

Each tab is a searchable table with its add and edit dialogs; below, the
history of the selected record says who changed what, when and why. Loading
runs off the UI thread; after a change the page announces it on the change
bus, so the board, the roster and the rules follow at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.services.hall_data import history, list_departments, list_items, list_staff, list_windows
from hallmonitor.ui.common import EmptyHint
from hallmonitor.ui.hall_data.actions import HallDataActions
from hallmonitor.ui.hall_data.models import DepartmentModel, HistoryModel, ItemModel, StaffModel, WindowModel
from hallmonitor.ui.hall_data.panel import TablePanel
from hallmonitor.ui.shell import ReloadWhenShown, UiEnv, owned_operation

#: Topics after which the page reads the hall's data again (an import of windows or staff, say).
RELOAD_TOPICS = frozenset({"windows", "staff", "items", "departments", "settings"})


class HallDataPage(HallDataActions, QWidget):
    data_ready = Signal()

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        QWidget.__init__(self, parent)
        self.env = env
        self._painted = False
        self._generation = 0
        self._history_generation = 0
        self._own_announcement = False
        self.dialog = None
        self._reload = ReloadWhenShown(self)

        self.departments = TablePanel("department", DepartmentModel(self), (220, 80, 80, 80))
        self.windows = TablePanel("window", WindowModel(self), (70, 190, 130, 110, 160, 120, 70, 100))
        self.staff = TablePanel("staff", StaffModel(self), (90, 90, 150, 150, 60, 110, 110))
        self.items = TablePanel("item", ItemModel(self), (130, 240, 130, 110, 70, 80, 80, 60, 90, 70))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.departments, self.tr("Departments"))
        self.tabs.addTab(self.windows, self.tr("Windows"))
        self.tabs.addTab(self.staff, self.tr("Staff"))
        self.tabs.addTab(self.items, self.tr("Items"))
        self.tabs.setCurrentWidget(self.windows)
        self.build_buttons()
        # An empty tab names its own add button, so the next step is on screen.
        import_hint = self.tr("File ▸ Import")
        for panel, text in (
            (self.departments, self.tr("No departments yet: click “%1” below, or %2.")),
            (
                self.windows,
                self.tr("No windows yet: click “%1” below, or %2. Each window belongs to a department."),
            ),
            (self.staff, self.tr("No staff yet: click “%1” below, or %2.")),
            (self.items, self.tr("No items yet: click “%1” below, or %2.")),
        ):
            first = panel.buttons.itemAt(0).widget()
            panel.empty_text = text.replace("%1", first.text() if first else "").replace("%2", import_hint)

        self.history_model = HistoryModel(self)
        self.history_table = QTableView()
        self.history_table.setModel(self.history_model)
        self.history_table.verticalHeader().hide()
        self.history_table.setAlternatingRowColors(True)
        self.history_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.history_table.setWordWrap(False)
        header = self.history_table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((130, 90, 100, 520)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.history_empty = EmptyHint(self.history_table)
        self.history_title = QLabel()
        self.history_title.setStyleSheet("font-weight: bold;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        history_box = QGroupBox(self.tr("History of the selected record"))
        box_layout = QVBoxLayout(history_box)
        box_layout.addWidget(self.history_title)
        box_layout.addWidget(self.history_table, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(history_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        title = QLabel(self.tr("Hall data"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(16)
        header.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)

        for panel in self.panels:
            panel.selection_changed.connect(self._selection_changed)
        self.tabs.currentChanged.connect(lambda _i: self._selection_changed())
        env.bus.changed.connect(self._on_changed)
        self._update_buttons()

    @property
    def panels(self) -> tuple[TablePanel, ...]:
        return (self.departments, self.windows, self.staff, self.items)

    @property
    def current_panel(self) -> TablePanel:
        return self.tabs.currentWidget()  # type: ignore[return-value]

    # --- loading ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        ctx = self.env.ctx

        def work(_progress):  # type: ignore[no-untyped-def]
            return list_departments(ctx), list_windows(ctx), list_staff(ctx), list_items(ctx)

        def done(result) -> None:  # type: ignore[no-untyped-def]
            if generation != self._generation:
                return
            for panel, rows in zip(self.panels, result, strict=True):
                chosen = getattr(panel.selected(), "id", None)
                panel.model.set_rows(rows)
                panel.select_id(chosen if chosen is not None else (rows[0].id if rows else None))
            self._selection_changed()
            if not self._painted:
                self._painted = True
                self.data_ready.emit()

        def failed(exc: BaseException) -> None:
            self.say(self.tr("Could not load the hall's data: %1").replace("%1", str(exc)), error=True)

        self.env.runner.start(
            owned_operation(self, "load hall data", work, on_success=done, on_failure=failed)
        )

    def _selection_changed(self) -> None:
        self._update_buttons()
        self.load_history()

    def load_history(self) -> None:
        self._history_generation += 1
        generation = self._history_generation
        panel = self.current_panel
        row = panel.selected()
        if row is None:
            self.history_empty.set_text("")
            self.history_model.set_rows([])
            self.history_title.setText(self.tr("Select a row to see who changed it, when and why."))
            return
        self.history_title.setText(self.describe(panel.entity, row))
        ctx, entity, row_id = self.env.ctx, panel.entity, row.id

        def done(entries) -> None:  # type: ignore[no-untyped-def]
            if generation == self._history_generation:
                self.history_empty.set_text(
                    self.tr(
                        "No change recorded yet: each change made here or by an import is listed "
                        "with who made it, when and why."
                    )
                )
                self.history_model.set_rows(entries)

        self.env.runner.start(
            owned_operation(self, "load history", lambda _p: history(ctx, entity, row_id), on_success=done)
        )

    def describe(self, entity: str, row) -> str:  # type: ignore[no-untyped-def]
        if entity == "window":
            return self.tr("Window %1 %2").replace("%1", row.number).replace("%2", row.name)
        if entity == "staff":
            return f"{row.name}（{row.staff_no}）"
        if entity == "item":
            return f"{row.code} {row.name}"
        return row.name

    def _on_changed(self, topic: str) -> None:
        if topic in RELOAD_TOPICS and not self._own_announcement:
            self._reload.request(self.refresh)

    def announce(self, *topics: str) -> None:
        """Tell the other pages; this page has already reloaded itself."""
        self._own_announcement = True
        try:
            for topic in topics:
                self.env.bus.announce(topic)
        finally:
            self._own_announcement = False
        self.refresh()

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #cf1322;" if error else "color: #237804;")
        self.message.setText(text)
