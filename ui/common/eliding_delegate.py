"""Item rows of several lines in a narrow list (the deadlines panel): each line ends in 「…」 where it does not fit,
instead of being cut mid-character at the edge (issue 18 point 2); the item's tooltip keeps the whole text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

LINE_SEPARATOR = "\u2028"


class LineElidingDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        width = max(text_rect.width() - 2 * margin, 0)
        opt.text = elide_lines(opt.text, opt.fontMetrics, width)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)


def elide_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """Each line on its own: eliding the whole text at once would drop every line after the first. Qt's
    delegate has already turned each newline into a line separator (U+2028)."""
    lines = text.replace("\n", LINE_SEPARATOR).split(LINE_SEPARATOR)
    return LINE_SEPARATOR.join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines)
