"""Tab labels drawn whole (issue 18 point 2: 「English tab labels are cut at the top」, 「未完了の対応」 read 「未完亅」).

Qt's styles draw a tab that is not the current one 2 px lower (PM_TabBarTabShiftVertical) inside a text rectangle
exactly one line of the font high, and QPainter clips the text to that rectangle: with the bundled BIZ UDPGothic
the top 2 px of every glyph of the other tabs were cut (the bar of 「T」, the top stroke of 「了」). The tab bars
get a proxy of the application's style that does not shift the label; the current tab still stands out by its
frame. Per tab bar, not for the whole application: a Python style is asked for metrics at every paint of every
widget, each call a trip through the GIL (docs/adr/0011-gui-thread-stalls.md).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QTabWidget,
    QWidget,
)

_SHIFTS = (QStyle.PixelMetric.PM_TabBarTabShiftVertical, QStyle.PixelMetric.PM_TabBarTabShiftHorizontal)


class _WholeTabLabels(QProxyStyle):
    def pixelMetric(
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        if metric in _SHIFTS:
            return 0
        return super().pixelMetric(metric, option, widget)


def whole_tab_labels(tabs: QTabWidget) -> None:
    """Give `tabs`' bar the style that draws every label whole (kept alive by `tabs`)."""
    base = QStyleFactory.create(QApplication.style().name())
    style = _WholeTabLabels(base) if base is not None else _WholeTabLabels()
    style.setParent(tabs)
    tabs.tabBar().setStyle(style)
