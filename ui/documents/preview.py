"""The preview of a generated PDF: zoom, page navigation, print at actual size, save as PDF, open the folder.

What the preflight found is shown above the pages: gaps print as 【未入力】 (a warning), characters the fonts
lack would print as boxes, so printing and saving stay disabled until they are replaced. Above them, the fields
the document needs from the register that are still empty, each with where to fill it; saving or printing
with any of them empty asks once first (issue 15 point 1).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.documents.mailmerge.merge import write_file
from app.errors import BreachDeskError
from app.i18n import _
from ui.common import messages
from ui.common.fit import initial_size

Rebuild = Callable[[], tuple[bytes, list[str], bool]]  # pdf, problems, blocking
MissingFields = Callable[[], list[str]]  # each still-empty field with where to fill it, after a rebuild
EditAction = Callable[
    [QWidget], bool
]  # opens an editor over the preview; True when the document should be rebuilt
PRINT_DPI = 300  # enough for 明朝 at 9 pt; a 600 dpi A4 page would be a 140 MB image
ZOOM_STEP = 1.25


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Every page (or the chosen range) at actual size on A4: a window envelope needs the address where it was
    laid out, so pages are never shrunk to the printable area. Returns the number of pages sent."""
    count = document.pageCount()
    first = max(printer.fromPage(), 1) - 1 if printer.fromPage() else 0
    last = min(printer.toPage(), count) - 1 if printer.toPage() else count - 1
    painter = QPainter()
    if not painter.begin(printer):
        raise BreachDeskError(_("The printer could not be opened."))
    try:
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        dpi = min(printer.resolution(), PRINT_DPI)
        for index in range(first, last + 1):
            if index > first:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(index, size)
            scale = printer.resolution() / 72
            target = QRectF(0, 0, points.width() * scale, points.height() * scale)
            target.moveTopLeft(QPointF(-paper.left(), -paper.top()) if printer.fullPage() else QPointF(0, 0))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return last - first + 1


class DocumentPreviewDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        pdf: bytes,
        *,
        title: str,
        suggested_name: str,
        folder: Path,
        problems: list[str] | None = None,
        blocking: bool = False,
        rebuild: Rebuild | None = None,
        edit_actions: list[tuple[str, EditAction]] | None = None,
        missing: list[str] | None = None,
        missing_fn: MissingFields | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preview: {title}").format(title=title))
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.folder = folder
        self.saved_path: Path | None = None
        self.rebuild_fn = rebuild
        self.missing_fn = missing_fn
        self.missing: list[str] = list(missing or [])
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_label.setStyleSheet(
            "QLabel { background: #fff4ce; border: 1px solid #e0c060; padding: 6px; }"
        )
        self.needs_label = QLabel()
        self.needs_label.setWordWrap(True)
        self.needs_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.needs_label.setStyleSheet(
            "QLabel { background: #fde7e9; border: 1px solid #d08080; padding: 6px; }"
        )
        self.page_label = QLabel()

        sp = QStyle.StandardPixmap
        self.prev_button = self._tool(
            _("Previous page"), sp.SP_ArrowUp, self.previous_page, QKeySequence.StandardKey.MoveToPreviousPage
        )
        self.next_button = self._tool(
            _("Next page"), sp.SP_ArrowDown, self.next_page, QKeySequence.StandardKey.MoveToNextPage
        )
        self.zoom_out_button = QPushButton(_("Zoom out"))
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button = QPushButton(_("Zoom in"))
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.fit_button = QPushButton(_("Fit width"))
        self.fit_button.clicked.connect(self.fit_width)
        self.print_button = QPushButton(self.style().standardIcon(sp.SP_FileDialogDetailedView), _("Print…"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.style().standardIcon(sp.SP_DialogSaveButton), _("Save as PDF…"))
        self.save_button.clicked.connect(self.save_as)
        self.folder_button = QPushButton(self.style().standardIcon(sp.SP_DirOpenIcon), _("Open folder"))
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.accept)

        bar = QHBoxLayout()
        for widget in (
            self.prev_button,
            self.page_label,
            self.next_button,
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_button,
        ):
            bar.addWidget(widget)
        self.edit_actions = list(edit_actions or [])
        self.edit_buttons: list[QPushButton] = []
        for index, (label, _action) in enumerate(self.edit_actions):
            button = QPushButton(label)
            button.setProperty("edit_action", index)
            # A bound method, not a closure over the dialog: a Python cycle through a child widget's signal
            # would let the garbage collector delete the dialog under Qt's feet.
            button.clicked.connect(self._run_edit_action)
            self.edit_buttons.append(button)
            bar.addWidget(button)
        bar.addStretch(1)
        # The output buttons on their own row below the page, as in a dialog's button box: one row of every
        # button was 1,300 px wide in English, more than a laptop at 150 % scaling shows (issue 18).
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button, *self.edit_buttons):
            button.setAutoDefault(False)  # Enter closes the preview, whatever button was clicked last
        self.close_button.setDefault(True)
        output = QHBoxLayout()
        output.addStretch(1)
        for widget in (self.print_button, self.save_button, self.folder_button, self.close_button):
            output.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.needs_label)
        layout.addWidget(self.problems_label)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addLayout(output)
        self.view.pageNavigator().currentPageChanged.connect(self._update_page_label)
        self.load(pdf, problems or [], blocking)
        initial_size(self, 900, 700)

    def _tool(self, text: str, icon: QStyle.StandardPixmap, slot, shortcut) -> QToolButton:
        button = QToolButton()
        button.setIcon(self.style().standardIcon(icon))
        button.setToolTip(text)
        button.setAccessibleName(text)
        button.setShortcut(shortcut)
        button.clicked.connect(slot)
        return button

    # --- content ------------------------------------------------------------------------------------------
    def load(self, pdf: bytes, problems: list[str], blocking: bool) -> None:
        self.pdf = pdf
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # QPdfDocument reads from it for as long as the document is shown
        self.blocking = blocking
        lines = list(problems)
        if blocking:
            lines.insert(0, _("Printing and saving are disabled until these characters are replaced."))
        self.problems_label.setText("\n".join(f"⚠ {line}" for line in lines))
        self.problems_label.setVisible(bool(lines))
        self.print_button.setEnabled(not blocking)
        self.save_button.setEnabled(not blocking)
        self.folder_button.setEnabled(self.saved_path is not None)
        self._update_page_label()
        self.show_missing(self.missing)

    def show_missing(self, missing: list[str]) -> None:
        self.missing = list(missing)
        heading = _("Still empty in the register (the document prints them as blanks):")
        self.needs_label.setText("\n".join([heading, *(f"・{line}" for line in self.missing)]))
        self.needs_label.setVisible(bool(self.missing))

    def confirm_missing(self) -> bool:
        """One question listing every empty field before the document leaves the preview; True to go on."""
        if not self.missing:
            return True
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            _("These fields are still empty:\n{fields}\n\nSave or print the document anyway?").format(
                fields="\n".join(f"・{line}" for line in self.missing)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def rebuild(self) -> None:
        if self.rebuild_fn is None:
            return
        try:
            pdf, problems, blocking = self.rebuild_fn()
        except BreachDeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.user_text())
            return
        if self.missing_fn is not None:
            self.missing = self.missing_fn()
        self.load(pdf, problems, blocking)

    # --- navigation -------------------------------------------------------------------------------------
    def page_count(self) -> int:
        return int(self.document.pageCount())

    def current_page(self) -> int:
        return int(self.view.pageNavigator().currentPage())

    def go_to(self, page: int) -> None:
        page = max(0, min(page, self.page_count() - 1))
        navigator = self.view.pageNavigator()
        navigator.jump(page, QPointF(), navigator.currentZoom())
        self._update_page_label()

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def zoom_in(self) -> None:
        self.zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom(1 / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _run_edit_action(self) -> None:
        index = self.sender().property("edit_action")
        _label, action = self.edit_actions[int(index)]
        if action(self):
            self.rebuild()

    def zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(self.view.zoomFactor() * factor, 4.0)))

    def _update_page_label(self, *_args: object) -> None:
        total = self.page_count()
        self.page_label.setText(
            _("Page {page} of {total}").format(page=self.current_page() + 1 if total else 0, total=total)
        )
        self.prev_button.setEnabled(self.current_page() > 0)
        self.next_button.setEnabled(self.current_page() < total - 1)

    # --- output -------------------------------------------------------------------------------------------
    def print_document(self) -> None:
        if self.blocking or not self.confirm_missing():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        printer.setDocName(self.suggested_name)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(self.page_count(), 1))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(self.document, printer)
        except BreachDeskError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.user_text())

    def save_as(self) -> Path | None:
        if self.blocking or not self.confirm_missing():
            return None
        start = str(self.folder / self.suggested_name)
        name, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF"), start, _("PDF files (*.pdf)"))
        if not name:
            return None
        return self.save_to(Path(name))

    def save_to(self, path: Path) -> Path | None:
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            write_file(path, self.pdf)
        except BreachDeskError as exc:  # the PDF stays in the dialog: choose another folder
            QMessageBox.warning(self, _("Save as PDF"), exc.user_text())
            return None
        self.saved_path = path
        self.folder = path.parent
        self.folder_button.setEnabled(True)
        return path

    def open_folder(self) -> None:
        messages.open_folder(self.saved_path.parent if self.saved_path else self.folder)
