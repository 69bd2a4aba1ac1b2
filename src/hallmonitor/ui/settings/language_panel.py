"""界面语言: which language this PC's interface and messages speak, from the next start.

A per-user preference (QSettings), not a hall setting: two supervisors of one hall
may read it in different languages. It applies at the next start because widgets
translate their text when they are built, and the messages the services made
already are rendered; the panel says so instead of showing half a switch.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from hallmonitor.ui.shell import LANGUAGE_ENV, set_ui_language, stored_ui_language, ui_language

# Each language named in itself, so a user who cannot read the current one still finds theirs.
CHOICES = (("zh_CN", "简体中文"), ("en", "English"))


class LanguagePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.running = ui_language()
        self.combo = QComboBox()
        for code, name in CHOICES:
            self.combo.addItem(name, code)
        self.combo.setCurrentIndex(max(0, self.combo.findData(stored_ui_language())))
        self.combo.currentIndexChanged.connect(self._chosen)
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Interface language"), self.combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._say()

    def _chosen(self) -> None:
        set_ui_language(str(self.combo.currentData()))
        self._say()

    def _say(self) -> None:
        chosen = str(self.combo.currentData())
        if os.environ.get(LANGUAGE_ENV):
            self.note.setText(
                self.tr(
                    "The {variable} variable chooses the language on this PC; it wins over this choice."
                ).format(variable=LANGUAGE_ENV)
            )
        elif chosen != self.running:
            self.note.setText(self.tr("The interface and its messages change language at the next start."))
        else:
            self.note.setText(self.tr("This PC's choice, kept for your login only."))
