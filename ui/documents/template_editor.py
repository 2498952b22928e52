"""文面の編集: the office's wording of each document, with its placeholders, kept with the register.

Title, opening, the numbered sections (見出し + 本文) and the closing of one document kind; the list on the right
names every placeholder (double-click inserts it where the cursor is). 「既定に戻す」 brings back BreachDesk's
wording; the office's enquiry desk (窓口) is edited here too, since the notices and the announcement print it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.documents.context import ContactDesk
from app.documents.wording.compose import internal_text_warnings
from app.documents.wording.defaults import OUTSIDE_TEMPLATE_KEYS, PLACEHOLDERS
from app.documents.wording.templates import DocumentTemplate, Section, default_template, placeholders_in
from app.errors import BreachDeskError
from app.i18n import N_, _
from app.services.documents import TEMPLATE_KEYS, DocumentService
from ui.common.fit import initial_size

TEMPLATE_LABELS = {
    "report": N_("Breach report (preliminary, final, supplement)"),
    "notice_letter": N_("Notice to individuals (letter and e-mail)"),
    "entrustor_notice": N_("Notice to the entrusting business"),
    "publication": N_("Public announcement"),
    "internal_report": N_("Internal report"),
    "pmark_report": N_("Privacy Mark incident report"),
}


class TemplateEditorDialog(QDialog):
    def __init__(self, parent: QWidget | None, service: DocumentService, key: str = "notice_letter") -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(_("Wording of the documents"))
        self.kind_box = QComboBox()
        for template_key in TEMPLATE_KEYS:
            self.kind_box.addItem(_(TEMPLATE_LABELS[template_key]), template_key)
        self.title_edit = QLineEdit()
        self.opening_edit = QPlainTextEdit()
        self.closing_edit = QPlainTextEdit()
        self.sections = QListWidget()
        self.sections.setAccessibleName(_("Sections"))
        self.heading_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        self.add_button = QPushButton(_("Add section"))
        self.remove_button = QPushButton(_("Remove section"))
        self.reset_button = QPushButton(_("Restore BreachDesk's wording"))
        self.placeholders = QListWidget()
        self.placeholders.setAccessibleName(_("Placeholders (double-click to insert)"))
        for name, what in PLACEHOLDERS.items():
            item = QListWidgetItem("{" + name + "}")
            item.setToolTip(_(what))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.placeholders.addItem(item)
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        self.desk = {field: QLineEdit() for field in ("name", "phone", "hours", "email")}
        self._pending: dict[str, DocumentTemplate] = {}  # edits of every kind shown, saved together
        self._shown_key = key
        self._section_data: list[Section] = []
        self._current_section = -1
        self._last_editor: QLineEdit | QPlainTextEdit = self.opening_edit

        form = QFormLayout()
        form.addRow(_("Document"), self.kind_box)
        form.addRow(_("Document title"), self.title_edit)
        form.addRow(_("Opening"), self.opening_edit)
        section_box = QGroupBox(_("Sections (printed as １．見出し with their text)"))
        section_layout = QHBoxLayout(section_box)
        left = QVBoxLayout()
        left.addWidget(self.sections, 1)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.add_button)
        buttons_row.addWidget(self.remove_button)
        left.addLayout(buttons_row)
        right = QFormLayout()
        right.addRow(_("Heading"), self.heading_edit)
        right.addRow(_("Text"), self.body_edit)
        section_layout.addLayout(left, 1)
        section_layout.addLayout(right, 2)
        form.addRow(section_box)
        form.addRow(_("Closing"), self.closing_edit)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.check_label)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(_("Placeholders (double-click to insert)")))
        side_layout.addWidget(self.placeholders, 1)
        desk_box = QGroupBox(_("Enquiry desk printed on the notices"))
        desk_form = QFormLayout(desk_box)
        for field, label in (
            ("name", _("Name")),
            ("phone", _("Phone")),
            ("hours", _("Opening hours")),
            ("email", _("E-mail")),
        ):
            desk_form.addRow(label, self.desk[field])
        side_layout.addWidget(desk_box)
        splitter = QSplitter()
        splitter.addWidget(editor)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.sections.currentRowChanged.connect(self._select_section)
        self.add_button.clicked.connect(self._add_section)
        self.remove_button.clicked.connect(self._remove_section)
        self.reset_button.clicked.connect(self._reset)
        self.placeholders.itemDoubleClicked.connect(self._insert_placeholder)
        for line_edit in (self.title_edit, self.heading_edit):
            line_edit.textEdited.connect(self._edited)
        for text_edit in (self.opening_edit, self.body_edit, self.closing_edit):
            text_edit.textChanged.connect(self._edited)
        for widget in (
            self.title_edit,
            self.opening_edit,
            self.heading_edit,
            self.body_edit,
            self.closing_edit,
        ):
            widget.installEventFilter(self)
        desk = service.contact_desk()
        for field, edit in self.desk.items():
            edit.setText(getattr(desk, field))
        self.kind_box.blockSignals(True)
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(key), 0))
        self.kind_box.blockSignals(False)
        self._shown_key = self.key
        self._show(service.template(self.key))
        initial_size(self, 1100, 700)

    @property
    def key(self) -> str:
        return str(self.kind_box.currentData())

    def eventFilter(self, watched, event) -> bool:
        if event.type() == event.Type.FocusIn and isinstance(watched, QLineEdit | QPlainTextEdit):
            self._last_editor = watched
        return super().eventFilter(watched, event)

    # --- showing and reading ------------------------------------------------------------------------------
    def _show(self, template: DocumentTemplate) -> None:
        self.title_edit.setText(template.title)
        self.opening_edit.setPlainText(template.opening)
        self.closing_edit.setPlainText(template.closing)
        self._section_data = list(template.sections)
        self._current_section = -1
        self.sections.clear()
        for section in self._section_data:
            self.sections.addItem(section.heading)
        if self._section_data:
            self.sections.setCurrentRow(0)
        else:
            self.heading_edit.clear()
            self.body_edit.clear()
        self._edited()

    def _store_current(self) -> None:
        if 0 <= self._current_section < len(self._section_data):
            section = Section(self.heading_edit.text(), self.body_edit.toPlainText())
            self._section_data[self._current_section] = section
            self.sections.item(self._current_section).setText(section.heading)

    def template(self) -> DocumentTemplate:
        self._store_current()
        return DocumentTemplate(
            title=self.title_edit.text().strip(),
            opening=self.opening_edit.toPlainText().strip(),
            sections=tuple(s for s in self._section_data if s.heading.strip() or s.body.strip()),
            closing=self.closing_edit.toPlainText().strip(),
        )

    def _select_section(self, row: int) -> None:
        self._store_current()
        self._current_section = row
        section = self._section_data[row] if 0 <= row < len(self._section_data) else Section("", "")
        for widget in (self.heading_edit, self.body_edit):
            widget.blockSignals(True)
        self.heading_edit.setText(section.heading)
        self.body_edit.setPlainText(section.body)
        for widget in (self.heading_edit, self.body_edit):
            widget.blockSignals(False)

    def _add_section(self) -> None:
        self._store_current()
        self._section_data.append(Section(_("New section"), ""))
        self.sections.addItem(self._section_data[-1].heading)
        self.sections.setCurrentRow(len(self._section_data) - 1)
        self.heading_edit.setFocus()
        self.heading_edit.selectAll()

    def _remove_section(self) -> None:
        row = self.sections.currentRow()
        if 0 <= row < len(self._section_data):
            self._current_section = -1
            del self._section_data[row]
            self.sections.takeItem(row)
            self._edited()

    def _insert_placeholder(self, item: QListWidgetItem) -> None:
        token = "{" + str(item.data(Qt.ItemDataRole.UserRole)) + "}"
        editor = self._last_editor
        if isinstance(editor, QLineEdit):
            editor.insert(token)
        else:
            editor.insertPlainText(token)
        editor.setFocus()

    def _edited(self, *_args: object) -> None:
        """Name misspelt placeholders at once: they would print as 【不明な差し込み項目】."""
        texts = [self.title_edit.text(), self.opening_edit.toPlainText(), self.heading_edit.text()]
        texts += [self.body_edit.toPlainText(), self.closing_edit.toPlainText()]
        texts += [s.heading + s.body for s in self._section_data]
        unknown = sorted(
            {name for text in texts for name in placeholders_in(text) if name not in PLACEHOLDERS}
        )
        found = []
        if unknown:
            found.append(
                "⚠ "
                + _("These placeholders are not known (check the spelling in the template): {names}").format(
                    names="、".join(unknown)
                )
            )
        if self.key in OUTSIDE_TEMPLATE_KEYS:
            # The 件名 is internal (issue 15 point 2): the same warning the preview shows.
            shown = DocumentTemplate(title="\n".join(texts))
            found += ["⚠ " + warning for warning in internal_text_warnings(shown)]
        self.check_label.setText("\n".join(found))

    def _kind_changed(self) -> None:
        self._pending[self._shown_key] = self.template()
        self._shown_key = self.key
        self._show(self._pending.get(self.key) or self.service.template(self.key))

    def _reset(self) -> None:
        self._show(default_template(self.key))

    def save(self) -> None:
        self._pending[self.key] = self.template()
        try:
            for key, template in self._pending.items():
                if template == default_template(key):
                    self.service.reset_template(key)
                elif template != self.service.template(key):
                    self.service.save_template(key, template)
            self.service.save_contact_desk(ContactDesk(**{f: e.text().strip() for f, e in self.desk.items()}))
        except BreachDeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.user_text())
            return
        self.accept()
