"""What the 大厅资料 page's buttons do: open a dialog, and on OK call the hall-data service.

Dialogs open window-modal without blocking (``open``), kept in ``self.dialog``
so a test can fill and accept them like a user. Each ``submit`` reads the
fields and returns the change: the service call, run off the UI thread, and
what follows once it is stored, on it. Each change is announced on the
change bus under the topics the other pages listen to.
"""

from __future__ import annotations

from datetime import date, datetime

from hallmonitor.domain.enums import StaffCategory, WindowState
from hallmonitor.services.hall_data import (
    add_department,
    add_item,
    add_staff,
    add_window,
    change_category,
    edit_item,
    edit_staff,
    edit_window,
    leave_staff,
    rename_department,
    return_staff,
    set_item_active,
    set_window_state,
)
from hallmonitor.ui.common import category_name
from hallmonitor.ui.hall_data.dialogs import (
    Change,
    DatedChangeDialog,
    DepartmentDialog,
    FormDialog,
    ItemDialog,
    StaffDialog,
    WindowDialog,
)


class HallDataActions:
    """Mixed into HallDataPage, which provides env, the panels, say() and announce()."""

    def build_buttons(self) -> None:
        d, w, s, i = self.departments, self.windows, self.staff, self.items  # type: ignore[attr-defined]
        d.add_button(self.tr("Add department…"), self.add_department, needs_row=False)  # type: ignore[attr-defined]
        d.add_button(self.tr("Rename…"), self.rename_department)  # type: ignore[attr-defined]
        w.add_button(self.tr("Add window…"), self.add_window, needs_row=False)  # type: ignore[attr-defined]
        w.add_button(self.tr("Edit…"), self.edit_window)  # type: ignore[attr-defined]
        self.stop_button = w.add_button(self.tr("Set out of service…"), self.stop_window)  # type: ignore[attr-defined]
        self.open_button = w.add_button(self.tr("Open again…"), self.open_window)  # type: ignore[attr-defined]
        s.add_button(self.tr("Add person…"), self.add_person, needs_row=False)  # type: ignore[attr-defined]
        s.add_button(self.tr("Edit…"), self.edit_person)  # type: ignore[attr-defined]
        s.add_button(self.tr("Change category…"), self.change_category)  # type: ignore[attr-defined]
        self.leave_button = s.add_button(self.tr("Leave the hall…"), self.leave)  # type: ignore[attr-defined]
        self.return_button = s.add_button(self.tr("Return…"), self.come_back)  # type: ignore[attr-defined]
        i.add_button(self.tr("Add item…"), self.add_item, needs_row=False)  # type: ignore[attr-defined]
        i.add_button(self.tr("Edit…"), self.edit_item)  # type: ignore[attr-defined]
        self.deactivate_button = i.add_button(self.tr("Deactivate…"), self.deactivate_item)  # type: ignore[attr-defined]
        self.activate_button = i.add_button(self.tr("Activate…"), self.activate_item)  # type: ignore[attr-defined]

    def _update_buttons(self) -> None:
        for panel in self.panels:  # type: ignore[attr-defined]
            row = panel.selected()
            for n in range(panel.buttons.count()):
                button = panel.buttons.itemAt(n).widget()
                if button is not None and button.property("needs_row"):
                    button.setEnabled(row is not None)
        window = self.windows.selected()  # type: ignore[attr-defined]
        self.stop_button.setEnabled(window is not None and window.state is not WindowState.OUT_OF_SERVICE)
        self.open_button.setEnabled(window is not None and window.state is WindowState.OUT_OF_SERVICE)
        person = self.staff.selected()  # type: ignore[attr-defined]
        self.leave_button.setEnabled(person is not None and person.active)
        self.return_button.setEnabled(person is not None and not person.active)
        item = self.items.selected()  # type: ignore[attr-defined]
        self.deactivate_button.setEnabled(item is not None and item.active)
        self.activate_button.setEnabled(item is not None and not item.active)

    # --- helpers ----------------------------------------------------------------------------------

    @property
    def _ctx(self):  # type: ignore[no-untyped-def]
        return self.env.ctx  # type: ignore[attr-defined]

    def _now(self) -> datetime:
        return self.env.clock().replace(microsecond=0)  # type: ignore[attr-defined]

    def _today(self) -> date:
        return self._now().date()

    def _show(self, dialog: FormDialog) -> None:
        self.dialog = dialog
        dialog.runner = self.env.runner  # type: ignore[attr-defined]
        dialog.stale.connect(self.refresh)  # type: ignore[attr-defined]
        dialog.open()

    def _done(self, text: str, *topics: str) -> None:
        self.say(text)  # type: ignore[attr-defined]
        self.announce(*topics)  # type: ignore[attr-defined]

    def _department_rows(self):  # type: ignore[no-untyped-def]
        return self.departments.model.rows  # type: ignore[attr-defined]

    # --- departments ------------------------------------------------------------------------------

    def add_department(self) -> None:
        def submit(dlg: DepartmentDialog) -> Change:
            ctx, name, reason, at = self._ctx, dlg.name_edit.text(), dlg.reason_edit.text(), self._now()
            text = self.tr("Department %1 added.").replace("%1", name.strip())
            return Change(
                lambda: add_department(ctx, name, reason=reason, at=at),
                lambda _result: self._done(text, "departments"),
            )

        self._show(DepartmentDialog(self.tr("Add department"), submit, parent=self))  # type: ignore[arg-type]

    def rename_department(self) -> None:
        row = self.departments.selected()  # type: ignore[attr-defined]
        if row is None:
            return

        def submit(dlg: DepartmentDialog) -> Change:
            ctx, name, reason, at = self._ctx, dlg.name_edit.text(), dlg.reason_edit.text(), self._now()
            return Change(
                lambda: rename_department(ctx, row.id, name, reason=reason, at=at),
                lambda _result: self._done(self.tr("Department renamed."), "departments", "windows", "staff"),
            )

        self._show(DepartmentDialog(self.tr("Rename department"), submit, row.name, parent=self))  # type: ignore[arg-type]

    # --- windows ----------------------------------------------------------------------------------

    def add_window(self) -> None:
        def submit(dlg: WindowDialog) -> Change:
            ctx, data, reason, at = self._ctx, dlg.values(), dlg.reason_edit.text(), self._now()
            text = self.tr("Window %1 added.").replace("%1", data.number.strip())
            return Change(
                lambda: add_window(ctx, data, reason=reason, at=at),
                lambda _result: self._done(text, "windows"),
            )

        dialog = WindowDialog(self.tr("Add window"), submit, self._department_rows(), parent=self)  # type: ignore[arg-type]
        self._show(dialog)

    def edit_window(self) -> None:
        row = self.windows.selected()  # type: ignore[attr-defined]
        if row is None:
            return

        def submit(dlg: WindowDialog) -> Change:
            ctx, data, reason, at = self._ctx, dlg.values(), dlg.reason_edit.text(), self._now()
            text = self.tr("Window %1 saved.").replace("%1", data.number.strip())
            return Change(
                lambda: edit_window(ctx, row.id, data, reason=reason, at=at, expected_version=row.version),
                lambda _result: self._done(text, "windows"),
            )

        title = self.tr("Edit window %1").replace("%1", row.number)
        self._show(WindowDialog(title, submit, self._department_rows(), row.as_input(), parent=self))  # type: ignore[arg-type]

    def _set_state(self, state: WindowState, title: str, intro: str) -> None:
        row = self.windows.selected()  # type: ignore[attr-defined]
        if row is None:
            return

        def submit(dlg: DatedChangeDialog) -> Change:
            ctx, reason, day, today, at = (
                self._ctx,
                dlg.reason_edit.text(),
                dlg.day(),
                self._today(),
                self._now(),
            )
            return Change(
                lambda: set_window_state(ctx, row.id, state, reason, from_day=day, today=today, at=at),
                lambda result: self._done(result.sentence(), "windows", "roster"),
            )

        self._show(
            DatedChangeDialog(title, submit, intro.replace("%1", row.number), self._today(), parent=self)
        )  # type: ignore[arg-type]

    def stop_window(self) -> None:
        self._set_state(
            WindowState.OUT_OF_SERVICE,
            self.tr("Set window out of service"),
            self.tr(
                "Window %1 is not judged from the chosen day on, and its roster from that day on is removed."
            ),
        )

    def open_window(self) -> None:
        self._set_state(
            WindowState.OPEN,
            self.tr("Open window again"),
            self.tr("Window %1 is open, and judged again, from the chosen day on."),
        )

    # --- staff ------------------------------------------------------------------------------------

    def add_person(self) -> None:
        def submit(dlg: StaffDialog) -> Change:
            ctx, data, reason, at = self._ctx, dlg.values(), dlg.reason_edit.text(), self._now()
            text = self.tr("%1 added.").replace("%1", data.name.strip())
            return Change(
                lambda: add_staff(ctx, data, reason=reason, at=at), lambda _result: self._done(text, "staff")
            )

        self._show(StaffDialog(self.tr("Add person"), submit, self._department_rows(), parent=self))  # type: ignore[arg-type]

    def edit_person(self) -> None:
        row = self.staff.selected()  # type: ignore[attr-defined]
        if row is None:
            return

        def submit(dlg: StaffDialog) -> Change:
            ctx, data, reason, at = self._ctx, dlg.values(), dlg.reason_edit.text(), self._now()
            text = self.tr("%1 saved.").replace("%1", data.name.strip())
            return Change(
                lambda: edit_staff(ctx, row.id, data, reason=reason, at=at, expected_version=row.version),
                lambda _result: self._done(text, "staff"),
            )

        title = self.tr("Edit %1").replace("%1", row.name)
        self._show(StaffDialog(title, submit, self._department_rows(), row.as_input(), parent=self))  # type: ignore[arg-type]

    def change_category(self) -> None:
        row = self.staff.selected()  # type: ignore[attr-defined]
        if row is None:
            return

        def submit(dlg: DatedChangeDialog) -> Change:
            ctx, category, reason = self._ctx, dlg.chosen_category(), dlg.reason_edit.text()
            day, today, at = dlg.day(), self._today(), self._now()
            text = self.tr("%1 is %2 from %3.").replace("%1", row.name).replace("%2", category_name(category))
            return Change(
                lambda: change_category(ctx, row.id, category, reason, from_day=day, today=today, at=at),
                lambda first: self._done(text.replace("%3", f"{first:%Y-%m-%d}"), "staff"),
            )

        intro = self.tr("%1 is now %2. Days before the chosen day keep the old category.")
        intro = intro.replace("%1", row.name).replace("%2", category_name(row.category))
        others = [c for c in StaffCategory if c is not row.category]
        dialog = DatedChangeDialog(
            self.tr("Change category"),
            submit,
            intro,
            self._today(),
            categories=others,
            parent=self,  # type: ignore[arg-type]
        )
        self._show(dialog)

    def leave(self) -> None:
        row = self.staff.selected()  # type: ignore[attr-defined]
        if row is None:
            return

        def submit(dlg: DatedChangeDialog) -> Change:
            ctx, reason, day, today, at = (
                self._ctx,
                dlg.reason_edit.text(),
                dlg.day(),
                self._today(),
                self._now(),
            )
            text = self.tr("%1 left the hall; %2 roster entries removed.").replace("%1", row.name)
            return Change(
                lambda: leave_staff(ctx, row.id, reason, on_day=day, today=today, at=at),
                lambda removed: self._done(text.replace("%2", str(removed)), "staff", "roster"),
            )

        intro = self.tr("%1 stays in the records; from the chosen day on they are off the roster.")
        dialog = DatedChangeDialog(
            self.tr("Leave the hall"),
            submit,
            intro.replace("%1", row.name),
            self._today(),
            date_label=self.tr("Left on"),
            parent=self,  # type: ignore[arg-type]
        )
        self._show(dialog)

    def come_back(self) -> None:
        row = self.staff.selected()  # type: ignore[attr-defined]
        if row is None:
            return

        def submit(dlg: DatedChangeDialog) -> Change:
            ctx, reason, at = self._ctx, dlg.reason_edit.text(), self._now()
            text = self.tr("%1 is on duty again.").replace("%1", row.name)
            return Change(
                lambda: return_staff(ctx, row.id, reason, at=at), lambda _result: self._done(text, "staff")
            )

        intro = self.tr("%1 may be rostered again.").replace("%1", row.name)
        self._show(
            DatedChangeDialog(self.tr("Return"), submit, intro, self._today(), dated=False, parent=self)
        )  # type: ignore[arg-type]

    # --- items ------------------------------------------------------------------------------------

    def add_item(self) -> None:
        def submit(dlg: ItemDialog) -> Change:
            ctx, data, reason, at = self._ctx, dlg.values(), dlg.reason_edit.text(), self._now()
            text = self.tr("Item %1 added.").replace("%1", data.code.strip())
            return Change(
                lambda: add_item(ctx, data, reason=reason, at=at), lambda _result: self._done(text, "items")
            )

        self._show(ItemDialog(self.tr("Add item"), submit, self._department_rows(), parent=self))  # type: ignore[arg-type]

    def edit_item(self) -> None:
        row = self.items.selected()  # type: ignore[attr-defined]
        if row is None:
            return

        def submit(dlg: ItemDialog) -> Change:
            ctx, data, reason, at = self._ctx, dlg.values(), dlg.reason_edit.text(), self._now()
            text = self.tr("Item %1 saved.").replace("%1", data.code.strip())
            return Change(
                lambda: edit_item(ctx, row.id, data, reason=reason, at=at, expected_version=row.version),
                lambda _result: self._done(text, "items", "cases"),
            )

        title = self.tr("Edit item %1").replace("%1", row.code)
        self._show(ItemDialog(title, submit, self._department_rows(), row.as_input(), parent=self))  # type: ignore[arg-type]

    def _set_item_active(self, active: bool, title: str, intro: str) -> None:
        row = self.items.selected()  # type: ignore[attr-defined]
        if row is None:
            return

        def submit(dlg: DatedChangeDialog) -> Change:
            ctx, reason, at = self._ctx, dlg.reason_edit.text(), self._now()
            return Change(
                lambda: set_item_active(ctx, row.id, active, reason, at=at),
                lambda sentence: self._done(sentence, "items"),
            )

        intro = intro.replace("%1", f"{row.code} {row.name}")
        self._show(DatedChangeDialog(title, submit, intro, self._today(), dated=False, parent=self))  # type: ignore[arg-type]

    def deactivate_item(self) -> None:
        self._set_item_active(
            False,
            self.tr("Deactivate item"),
            self.tr(
                "Item %1 can no longer be chosen for a new case; "
                "cases already registered keep it and can still be corrected."
            ),
        )

    def activate_item(self) -> None:
        self._set_item_active(
            True,
            self.tr("Activate item"),
            self.tr("Item %1 can be chosen for new cases again."),
        )
