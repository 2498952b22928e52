"""The register at 1024 px (issue 18 point 2): in English the days-left sentence pushed its column behind the
scroll bar and squeezed 件名/Title; the cell now shows a compact form, calendar and working days side by side,
and keeps the whole sentence for the tooltip and a screen reader."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect, Qt

from app.deadlines import workdays
from app.i18n import set_language
from tests.gui.main_window_fixture import build_window, seed
from ui.register.table import TWO_LINES_ROLE
from ui.register.view import Column, format_days_left

MIN_TITLE_WIDTH = 120


@pytest.fixture(params=["ja", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_days_left_compact_keeps_both_counts(lang: str) -> None:
    set_language(lang)
    expected = {
        "ja": ("あと212日（営業日 139日）", "あと1日（営業日 1日）"),
        "en": ("212 days (139 working)", "1 day (1 working)"),
    }[lang]
    assert (workdays.days_left_compact(212, 139), workdays.days_left_compact(1, 1)) == expected
    assert (
        workdays.days_left_words(212, 139)
        == {
            "ja": "あと212日（営業日 139日）",
            "en": "212 days left (139 working days)",
        }[lang]
    )


def test_deadline_columns_fit_a_1024_pixel_window(qtbot, qapp, data_paths, db, lang) -> None:
    seed(db)
    window = build_window(qtbot, qapp, data_paths, db, lang)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    table = window.register.table
    viewport = table.viewport().rect()
    qtbot.waitUntil(lambda: table.columnViewportPosition(Column.DAYS_LEFT) >= 0)

    for column in (Column.NEXT_DEADLINE, Column.DAYS_LEFT):
        left = table.columnViewportPosition(column)
        cell = QRect(left, 0, table.columnWidth(column), 1)
        assert viewport.contains(cell), (column.name, cell, viewport)
    qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible())
    assert table.columnWidth(Column.TITLE) >= MIN_TITLE_WIDTH

    # At 1024 px the column is on two lines (「あと211日」 over 「営業日 139日」), each shown whole, with the whole
    # sentence on hover and to a screen reader.
    assert table.two_lines
    assert table.verticalHeader().defaultSectionSize() >= 2 * table.fontMetrics().lineSpacing()
    model = window.register.model
    metrics = table.fontMetrics()
    for row in range(model.rowCount()):
        index = model.index(row, Column.DAYS_LEFT)
        lines = index.data(TWO_LINES_ROLE).splitlines()
        assert len(lines) == 2
        assert all(
            metrics.horizontalAdvance(line) + 6 <= table.columnWidth(Column.DAYS_LEFT) for line in lines
        )
        sentence = format_days_left(model.row_at(row).next_deadline, window.register.today())
        assert index.data(Qt.ItemDataRole.ToolTipRole) == sentence
        assert index.data(Qt.ItemDataRole.AccessibleTextRole) == sentence
    if lang == "en":
        assert lines[1].endswith(" working") and "left" not in lines[0]
        assert "working days" in model.index(0, Column.DAYS_LEFT).data(Qt.ItemDataRole.ToolTipRole)
    else:
        assert lines[0].startswith("あと") and lines[1].startswith("営業日 ")

    # A wide window gives the column back its one line: compact, both counts side by side.
    window.resize(1600, 700)
    qtbot.waitUntil(lambda: not table.two_lines)
    shown = model.index(0, Column.DAYS_LEFT).data()
    assert metrics.horizontalAdvance(shown) + 6 <= table.columnWidth(Column.DAYS_LEFT)
    assert table.columnViewportPosition(Column.DAYS_LEFT) + table.columnWidth(Column.DAYS_LEFT) <= (
        table.viewport().width()
    )


def test_the_widest_values_still_fit_in_a_1024_pixel_window(qtbot, qapp, data_paths, db, lang) -> None:
    """A deadline a year away (365 days, 244 working) and one 100 days overdue: the widest the column reads."""
    seed(db)
    window = build_window(qtbot, qapp, data_paths, db, lang)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    table = window.register.table
    metrics = table.fontMetrics()
    texts = [
        *workdays.days_left_two_lines(365, 244).splitlines(),
        *format_days_left(dt.date(2000, 1, 1), dt.date(2000, 4, 10), two_lines=True).splitlines(),
    ]
    assert all(metrics.horizontalAdvance(text) + 6 <= table.columnWidth(Column.DAYS_LEFT) for text in texts)
