"""Small helpers that make a dialog fit a laptop at 150 % scaling and read well to a screen reader (issue 18).

A dialog's first size is what it prefers, but never more than the screen it opens on leaves; a table is named,
and so are its header rows, which a screen reader announces as separate controls.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFrame,
    QLayout,
    QScrollArea,
    QTableView,
    QTreeView,
    QWidget,
)

from app.i18n import _

# Room the task bar and the window's title bar and frame take from the screen (see tests/gui/screen_checks.py).
FRAME = QSize(10, 72)


def initial_size(widget: QWidget, width: int, height: int) -> None:
    """Resize to the preferred size, shrunk to the available screen: at 150 % a 620 px tall dialog is 930 device
    px, more than a 1366×768 laptop has, and its buttons would open below the task bar."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    size = QSize(width, height)
    if screen is not None:
        size = size.boundedTo(screen.availableGeometry().size() - FRAME)
    widget.resize(size.expandedTo(widget.minimumSizeHint()))


def scrolling(content: QLayout | QWidget) -> QScrollArea:
    """A long form in a frameless scroll area: the dialog can shrink to a laptop's height while its buttons,
    kept outside the area, stay on screen."""
    if isinstance(content, QLayout):
        body = QWidget()
        body.setLayout(content)
        content = body
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    area.setMinimumHeight(min(content.minimumSizeHint().height(), 160))
    return area


def name_view(view: QAbstractItemView, name: str) -> None:
    """A table or tree and its headers, each with its own accessible name."""
    view.setAccessibleName(name)
    if isinstance(view, QTableView):
        view.horizontalHeader().setAccessibleName(_("{table}: column headers").format(table=name))
        view.verticalHeader().setAccessibleName(_("{table}: row numbers").format(table=name))
        for corner in view.findChildren(QAbstractButton, "qt_tableview_cornerbutton"):
            corner.setAccessibleName(_("Select all cells"))
    elif isinstance(view, QTreeView):
        view.header().setAccessibleName(_("{table}: column headers").format(table=name))
