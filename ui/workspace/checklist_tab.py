"""対応チェックリスト: the GL 3-5-2 steps and the first actions for this kind, each with who did it, when, and a note."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.checklist import GROUP_ORDER, ChecklistGroup
from app.errors import BreachDeskError, ConcurrentEdit
from app.i18n import _, ngettext
from app.services.workspace.limits import MAX_NAME, MAX_SHORT_NOTE
from ui.workspace.conflict_dialog import Choice, ask
from ui.workspace.context import WorkspaceContext
from ui.workspace.fields import AutosaveLineEdit, datetime_edit, from_qdatetime, to_qdatetime

NOT_DONE = QDateTime(QDate(2000, 1, 1), QTime(0, 0))


class StepRow:
    """The widgets of one step; the tick, the name, the moment and the note each save on their own."""

    def __init__(self, tab: ChecklistTab, step) -> None:
        self.tab, self.step_id = tab, step.id
        ctx = tab.ctx
        self.check = QCheckBox(step.label)
        self.check.setChecked(step.done)
        self.check.setToolTip(step.why)
        self.check.toggled.connect(self._toggled)
        self.label = QLabel(step.label)
        self.label.setWordWrap(True)
        self.label.setToolTip(step.why)
        self.check.setText("")
        # Thirteen rows of four controls: each named by its step and its part, or a screen reader hears the same
        # group title thirteen times (issue 18 point 3).
        self.check.setAccessibleName(_("{step}: done").format(step=step.label))
        self.done_by = AutosaveLineEdit(step.done_by or "", self._save_done_by, ctx.reporter)
        self.done_by.setPlaceholderText(_("Who"))
        self.done_by.setAccessibleName(_("{step}: done by").format(step=step.label))
        self.done_by.setMaxLength(MAX_NAME)
        self.done_at: QDateTimeEdit = datetime_edit(step.done_at)
        self.done_at.setMinimumDateTime(NOT_DONE)
        self.done_at.setSpecialValueText(" ")  # blank until the step is ticked
        if step.done_at is None:
            self.done_at.setDateTime(NOT_DONE)
        self.done_at.editingFinished.connect(self._save_done_at)
        self.done_at.setAccessibleName(_("{step}: done on").format(step=step.label))
        self.note = AutosaveLineEdit(step.note, self._save_note, ctx.reporter)
        self.note.setPlaceholderText(_("Note"))
        self.note.setAccessibleName(_("{step}: note").format(step=step.label))
        self.note.setMaxLength(MAX_SHORT_NOTE)
        self._show_done(step.done)

    def _show_done(self, done: bool) -> None:
        self.done_by.setEnabled(done)
        self.done_at.setEnabled(done)

    def _toggled(self, done: bool) -> None:
        ctx = self.tab.ctx
        if not done and not self._confirm_undo():
            self.check.blockSignals(True)
            self.check.setChecked(True)
            self.check.blockSignals(False)
            return
        try:
            step = ctx.checklist.set_done(self.step_id, done)
        except BreachDeskError as error:
            ctx.reporter.failed.emit(error.user_text())
            return
        self.done_by.set_saved_text(step.done_by or "")
        self.done_at.setDateTime(to_qdatetime(step.done_at) if step.done_at is not None else NOT_DONE)
        self._show_done(done)
        self.tab.update_progress()
        ctx.reporter.saved.emit()

    def _confirm_undo(self) -> bool:
        """A second press of Space on a tick would silently erase the recorded date: ask first."""
        when = self.done_at.dateTime()
        answer = QMessageBox.question(
            self.tab,
            _("Response checklist"),
            _(
                "Mark “{step}” as not done? The date recorded ({date}) is cleared; the audit log keeps it."
            ).format(
                step=self.label.text(), date=when.toString("yyyy/MM/dd HH:mm") if when != NOT_DONE else "—"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _save_done_by(self, text: str) -> None:
        self._save_checked(self.done_by, "done_by", _("Who"), text, self.tab.ctx.checklist.set_done_by)

    def _save_done_at(self) -> None:
        if not self.check.isChecked() or self.done_at.dateTime() == NOT_DONE:
            return
        self.tab.ctx.checklist.set_done_at(self.step_id, from_qdatetime(self.done_at.dateTime()))
        self.tab.ctx.reporter.saved.emit()

    def _save_note(self, text: str) -> None:
        self._save_checked(self.note, "note", _("Note"), text, self.tab.ctx.checklist.set_note)

    def _save_checked(self, edit: AutosaveLineEdit, column: str, field: str, text: str, setter) -> None:
        """Saved against the text this screen showed: another PC's text is never silently replaced; the officer
        sees both (ui/workspace/conflict_dialog.py). Cancelled, the field stays red and unsaved."""
        shown = edit.saved_text()
        try:
            setter(self.step_id, text, seen_text=shown)
        except ConcurrentEdit as conflict:
            saved = str(conflict.saved.get(column) or "")
            choice = ask(self.tab, conflict, field, text, saved)
            if choice is Choice.CANCEL:
                raise
            if choice is Choice.OVERWRITE:
                setter(self.step_id, text, seen_text=saved)
            else:
                edit.set_saved_text(saved)


class ChecklistTab(QWidget):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: dict[str, StepRow] = {}
        self.body = QWidget()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.new_step = QLineEdit()
        self.new_step.setPlaceholderText(_("Add a step of your own"))
        self.new_step.setAccessibleName(_("Add a step of your own"))
        self.new_step.setMaxLength(MAX_NAME * 2)
        self.new_group = QComboBox()
        self.new_group.setAccessibleName(_("Group of the new step"))
        for group in GROUP_ORDER:
            self.new_group.addItem(group.label(), group.value)
        add = QPushButton(_("Add"))
        add.setAccessibleName(_("Add the step"))
        add.clicked.connect(self.add_custom)
        self.new_step.returnPressed.connect(self.add_custom)
        adder = QHBoxLayout()
        adder.addWidget(self.new_step, 1)
        adder.addWidget(self.new_group)
        adder.addWidget(add)
        self.progress = QLabel()
        headings = QHBoxLayout()  # what the columns are, so the placeholders are not the only label
        for text, stretch in ((_("Step"), 3), (_("Done by"), 1), (_("Done on"), 1), (_("Note"), 2)):
            heading = QLabel(text)
            heading.setStyleSheet("color: #555555")
            headings.addWidget(heading, stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addLayout(headings)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(adder)
        self.reload()

    def reload(self) -> None:
        steps = self.ctx.checklist.steps(self.ctx.incident_id)
        self.rows.clear()
        body = QWidget()
        layout = QVBoxLayout(body)
        for group in GROUP_ORDER:
            in_group = [s for s in steps if s.group is group]
            if not in_group:
                continue
            box = QGroupBox(group.label())
            grid = QGridLayout(box)
            grid.setColumnStretch(1, 3)
            grid.setColumnStretch(4, 2)
            for line, step in enumerate(in_group):
                row = StepRow(self, step)
                self.rows[step.code] = row
                grid.addWidget(row.check, line, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(row.label, line, 1)
                grid.addWidget(row.done_by, line, 2, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(row.done_at, line, 3, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(row.note, line, 4, Qt.AlignmentFlag.AlignTop)
                row.done_by.setMaximumWidth(130)
            layout.addWidget(box)
        layout.addStretch(1)
        self.scroll_area.setWidget(body)
        self.update_progress()

    def update_progress(self) -> None:
        done = sum(1 for row in self.rows.values() if row.check.isChecked())
        self.progress.setText(
            ngettext("{done} of {total} step done", "{done} of {total} steps done", len(self.rows)).format(
                done=done, total=len(self.rows)
            )
        )

    def add_custom(self) -> None:
        text = self.new_step.text().strip()
        if not text:
            return
        try:
            self.ctx.checklist.add_custom(
                self.ctx.incident_id, text, ChecklistGroup(self.new_group.currentData())
            )
        except BreachDeskError as error:
            self.ctx.reporter.failed.emit(error.user_text())
            return
        self.new_step.clear()
        self.ctx.reporter.saved.emit()
        self.reload()
