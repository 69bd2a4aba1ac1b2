"""A sentence over an empty table saying why it is empty and what to do next.

A bare table with headings and nothing under them looks broken on a new
hall's first day; the page knows the reason (no windows yet, nothing matches
the filters) and says it where the rows would be. The sentence follows the
model: it shows whenever the table has no rows and hides as soon as it has.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyHint(QLabel):
    """Centred over ``view``'s viewport while its model has no rows."""

    def __init__(self, view: QAbstractItemView, text: str = "") -> None:
        super().__init__(text, view.viewport())
        self.view = view
        self.setObjectName("emptyHint")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet("color: #595959; font-size: 15px; padding: 24px; background: transparent;")
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update_shown)
        self.update_shown()

    def set_text(self, text: str) -> None:
        self.setText(text)
        self.update_shown()

    @property
    def shown(self) -> bool:
        """Whether the sentence is up (the table is empty and there is something to say)."""
        return not self.isHidden()

    def update_shown(self, *_args: object) -> None:
        empty = self.view.model().rowCount() == 0
        self.setVisible(empty and bool(self.text()))
        self._fit()

    def _fit(self) -> None:
        self.setGeometry(self.view.viewport().rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit()
        return False
