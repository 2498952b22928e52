"""事実経過: an append-only timeline. Entries are never edited; a correction is a new entry that points at the old."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import BreachDeskError
from app.i18n import _
from app.services.workspace.limits import MAX_TIMELINE_TEXT
from ui.workspace.context import WorkspaceContext
from ui.workspace.fields import (
    LengthCounter,
    datetime_edit,
    from_qdatetime,
    hint_label,
    local_text,
    to_qdatetime,
)

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FOLD_LINES, FOLD_CHARS = 2, 160  # a folded entry: its first lines, so the date and author stay in view
TOOLTIP_CHARS = 1_000


def folded(text: str) -> tuple[str, bool]:
    """The first line(s) of an entry and whether something was left out (then 「…続きを表示」 follows)."""
    lines = text.splitlines() or [""]
    head = "\n".join(lines[:FOLD_LINES])
    cut = len(lines) > FOLD_LINES or len(head) > FOLD_CHARS
    head = head[:FOLD_CHARS]
    return (head + " " + _("… show the rest") if cut else head), cut


class TimelineTab(QWidget):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.correcting: int | None = None
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [_("When"), _("What happened"), _("Recorded by"), _("Recorded at")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAccessibleName(_("Timeline entries"))
        self.table.horizontalHeader().setAccessibleName(_("Columns of the timeline"))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._show_full)
        self.full_text = QPlainTextEdit()
        self.full_text.setReadOnly(True)
        self.full_text.setAccessibleName(_("Full text of the selected entry"))
        self.full_text.setPlaceholderText(_("Select an entry to read it in full."))
        self.full_text.hide()

        self.when_edit = datetime_edit()
        self.when_edit.setAccessibleName(_("When it happened"))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(_("What happened, who did what (one entry per event)"))
        self.text_edit.setAccessibleName(_("What happened"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMaximumHeight(90)
        self.text_edit.setMinimumHeight(40)
        self.counter = LengthCounter(self.text_edit, MAX_TIMELINE_TEXT)
        self.mode_label = QLabel()
        self.add_button = QPushButton(_("Add to the timeline"))
        self.add_button.clicked.connect(self.add_entry)
        self.correct_button = QPushButton(_("Correct the selected entry…"))
        self.correct_button.setEnabled(False)
        self.correct_button.clicked.connect(self.start_correction)
        self.cancel_button = QPushButton(_("Cancel the correction"))
        self.cancel_button.clicked.connect(self.cancel_correction)
        self.cancel_button.hide()
        # Enter writes a new line in the entry; Ctrl+Enter adds it (the tab's default action).
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(
                QKeySequence(keys), self.text_edit, self.add_entry, context=Qt.ShortcutContext.WidgetShortcut
            )
        self.add_button.setToolTip(_("Ctrl+Enter in the text adds the entry."))

        form = QHBoxLayout()
        form.addWidget(self.when_edit, 0, Qt.AlignmentFlag.AlignTop)
        form.addWidget(self.text_edit, 1)
        self.mode_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mode_label, 1)
        buttons.addWidget(self.counter)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "Entries cannot be changed or deleted. To fix one, select it and add a correction: "
                    "both stay in the record."
                )
            )
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.full_text)
        splitter.setChildrenCollapsible(False)
        self.table.setMinimumHeight(60)
        self.full_text.setMinimumHeight(40)
        layout.addWidget(splitter, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        entries = self.ctx.timeline.entries(self.ctx.incident_id)
        self.table.setRowCount(len(entries))
        numbers = {entry.id: index + 1 for index, entry in enumerate(sorted(entries, key=lambda e: e.id))}
        for row, entry in enumerate(entries):
            text = entry.text
            if entry.corrects_id is not None:
                text = _("[Correction of entry {n}] {text}").format(
                    n=numbers.get(entry.corrects_id, "?"), text=text
                )
            if entry.superseded:
                text = _("[Corrected by entry {n}] {text}").format(
                    n=numbers.get(entry.corrected_by_id or 0, "?"), text=text
                )
            shown, _cut = folded(text)
            cells = (local_text(entry.occurred_at), shown, entry.actor, local_text(entry.recorded_at))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(ENTRY_ID_ROLE, entry.id)
                item.setData(Qt.ItemDataRole.UserRole + 2, text)
                tip = text if column == 1 else value
                item.setToolTip(tip[:TOOLTIP_CHARS] + ("…" if len(tip) > TOOLTIP_CHARS else ""))
                if entry.superseded:
                    font = QFont(item.font())
                    font.setStrikeOut(True)
                    item.setFont(font)
                    item.setForeground(QBrush(QColor("#777777")))
                self.table.setItem(row, column, item)
        for column in (0, 2, 3):
            self.table.resizeColumnToContents(column)
        # Rows as tall as a folded entry, never as a 20,000-character one: the date and author stay in view.
        line = self.table.fontMetrics().lineSpacing()
        for row in range(self.table.rowCount()):
            self.table.setRowHeight(row, line * FOLD_LINES + 10)
        self.full_text.clear()
        self.full_text.hide()
        self.cancel_correction()

    def _selection_changed(self) -> None:
        self.correct_button.setEnabled(self.selected_entry() is not None)
        self._show_full()

    def _show_full(self, *_args: object) -> None:
        items = self.table.selectedItems()
        if not items:
            self.full_text.hide()
            return
        self.full_text.setPlainText(items[0].data(Qt.ItemDataRole.UserRole + 2))
        self.full_text.show()

    def has_draft(self) -> bool:
        """Text typed but not added yet: closing the window would lose it."""
        return bool(self.text_edit.toPlainText().strip())

    def selected_entry(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(ENTRY_ID_ROLE) if items else None

    def start_correction(self) -> None:
        entry_id = self.selected_entry()
        if entry_id is None:
            return
        entry = next(e for e in self.ctx.timeline.entries(self.ctx.incident_id) if e.id == entry_id)
        self.correcting = entry_id
        self.when_edit.setDateTime(to_qdatetime(entry.occurred_at))
        self.text_edit.setPlainText(entry.text)
        self.mode_label.setText(_("Correcting the selected entry: the original stays, marked as corrected."))
        self.add_button.setText(_("Add the correction"))
        self.cancel_button.show()
        self.text_edit.setFocus()

    def cancel_correction(self) -> None:
        self.correcting = None
        self.mode_label.setText("")
        self.add_button.setText(_("Add to the timeline"))
        self.cancel_button.hide()

    def add_entry(self) -> None:
        try:
            self.ctx.timeline.append(
                self.ctx.incident_id,
                from_qdatetime(self.when_edit.dateTime()),
                self.text_edit.toPlainText(),
                corrects_id=self.correcting,
            )
        except BreachDeskError as error:
            self.ctx.reporter.failed.emit(error.user_text())
            return
        self.text_edit.clear()
        self.ctx.reporter.saved.emit()
        self.reload()
