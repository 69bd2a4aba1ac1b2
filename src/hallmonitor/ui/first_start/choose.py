"""Which hall to open when one database holds several; the answer is remembered for that database."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

from hallmonitor.services.hall import HallSummary
from hallmonitor.ui.shell import app_settings


def _key(url: str) -> str:
    # One remembered hall per database: the URL (password and all) never goes into the file itself.
    return "halls/" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def remembered_hall(url: str) -> str | None:
    value = app_settings().value(_key(url), "")
    return str(value) if value else None


def remember_hall(url: str, code: str) -> None:
    settings = app_settings()
    settings.setValue(_key(url), code)
    settings.sync()


def choose_hall(
    parent: QWidget | None, url: str, halls: list[HallSummary], *, ask: bool = False
) -> str | None:
    """The code of the hall to open: the only one, the remembered one, or the one the user picks.

    None when the user cancels. ``ask`` asks even when a choice is remembered (File ▸ Switch hall).
    """
    if not halls:
        return None
    if len(halls) == 1:
        return halls[0].code
    codes = [h.code for h in halls]
    remembered = remembered_hall(url)
    if remembered in codes and not ask:
        return remembered
    labels = [f"{h.name}（{h.code}）" for h in halls]
    current = codes.index(remembered) if remembered in codes else 0
    label, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("ChooseHall", "Which hall?"),
        QCoreApplication.translate("ChooseHall", "This database holds several halls. Open:"),
        labels,
        current,
        False,
    )
    if not ok:
        return None
    code = codes[labels.index(label)]
    remember_hall(url, code)
    return code
