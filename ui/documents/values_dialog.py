"""差し込み項目: the placeholder values of one incident, with what the register already supplies.

Each row's tooltip shows the value BreachDesk derives (office profile, report draft); typing a value overrides it for this incident's documents only. An empty row without a derived value prints as
【未入力：…】, so the officer sees every gap here before printing.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.documents.context import DocumentContext
from app.documents.wording.defaults import PERSONAL_PLACEHOLDERS, PLACEHOLDERS
from app.documents.wording.values import base_values
from app.i18n import _
from ui.common.fit import initial_size, name_view

NAME, WHAT, DERIVED, VALUE = range(4)
GAP_COLOR = QColor("#fde2e1")


class PlaceholderValuesDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: DocumentContext, stored: dict[str, str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Placeholder values for this incident"))
        derived = base_values(dataclasses.replace(ctx, values={}))
        self.names = [name for name in PLACEHOLDERS if name not in PERSONAL_PLACEHOLDERS]
        self.table = QTableWidget(len(self.names), 4)
        self.table.setHorizontalHeaderLabels(
            [_("Placeholder"), _("What it holds"), _("From the register"), _("Value for this incident")]
        )
        for row, name in enumerate(self.names):
            fixed = QTableWidgetItem("{" + name + "}")
            fixed.setFlags(fixed.flags() & ~Qt.ItemFlag.ItemIsEditable)
            what = QTableWidgetItem(_(PLACEHOLDERS[name]))
            what.setFlags(what.flags() & ~Qt.ItemFlag.ItemIsEditable)
            shown = derived.get(name, "")
            text = shown if isinstance(shown, str) else "、".join(shown)
            source = QTableWidgetItem(text.replace("\n", " ") if text.strip() else _("(none)"))
            source.setFlags(source.flags() & ~Qt.ItemFlag.ItemIsEditable)
            source.setToolTip(text)
            value = QTableWidgetItem(stored.get(name, ""))
            if not text.strip() and not stored.get(name):
                source.setBackground(GAP_COLOR)
                value.setToolTip(_("No value yet: prints as 【未入力：{name}】").format(name=name))
            self.table.setItem(row, NAME, fixed)
            self.table.setItem(row, WHAT, what)
            self.table.setItem(row, DERIVED, source)
            self.table.setItem(row, VALUE, value)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        for column in (WHAT, DERIVED, VALUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        name_view(self.table, _("Placeholder values"))
        intro = QLabel(
            _(
                "Values typed here are used in this incident's documents only. Leave a row empty to use the value "
                "from the register; rows in red have no value yet and print as 【未入力】."
            )
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        initial_size(self, 1000, 600)

    def values(self) -> dict[str, str]:
        found = {}
        for row, name in enumerate(self.names):
            item = self.table.item(row, VALUE)
            text = item.text().strip() if item is not None else ""
            if text:
                found[name] = text
        return found
