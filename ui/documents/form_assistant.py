"""報告フォーム入力支援: the report's items in the order of the PPC online form, each with a copy button.

The PPC takes reports through its web form, so the officer copies field by field: the reporter (office profile)
first, then every field of the draft. For a 確報 or 追完 the rows that changed since the report before it are
marked, and a tick shows only those.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.documents.context import DocumentKind
from app.domain.report import ITEM_TITLES, diff, fields_for, other_summary, text_of
from app.i18n import _, current_language
from app.services.documents import DocumentService
from app.services.root import Services
from ui.common.fit import initial_size, name_view

ITEM, LABEL, VALUE, CHANGE, COPY = range(5)
CHANGED_COLOR = QColor("#fff4ce")
REPORT_CHOICES = (DocumentKind.SOKUHO, DocumentKind.KAKUHO, DocumentKind.TSUIKAN)


def reporter_rows(services: Services) -> list[tuple[str, str]]:
    """The form's reporter fields: the business, not the staff member, is the reporter (LEAK-PAGE)."""
    office = services.office.load()
    return [
        (_("Name of the business"), office.name),
        (_("Corporate number"), office.corporate_number),
        (_("Address"), office.address),
        (_("Representative"), office.representative),
        (_("Industry"), office.industry),
        (_("Department"), office.department),
        (_("Person in charge"), office.contact_person),
        (_("Phone"), office.phone),
        (_("E-mail"), office.email),
    ]


class FormAssistantDialog(QDialog):
    def __init__(self, parent: QWidget | None, services: Services, incident_id: int) -> None:
        super().__init__(parent)
        self.services = services
        self.service: DocumentService = services.documents
        self.incident_id = incident_id
        self.setWindowTitle(_("Report form assistant"))
        self.kind_box = QComboBox()
        for kind in REPORT_CHOICES:
            self.kind_box.addItem(kind.label(), kind)
        self.changed_only = QCheckBox(_("Only what changed since the previous report"))
        self.status = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [_("Item"), _("Field of the form"), _("What to enter"), _("Change"), ""]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CHANGE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COPY, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(LABEL, 260)
        name_view(self.table, _("Fields of the form"))
        self.kind_box.setAccessibleName(_("Report"))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Report")))
        top.addWidget(self.kind_box)
        top.addWidget(self.changed_only)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.kind_box.currentIndexChanged.connect(self.reload)
        self.changed_only.toggled.connect(self.reload)
        self.copied: list[str] = []
        self.reload()
        initial_size(self, 1100, 700)

    def select_kind(self, kind: DocumentKind) -> None:
        self.kind_box.setCurrentIndex(REPORT_CHOICES.index(kind))

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(item, label, value, change) in form order for the chosen report."""
        kind: DocumentKind = self.kind_box.currentData()
        draft, previous = self.service.report_drafts(self.incident_id, kind)
        if draft is None:
            return []
        lang = current_language()
        changes = {c.field.path: c for c in diff(previous, draft)} if previous is not None else {}
        found = [(_("Reporter"), label, value, "") for label, value in reporter_rows(self.services)]
        for field in fields_for(draft):  # the 番号法 items only when My Numbers are involved
            if field.item == 9:
                continue  # one text below: only the answered questions, as the form's free-text box takes it
            change = changes.get(field.path)
            marker = ""
            if change is not None and previous is not None:
                before = text_of(previous, field.path, "ja")
                marker = _("Changed (before: {value})").format(value=before or _("empty"))
            item = str(field.item) if field.item else _("Type")
            # The value is what goes into the PPC's Japanese form: Japanese in every UI language.
            found.append((item, field.label(lang), text_of(draft, field.path, "ja"), marker))
        summary = other_summary(draft)
        marker = ""
        if previous is not None and other_summary(previous) != summary:
            marker = _("Changed (before: {value})").format(value=other_summary(previous) or _("empty"))
        found.append(("9", ITEM_TITLES[9][0 if lang == "ja" else 1], summary, marker))
        if self.changed_only.isChecked():
            found = [row for row in found if row[3]]
        return found

    def reload(self) -> None:
        rows = self.rows()
        self.table.setRowCount(0)  # drops the previous rows' copy buttons
        self.table.setRowCount(len(rows))
        for row, (item, label, value, change) in enumerate(rows):
            cells = (item, label, value, change)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(_item_title(text) if column == ITEM else text)
                if change:
                    cell.setBackground(CHANGED_COLOR)
                self.table.setItem(row, column, cell)
            button = QPushButton(_("Copy"))
            button.setAccessibleName(_("Copy: {field}").format(field=label))
            button.setEnabled(bool(value))
            button.setProperty("copy_value", value)
            button.setProperty("copy_label", label)
            button.clicked.connect(self._copy_clicked)  # bound method: no cycle through the child button
            self.table.setCellWidget(row, COPY, button)
        self.table.resizeRowsToContents()
        if not rows:
            self.status.setText(
                _("Nothing changed since the previous report.")
                if self.changed_only.isChecked()
                else _("There is no draft of this report yet: write it in the incident's Report tab.")
            )
        else:
            self.status.setText("")

    def _copy_clicked(self) -> None:
        button = self.sender()
        self.copy(str(button.property("copy_value")), str(button.property("copy_label")))

    def copy(self, value: str, label: str) -> None:
        QGuiApplication.clipboard().setText(value)
        self.copied.append(value)
        self.status.setText(_("Copied: {field}").format(field=label))


def _item_title(item: str) -> str:
    """「2」 → 漏えい等が発生し（おそれ）た個人データの項目: the item number's heading, as a tooltip."""
    if item.isdigit() and int(item) in ITEM_TITLES:
        return ITEM_TITLES[int(item)][0 if current_language() == "ja" else 1]
    return item
