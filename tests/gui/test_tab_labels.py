"""The labels of the tabs that are not current are drawn whole (issue 18 point 2: 「English tab labels are cut at the
top」; 「未完了の対応」 read 「未完亅の対応」). Measured as the officer sees it: the ink of a label when its tab is not
current against the same label when it is: the rows of pixels its ink covers."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QTabWidget, QWidget

from ui.common.tabs import whole_tab_labels

LABELS = ("Overview", "Timeline", "未完了の対応", "Filings and notices")


def _ink_height(tabs: QTabWidget, index: int) -> int:
    """How many pixel rows of the tab's label carry ink: a label cut at the top has fewer."""
    image: QImage = tabs.grab().toImage()
    rect = tabs.tabBar().tabRect(index).adjusted(6, 3, -6, -2)  # inside the tab's frame
    rows = [
        y
        for y in range(rect.top(), rect.bottom())
        if any(QColor(image.pixel(x, y)).lightness() < 140 for x in range(rect.left(), rect.right()))
    ]
    return rows[-1] - rows[0] + 1 if rows else 0


def _tabs(qtbot, whole: bool) -> QTabWidget:  # type: ignore[no-untyped-def]
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    for label in LABELS:
        tabs.addTab(QWidget(), label)
    if whole:
        whole_tab_labels(tabs)
    tabs.resize(700, 80)
    tabs.show()
    qtbot.waitExposed(tabs)
    return tabs


@pytest.mark.parametrize("index", [1, 2])
def test_a_tab_that_is_not_current_shows_its_whole_label(qtbot, index: int) -> None:  # type: ignore[no-untyped-def]
    tabs = _tabs(qtbot, whole=True)
    tabs.setCurrentIndex(0)
    behind = _ink_height(tabs, index)
    tabs.setCurrentIndex(index)
    current = _ink_height(tabs, index)
    assert current >= 8
    assert behind == current, (LABELS[index], behind, current)


def test_without_it_the_style_cuts_the_top_of_the_labels(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The measurement sees the fault it guards against: Qt's own tab bar loses ink on a tab behind."""
    tabs = _tabs(qtbot, whole=False)
    tabs.setCurrentIndex(0)
    behind = _ink_height(tabs, 1)
    tabs.setCurrentIndex(1)
    assert behind < _ink_height(tabs, 1)
