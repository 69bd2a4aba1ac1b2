"""审计记录 (audit trail): every change of the hall's data, who made it, when, on which computer, and
whether the chain of entries is still whole.

An 审计员 works here and nowhere else. The list is read newest first, a page at
a time as the view scrolls, cut by sequence number so that entries written
meanwhile on other PCs neither repeat nor shift what is shown; the filters
narrow it in the database. Selecting an entry shows its fields before and after
in full. 核验 recomputes the whole chain off the UI thread, as
``hallmonitor audit verify`` does, and says in one sentence whether it holds or
where it was first broken.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hallmonitor.services.audit import (
    ENTITY_KINDS,
    ChainVerdict,
    TrailEntry,
    TrailFilter,
    TrailPage,
    list_trail,
    trail_actors,
    verify_chain,
)
from hallmonitor.services.hall import ServiceError
from hallmonitor.ui.audit.filters import TrailFilterBar
from hallmonitor.ui.audit.models import FieldsModel, TrailModel
from hallmonitor.ui.audit.words import action_name, table_name
from hallmonitor.ui.shell import LoadGate, UiEnv, owned_operation, show_error

log = logging.getLogger("hallmonitor.ui")

#: Entries fetched at a time; scrolling to the end fetches the next page.
PAGE_SIZE = 200
_INTACT_STYLE = "background: #e6f4ea; color: #1b5e20; padding: 6px 10px; border-radius: 4px;"
_BROKEN_STYLE = (
    "background: #fdecea; color: #b3261e; padding: 6px 10px; border-radius: 4px; font-weight: bold;"
)
_BUSY_STYLE = "background: #f1f3f4; color: #3c4043; padding: 6px 10px; border-radius: 4px;"


class AuditPage(QWidget):
    data_ready = Signal()
    #: Emitted with the verdict once a check of the chain is back.
    verified = Signal(object)

    def __init__(self, env: UiEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.setObjectName("auditPage")
        self._gate = LoadGate()
        #: The filter of the list on screen: a page fetched for another one is dropped.
        self.shown_filter: TrailFilter | None = None
        self.selected: TrailEntry | None = None
        self.verdict: ChainVerdict | None = None
        #: The list starts below this sequence number (an entry the check found broken); None: the newest.
        self.start_before: int | None = None
        self._build()

    # --- layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 8)
        header = QHBoxLayout()
        title = QLabel(self.tr("Audit trail"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.shown_label = QLabel()
        self.shown_label.setObjectName("auditShown")
        self.shown_label.setStyleSheet("color: #5f6368;")
        self.verify_button = QPushButton(self.tr("Verify the chain"))
        self.verify_button.setObjectName("auditVerify")
        self.verify_button.setToolTip(
            self.tr("Recompute every entry's hash from the first one and name the first broken link.")
        )
        self.verify_button.clicked.connect(self.verify)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setObjectName("auditRefresh")
        refresh.clicked.connect(self.refresh)
        header.addWidget(title)
        header.addSpacing(16)
        header.addWidget(self.shown_label)
        header.addStretch(1)
        header.addWidget(self.verify_button)
        header.addWidget(refresh)
        outer.addLayout(header)

        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("auditVerdict")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict_label.hide()
        self.broken_button = QPushButton()
        self.broken_button.setObjectName("auditShowBroken")
        self.broken_button.hide()
        self.broken_button.clicked.connect(self.show_broken)
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.verdict_label, 1)
        verdict_row.addWidget(self.broken_button)
        outer.addLayout(verdict_row)

        self.filter_bar = TrailFilterBar()
        self.filter_bar.changed.connect(self._filters_changed)
        outer.addWidget(self.filter_bar)
        self.message_label = QLabel()
        self.message_label.setObjectName("auditMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b3261e;")
        self.message_label.hide()
        outer.addWidget(self.message_label)

        self.model = TrailModel(self)
        self.model.more_wanted.connect(self.load_more)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.fields_model = FieldsModel(self)
        self.fields = QTableView()
        self.fields.setObjectName("auditFields")
        self.fields.setModel(self.fields_model)
        self.fields.verticalHeader().setVisible(False)
        self.fields.setWordWrap(True)
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        fields_head = self.fields.horizontalHeader()
        fields_head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        fields_head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        fields_head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.entry_label = QLabel()
        self.entry_label.setObjectName("auditEntry")
        self.entry_label.setWordWrap(True)
        self.entry_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_button = QPushButton(self.tr("This record's history"))
        self.history_button.setObjectName("auditRecordHistory")
        self.history_button.setToolTip(self.tr("Show only the entries of the selected entry's record."))
        self.history_button.setEnabled(False)
        self.history_button.clicked.connect(self.show_record_history)
        detail = QGroupBox(self.tr("Selected entry"))
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.entry_label)
        detail_layout.addWidget(self.fields, 1)
        detail_layout.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignRight)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([900, 420])
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)
        self._show_entry(None)

    # --- loading ------------------------------------------------------------------------------
    def filters(self) -> TrailFilter:
        return self.filter_bar.current()

    def _filters_changed(self) -> None:
        self.start_before = None
        self.refresh()

    def refresh(self) -> None:
        if not self._gate.start():
            return
        ctx, wanted, before = self.env.ctx, self.filters(), self.start_before

        def work(_progress: Any) -> tuple[TrailPage, list[tuple[str, str]], TrailFilter]:
            return list_trail(ctx, wanted, before=before, limit=PAGE_SIZE), trail_actors(ctx), wanted

        self.env.runner.start(
            owned_operation(self, "audit trail", work, on_success=self._loaded, on_failure=self._load_failed)
        )

    def _loaded(self, result: tuple[TrailPage, list[tuple[str, str]], TrailFilter]) -> None:
        if not self._gate.finish():
            self.refresh()
            return
        page, accounts, wanted = result
        self.message_label.hide()
        self.filter_bar.set_actors(accounts)
        self.shown_filter = wanted
        kept = self.selected.seq if self.selected is not None else None
        self.model.set_entries(page.entries, page.next_before)
        self._say_shown()
        row = next((i for i, e in enumerate(self.model.entries) if e.seq == kept), None)
        if row is None and self.model.entries:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        else:
            self._show_entry(None)
        self.data_ready.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self._gate.fail()
        if isinstance(exc, ServiceError):  # a filter the services refuse: said where the filters are
            self.message_label.setText(str(exc))
            self.message_label.show()
            self.data_ready.emit()
        else:
            show_error(self, exc)

    def load_more(self) -> None:
        """The next page of the same list, below the last entry held, fetched off the UI thread."""
        ctx, wanted, before = self.env.ctx, self.shown_filter, self.model.next_before
        if wanted is None or before is None:
            return

        def arrived(page: TrailPage) -> None:
            if wanted == self.shown_filter and before == self.model.next_before:
                self.model.append(page.entries, page.next_before)
                self._say_shown()

        def failed(exc: BaseException) -> None:
            self.model.fetch_failed()
            show_error(self, exc)

        self.env.runner.start(
            owned_operation(
                self,
                "audit trail page",
                lambda _p: list_trail(ctx, wanted, before=before, limit=PAGE_SIZE),
                on_success=arrived,
                on_failure=failed,
            )
        )

    def _say_shown(self) -> None:
        count = len(self.model.entries)
        if self.start_before is not None and self.model.entries:
            text = self.tr("Showing {count} entries from #{seq} back").format(
                count=count, seq=self.model.entries[0].seq
            )
        elif self.model.next_before is not None:
            text = self.tr("Showing the latest {count} entries; scroll down for older ones").format(
                count=count
            )
        elif count:
            text = self.tr("{count} entries").format(count=count)
        else:
            text = self.tr("No entries match the filters")
        self.shown_label.setText(text)

    # --- one entry ----------------------------------------------------------------------------
    def _row_changed(self, current: Any, _previous: Any) -> None:
        if current.isValid() and 0 <= current.row() < len(self.model.entries):
            self._show_entry(self.model.entries[current.row()])

    def _show_entry(self, entry: TrailEntry | None) -> None:
        self.selected = entry
        self.fields_model.set_entry(entry)
        # An addition has no "before", a deletion no "after": the width goes to the side there is.
        self.fields.setColumnHidden(1, entry is not None and entry.action == "insert")
        self.fields.setColumnHidden(2, entry is not None and entry.action == "delete")
        self.history_button.setEnabled(entry is not None)
        if entry is None:
            self.entry_label.setText(self.tr("Select an entry to see its fields before and after."))
            return
        self.entry_label.setText(
            self.tr("#{seq} · {at} · {actor} on {pc}\n{action} {kind} {record}").format(
                seq=entry.seq,
                at=f"{entry.at:%Y-%m-%d %H:%M:%S}",
                actor=entry.actor,
                pc=entry.pc,
                action=action_name(entry.action),
                kind=table_name(entry.table),
                record=entry.row_key,
            )
        )

    def show_record_history(self) -> None:
        """Every entry of the selected entry's record, newest first."""
        entry = self.selected
        if entry is None:
            return
        key = next((k.key for k in ENTITY_KINDS if k.table == entry.table), None)
        if key is not None:
            self.filter_bar.show_record(key, entry.row_key)

    # --- the chain ------------------------------------------------------------------------------
    def verify(self) -> None:
        """Recompute the chain off the UI thread; the verdict is shown in a sentence above the list."""
        self.verify_button.setEnabled(False)
        self.broken_button.hide()
        self.verdict_label.setText(self.tr("Verifying the chain: every entry is recomputed from the first…"))
        self.verdict_label.setStyleSheet(_BUSY_STYLE)
        self.verdict_label.show()
        db = self.env.ctx.db
        self.env.runner.start(
            owned_operation(
                self,
                "verify audit chain",
                lambda _p: verify_chain(db),
                on_success=self._verified,
                on_failure=self._verify_failed,
            )
        )

    def _verified(self, verdict: ChainVerdict) -> None:
        self.verdict = verdict
        self.verify_button.setEnabled(True)
        self.verdict_label.setText(verdict.message)
        self.verdict_label.setStyleSheet(_INTACT_STYLE if verdict.intact else _BROKEN_STYLE)
        broken = verdict.broken_at
        self.broken_button.setVisible(not verdict.intact and broken is not None)
        if broken is not None:
            self.broken_button.setText(self.tr("Show entry #{seq}").format(seq=broken))
        log.info("audit chain verified on screen: %s", "intact" if verdict.intact else "broken")
        self.verified.emit(verdict)

    def show_broken(self) -> None:
        """The list from the first broken entry back, every filter cleared, that entry selected."""
        if self.verdict is None or self.verdict.broken_at is None:
            return
        self.filter_bar.clear(announce=False)
        self.selected = None
        self.start_before = self.verdict.broken_at + 1
        self.refresh()

    def _verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verdict_label.hide()
        show_error(self, exc)
