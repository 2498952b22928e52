"""Qt Charts views of the 年次レビュー's figures: each a bar chart with its numbers, small enough to share a laptop
screen, and described in words for a screen reader (a chart is a picture to it otherwise)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter

from app.domain.review import Timing, TimingCounts
from app.i18n import _

BAR = QColor("#3a6ea5")
TIMING_COLOURS = {
    Timing.ON_TIME: QColor("#3a6ea5"),
    Timing.LATE: QColor("#c0504d"),
    Timing.OVERDUE: QColor("#8b0000"),
    Timing.PENDING: QColor("#808080"),
}


def _view(chart: QChart, name: str, description: str) -> QChartView:
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(240, 160)
    view.setAccessibleName(name)
    view.setAccessibleDescription(description)
    view.setToolTip(description)
    return view


def _value_axis(values: Sequence[int]) -> QValueAxis:
    axis = QValueAxis()
    top = max([1, *values])
    axis.setRange(0, top)
    axis.setTickCount(min(top, 5) + 1)
    axis.setLabelFormat("%d")
    return axis


def describe(labels: Sequence[str], values: Sequence[int]) -> str:
    return " / ".join(
        _("{label}: {count}").format(label=label, count=count)
        for label, count in zip(labels, values, strict=True)
    )


def bar_view(
    name: str, labels: Sequence[str], values: Sequence[int], *, horizontal: bool = False
) -> QChartView:
    """One series of counts; horizontal for long category names, the largest at the top."""
    chart = QChart()
    chart.legend().hide()
    # Qt draws a horizontal chart's first category at the bottom: reversed, the largest count is at the top.
    order = list(zip(labels, values, strict=True))
    if horizontal:
        order.reverse()
    bars = QBarSet(name)
    bars.append([float(v) for _label, v in order])
    bars.setColor(BAR)
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([label for label, _count in order])
    value_axis = _value_axis(values)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(value_axis)
    return _view(chart, name, describe(labels, values))


def timing_view(name: str, sokuho: TimingCounts, kakuho: TimingCounts) -> QChartView:
    """速報 and 確報 side by side, one bar per outcome: on time, late, overdue, pending."""
    chart = QChart()
    series = QBarSeries()
    counts = (sokuho, kakuho)
    all_values: list[int] = []
    for timing in Timing:
        values = [getattr(c, timing.value) for c in counts]
        all_values += values
        bars = QBarSet(timing.label())
        bars.append([float(v) for v in values])
        bars.setColor(TIMING_COLOURS[timing])
        series.append(bars)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    kinds = [_("Preliminary report"), _("Final report")]
    categories = QBarCategoryAxis()
    categories.append(kinds)
    value_axis = _value_axis(all_values)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(value_axis)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    description = " / ".join(
        _("{kind}: {counts}").format(
            kind=kind, counts=describe([t.label() for t in Timing], [getattr(c, t.value) for t in Timing])
        )
        for kind, c in zip(kinds, counts, strict=True)
    )
    return _view(chart, name, description)
