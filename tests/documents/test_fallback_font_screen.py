"""𠮷 on screen (issue 15, point 4): the names fallback face is registered with Qt, so a name is never tofu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget, QTableWidgetItem

from ui.common.fonts import register_names_fallback
from ui.shell.fonts import apply_application_font

pytestmark = pytest.mark.gui

UNASSIGNED = "\U0010fffd"  # private use: no face has it, so Qt draws its missing-glyph box


def ink(image: QImage) -> int:
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if QColor(image.pixel(x, y)).lightness() < 128
    )


def glyph(qtbot, text: str) -> QImage:  # type: ignore[no-untyped-def]
    label = QLabel(text)
    font = label.font()
    font.setPointSize(40)
    label.setFont(font)
    label.setStyleSheet("background: white; color: black")
    qtbot.addWidget(label)
    label.resize(90, 90)
    return label.grab().toImage()


def test_tsuchiyoshi_draws_a_glyph_not_the_missing_box(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_application_font(app)
    assert register_names_fallback()
    assert register_names_fallback()  # once per process; a second call is free
    tsuchiyoshi, missing, yoshi = glyph(qtbot, "𠮷"), glyph(qtbot, UNASSIGNED), glyph(qtbot, "吉")
    assert ink(tsuchiyoshi) > 50
    assert tsuchiyoshi != missing and tsuchiyoshi != yoshi


def recipients_table(qtbot, first_name: str) -> QImage:  # type: ignore[no-untyped-def]
    table = QTableWidget(2, 2)
    table.setHorizontalHeaderLabels(["氏名", "住所"])
    rows = ((first_name, "東京都千代田区霞が関一丁目"), ("髙橋 一郎", "大阪府大阪市北区"))
    for row, (name, address) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(name))
        table.setItem(row, 1, QTableWidgetItem(address))
    qtbot.addWidget(table)
    table.resize(420, 120)
    return table.grab().toImage()


def test_a_recipient_list_shows_the_name(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_application_font(app)
    register_names_fallback()
    shown = recipients_table(qtbot, "𠮷野 花子")
    assert shown.save(str(tmp_path / "recipients.png"))  # look at it: docs/tech-notes.md "Fonts"
    assert shown != recipients_table(qtbot, UNASSIGNED + "野 花子")
    assert shown != recipients_table(qtbot, "吉野 花子")
