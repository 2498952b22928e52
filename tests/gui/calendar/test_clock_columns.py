"""The deadline list's columns are as wide as their texts, measured by the list (not Qt's ResizeToContents, which
asked the model for every role of 64 rows at each refresh: ADR 0011), and a width the officer chose stays."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics

from tests.gui.calendar.test_panel import NOW, _clocks
from ui.calendar.countdown_panel import FITTED_COLUMNS, ClockList


def _shown_list(qtbot) -> ClockList:  # type: ignore[no-untyped-def]
    view = ClockList()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    view.set_clocks(_clocks(), NOW.date())
    return view


def test_every_text_of_the_fitted_columns_fits_without_an_ellipsis(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _shown_list(qtbot)
    model = view.model()
    bold = QFontMetrics(model.bold)
    assert model.rowCount() >= 3
    for column in FITTED_COLUMNS:
        width = view.header().sectionSize(column)
        for row in range(model.rowCount()):
            text = model.index(row, column).data()
            assert text, (row, column)
            assert bold.horizontalAdvance(text) < width, (text, width)  # no 「…」: the whole text shows
        title = model.headerData(column, view.header().orientation())
        assert view.header().fontMetrics().horizontalAdvance(title) < width


def test_a_column_the_officer_widened_keeps_its_width_at_the_next_refresh(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _shown_list(qtbot)
    due = FITTED_COLUMNS[1]
    fitted = view.header().sectionSize(due)
    view.header().resizeSection(due, fitted + 80)  # dragged by the officer
    view.set_clocks(_clocks(), NOW.date())  # the 60 s refresh
    assert view.header().sectionSize(due) == fitted + 80
    assert view.header().sectionSize(FITTED_COLUMNS[0]) > 0
