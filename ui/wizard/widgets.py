"""Small building blocks of the wizard pages: choices with a hint under each, an error line beside a field."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from app.i18n import _
from app.wizard.questions import Option

MNEMONIC_KEYS = "1234567890"


def hint_label(text: str) -> QLabel:
    """The grey one-line explanation under an option, indented to line up with the option's text."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setIndent(22)
    label.setStyleSheet("color: #555;")
    font = QFont(label.font())
    font.setPointSizeF(max(font.pointSizeF() * 0.9, 8.0))
    label.setFont(font)
    return label


class ErrorLabel(QLabel):
    """A message beside the field it concerns; hidden while the field is fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


class OptionRow(QWidget):
    """A radio button or check box whose text wraps (Qt's own button text never does), with its hint below.

    Clicking the text works like clicking the button; the button keeps the focus and the Alt mnemonic.
    """

    def __init__(
        self, button: QAbstractButton, text: str, hint: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.button = button
        self.text_label = QLabel(text)
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text_label.mousePressEvent = self._click  # type: ignore[method-assign]
        button.setAccessibleName(text)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 2, 0, 4)
        layout.setHorizontalSpacing(4)
        layout.setVerticalSpacing(0)
        layout.addWidget(button, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text_label, 0, 1, Qt.AlignmentFlag.AlignTop)
        if hint:
            hint_widget = hint_label(hint)
            hint_widget.setIndent(0)
            hint_widget.mousePressEvent = self._click  # type: ignore[method-assign]
            layout.addWidget(hint_widget, 1, 1)
        layout.setColumnStretch(1, 1)

    def _click(self, _event: object) -> None:
        if self.button.isEnabled():
            self.button.click()
            self.button.setFocus()


def _grid(columns: int) -> QGridLayout:
    layout = QGridLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setHorizontalSpacing(18)
    layout.setVerticalSpacing(2)
    for column in range(columns):
        layout.setColumnStretch(column, 1)
    return layout


def mnemonic_text(index: int) -> str:
    """The option's number as its Alt mnemonic: Alt+1 picks the first option."""
    return f"&{MNEMONIC_KEYS[index]}" if index < len(MNEMONIC_KEYS) else ""


class ChoiceGroup(QWidget):
    """Exclusive options (radio buttons), none chosen until the officer picks one; `columns` for long lists."""

    changed = Signal()

    def __init__(
        self,
        options: Sequence[Option],
        parent: QWidget | None = None,
        *,
        columns: int = 1,
        mnemonics: bool = True,
        name_prefix: str = "",
        context: str = "",
    ) -> None:
        """`name_prefix` keeps object names unique when one page holds several groups with the same codes;
        `context` (the sub-question) does the same for the names a screen reader announces: three 「いいえ」 on
        one page cannot be told apart otherwise."""
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QRadioButton] = {}
        layout = _grid(columns)
        self.setLayout(layout)
        rows = (len(options) + columns - 1) // columns
        for index, option in enumerate(options):
            button = QRadioButton(mnemonic_text(index) if mnemonics else "")
            button.setObjectName(f"option_{name_prefix}{option.code}")
            self.group.addButton(button)
            self.buttons[option.code] = button
            row = OptionRow(button, _(option.label), _(option.hint) if option.hint else "")
            if context:
                button.setAccessibleName(
                    _("{question}: {answer}").format(question=context, answer=_(option.label))
                )
            layout.addWidget(row, index % rows, index // rows)
        self.group.buttonToggled.connect(self._toggled)

    def _toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def value(self) -> str | None:
        return next((code for code, button in self.buttons.items() if button.isChecked()), None)

    def show_option(self, code: str, visible: bool) -> None:
        """Hide an option that cannot apply (its row: the button and its text); a hidden choice is cleared."""
        button = self.buttons[code]
        row = button.parentWidget()
        if row is not None:
            row.setVisible(visible)
        if not visible and button.isChecked():
            self.set_value(None)

    def set_value(self, code: str | None) -> None:
        blocked = self.blockSignals(True)
        self.group.setExclusive(False)  # an exclusive group cannot be emptied otherwise
        for key, button in self.buttons.items():
            button.setChecked(key == code)
        self.group.setExclusive(True)
        self.blockSignals(blocked)


class CheckList(QWidget):
    """Independent check boxes, each with its one-line explanation."""

    changed = Signal()

    def __init__(
        self,
        options: Sequence[Option],
        parent: QWidget | None = None,
        *,
        columns: int = 1,
        translate_labels: bool = True,
    ) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        layout = _grid(columns)
        self.setLayout(layout)
        rows = (len(options) + columns - 1) // columns
        for index, option in enumerate(options):
            box = QCheckBox()
            box.setObjectName(f"check_{option.code}")
            self.boxes[option.code] = box
            label = _(option.label) if translate_labels else option.label
            row = OptionRow(box, label, _(option.hint) if option.hint else "")
            layout.addWidget(row, index % rows, index // rows)
            box.toggled.connect(lambda _checked: self.changed.emit())

    def value(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_value(self, codes: Sequence[str]) -> None:
        blocked = self.blockSignals(True)
        for code, box in self.boxes.items():
            box.setChecked(code in codes)
        self.blockSignals(blocked)


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def escape(text: str) -> str:
    return html.escape(text, quote=False)
