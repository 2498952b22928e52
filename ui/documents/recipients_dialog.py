"""名簿の読み込み: a CSV from Excel, its columns matched to 氏名 / 郵便番号 / 住所 / メール / items by the officer.

The encoding is detected (CP932 or UTF-8, with or without BOM) and shown; the first rows are previewed; one
combo per field says which column holds it (guessed from the header); columns marked ○ / 1 per data item are
ticked in a list. Import is all-or-nothing: bad lines are listed with their numbers and nothing is kept.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import InputError
from app.i18n import _, ngettext
from app.recipients.columns import item_code
from app.recipients.csv_import import (
    ColumnMapping,
    CsvTable,
    Field,
    ImportResult,
    RecipientListError,
    build_recipients,
    guess_mapping,
    read_table,
)
from ui.common.fit import initial_size, name_view, scrolling
from ui.common.progress_wait import wait_with_progress
from ui.common.wait import wait_for

PREVIEW_ROWS = 20
ENCODING_NAMES = {"cp932": "Shift_JIS (CP932)", "utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)"}


def column_name(index: int, title: str) -> str:
    """「C: 住所1」: the Excel column letter helps the officer find it in the workbook."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}: {title}" if title else letters


class RecipientImportDialog(QDialog):
    def __init__(self, parent: QWidget | None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import the recipient list"))
        self.folder = folder or Path.home()
        self.table_data: CsvTable | None = None
        self.result_value: ImportResult | None = None
        self.suspect_shown = False  # the 「?」 warnings were shown once; the next Import goes ahead
        self.path_label = QLabel(_("No file chosen yet."))
        self.path_label.setWordWrap(True)
        self.choose_button = QPushButton(_("Choose a CSV file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.combos: dict[Field, QComboBox] = {field: QComboBox() for field in Field}
        self.flags = QListWidget()
        self.flags.setAccessibleName(_("Columns marking the data items"))
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        name_view(self.preview, _("First rows of the file"))
        self.messages = QPlainTextEdit()
        self.messages.setReadOnly(True)
        self.messages.setAccessibleName(_("Messages about the file"))
        self.messages.setMaximumHeight(110)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.import_list)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.path_label, 1)
        mapping_box = QGroupBox(_("Which column holds what"))
        mapping_form = QFormLayout(mapping_box)
        for field, combo in self.combos.items():
            mapping_form.addRow(
                field.label() + ("（" + _("required") + "）" if field is Field.NAME else ""), combo
            )
        flags_box = QGroupBox(_("Columns marking the data items of each person (○ or 1)"))
        flags_layout = QVBoxLayout(flags_box)
        flags_layout.addWidget(self.flags)
        columns = QHBoxLayout()
        columns.addWidget(mapping_box, 3)
        columns.addWidget(flags_box, 2)
        body = QVBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(top)
        body.addLayout(columns)
        body.addWidget(QLabel(_("First rows of the file")))
        self.preview.setMinimumHeight(120)
        body.addWidget(self.preview, 1)
        body.addWidget(self.messages)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body), 1)
        layout.addWidget(self.buttons)
        initial_size(self, 1000, 680)

    # --- reading ------------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the recipient list"), str(self.folder), _("CSV files (*.csv);;All files (*)")
        )
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> bool:
        self.table_data = None
        self.import_button.setEnabled(False)
        try:  # decoding and splitting 100,000 lines takes ~0.3 s: on a worker, the window painting
            table = wait_for(lambda: read_table(path.read_bytes(), path.name))
        except OSError as exc:
            self._show_messages(
                [_("Cannot read the file {path}: {reason}").format(path=path, reason=exc.strerror or exc)]
            )
            return False
        except RecipientListError as exc:
            self._show_messages([exc.message])
            return False
        except InputError as exc:
            self._show_messages([exc.user_text()])
            return False
        self.table_data = table
        self.suspect_shown = False
        self.folder = path.parent
        self.path_label.setText(
            ngettext(
                "{path} — {encoding}, {rows} row", "{path} — {encoding}, {rows} rows", len(table.rows)
            ).format(
                path=path, encoding=ENCODING_NAMES.get(table.encoding, table.encoding), rows=len(table.rows)
            )
        )
        self._fill_mapping(table)
        self._fill_preview(table)
        self._show_messages([])
        self.import_button.setEnabled(True)
        return True

    def _fill_mapping(self, table: CsvTable) -> None:
        guessed = guess_mapping(table.header, [cells for _line, cells in table.rows[:200]])
        for field, combo in self.combos.items():
            combo.clear()
            combo.addItem(_("(not in the file)"), None)
            for index, title in enumerate(table.header):
                combo.addItem(column_name(index, title), index)
            chosen = guessed.get(field)
            combo.setCurrentIndex(0 if chosen is None else chosen + 1)
        self.flags.clear()
        flagged = dict(guessed.item_flags)
        as_fields = {guessed.get(field) for field in Field}
        for index, title in enumerate(table.header):
            code = flagged.get(index) or item_code(title)
            if code is None or index in as_fields:
                continue
            item = QListWidgetItem(column_name(index, title))
            item.setData(Qt.ItemDataRole.UserRole, (index, code))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if index in flagged else Qt.CheckState.Unchecked)
            self.flags.addItem(item)

    def _fill_preview(self, table: CsvTable) -> None:
        rows = table.rows[:PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(len(table.header) + 1)
        self.preview.setRowCount(len(rows))
        self.preview.setHorizontalHeaderLabels(
            [_("Line"), *(column_name(i, t) for i, t in enumerate(table.header))]
        )
        for row, (line, cells) in enumerate(rows):
            self.preview.setItem(row, 0, QTableWidgetItem(str(line)))
            for column, value in enumerate(cells[: len(table.header)], start=1):
                self.preview.setItem(row, column, QTableWidgetItem(value))
        self.preview.verticalHeader().setVisible(False)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def mapping(self) -> ColumnMapping:
        chosen = {field.value: combo.currentData() for field, combo in self.combos.items()}
        flags = []
        for row in range(self.flags.count()):
            item = self.flags.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                index, code = item.data(Qt.ItemDataRole.UserRole)
                flags.append((int(index), str(code)))
        return ColumnMapping(**chosen, item_flags=tuple(flags))

    def _show_messages(self, lines: list[str]) -> None:
        self.messages.setPlainText("\n".join(lines))
        self.messages.setVisible(bool(lines))

    # --- importing ----------------------------------------------------------------------------------------
    def import_list(self) -> None:
        if self.table_data is None:
            return
        table, mapping = self.table_data, self.mapping()
        try:  # 100,000 rows take ~4 s: on a worker, with a progress bar and Cancel after half a second
            built = wait_with_progress(
                lambda progress: build_recipients(table, mapping, progress),
                self,
                _("Reading the recipient list…"),
            )
        except RecipientListError as exc:
            self._show_messages([exc.message])
            return
        except InputError as exc:
            self._show_messages([exc.user_text()])
            return
        if built is None:  # cancelled: nothing imported, the file and the mapping stay as they were
            self._show_messages([_("The import was cancelled: nothing was imported.")])
            return
        result = built
        if result.suspect and not self.suspect_shown:
            # A 「?」 in a name is usually a character Excel lost: say so per line before the list is taken.
            self.suspect_shown = True
            self._show_messages(
                [
                    *(warning.text() for warning in result.suspect),
                    _(
                        "The letters for these lines will be held back until you confirm them. "
                        "Fix the file and choose it again, or click Import to continue."
                    ),
                ]
            )
            return
        self.result_value = result
        self.accept()
