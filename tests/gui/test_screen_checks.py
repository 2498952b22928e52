"""The screen checks find what they are meant to find, so a clean screen means something."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from tests.gui.screen_checks import (
    clipped_texts,
    duplicate_names,
    mnemonic_clashes,
    nameless_widgets,
    screen_problems,
    too_big,
)


def test_a_clean_form_passes_every_check(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    form = QFormLayout(dialog)
    form.addRow("&Name", QLineEdit())
    form.addRow(QPushButton("&Save"))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert screen_problems(dialog, QSize(900, 440)) == []


def test_each_check_names_its_offender(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLineEdit())  # no label, no name
    for _ in range(2):
        layout.addWidget(QCheckBox("社内報告・被害拡大の防止"))
    layout.addWidget(QPushButton("&Back"))
    layout.addWidget(QPushButton("&Browse…"))
    squeezed = QLabel("a label far too long for the few pixels it was given on this screen")
    squeezed.setFixedWidth(40)
    layout.addWidget(squeezed)
    dialog.setMinimumSize(1200, 300)
    dialog.show()
    qtbot.waitExposed(dialog)

    assert [p.split("(")[0] for p in nameless_widgets(dialog)] == ["QLineEdit"]
    assert len(duplicate_names(dialog)) == 1 and "社内報告" in duplicate_names(dialog)[0]
    assert mnemonic_clashes(dialog) == ["window: Alt+B on button 'Back' and button 'Browse…'"]
    assert [p for p in clipped_texts(dialog) if p.startswith("label")]
    assert too_big(dialog, QSize(900, 440)) == ["QDialog needs at least 1200x300 px"]
