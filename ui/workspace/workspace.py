"""The incident workspace: everything about one case in one window, one tab per part of the record.

Each tab saves its own edits as they are made; the status bar says when the last one was saved, or why not.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from app.domain.dates import now_jst
from app.i18n import N_, _, current_language
from ui.common.tabs import whole_tab_labels
from ui.workspace.checklist_tab import ChecklistTab
from ui.workspace.classification_tab import ClassificationTab
from ui.workspace.context import WorkspaceContext
from ui.workspace.fields import AutosaveLineEdit, AutosaveTextEdit, DateField
from ui.workspace.filings_tab import FilingsTab
from ui.workspace.history_tab import HistoryTab
from ui.workspace.notices_tab import NoticesTab
from ui.workspace.overview_tab import OverviewTab
from ui.workspace.report_tab import ReportTab
from ui.workspace.timeline_tab import TimelineTab

# Tab codes are public: the countdown panel (issue 6) opens an incident at "report" or "filings".
TABS: tuple[tuple[str, str, Any], ...] = (
    ("overview", N_("Overview"), OverviewTab),
    ("checklist", N_("Response checklist"), ChecklistTab),
    ("timeline", N_("Timeline"), TimelineTab),
    ("report", N_("Report contents"), ReportTab),
    ("filings", N_("Filings and notices"), FilingsTab),
    ("notices", N_("Notices sent"), NoticesTab),
    ("classification", N_("Classification"), ClassificationTab),
    ("history", N_("Change history"), HistoryTab),
)
TAB_CODES = tuple(code for code, _label, _cls in TABS)


class IncidentWindow(QMainWindow):
    """One incident; the main window keeps at most one per incident and brings it forward when asked again."""

    recordChanged = Signal(int)  # incident id: the register refreshes its row
    closed = Signal(int)

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.tabs = QTabWidget()
        whole_tab_labels(self.tabs)  # the other tabs' labels were cut at the top (ui/common/tabs.py)
        self.pages: dict[str, QWidget] = {}
        for code, label, cls in TABS:
            page = cls(ctx)
            self.pages[code] = page
            self.tabs.addTab(page, _(label))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self.save_label = QLabel()
        self.statusBar().addPermanentWidget(self.save_label)
        ctx.reporter.saved.connect(self._saved)
        ctx.reporter.failed.connect(self._failed)
        ctx.changes.recordChanged.connect(self._record_changed)
        QShortcut(QKeySequence.StandardKey.Close, self, self._close_shortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._close_shortcut)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_now)
        self._update_title()
        screen = self.screen().availableGeometry()
        self.resize(min(1100, int(screen.width() * 0.9)), min(720, int(screen.height() * 0.9)))

    @property
    def incident_id(self) -> int:
        return self.ctx.incident_id

    def show_tab(self, code: str | None) -> None:
        if code in self.pages:
            self.tabs.setCurrentWidget(self.pages[code])

    def current_tab(self) -> str:
        return TAB_CODES[self.tabs.currentIndex()]

    def _update_title(self) -> None:
        data = self.ctx.overview.overview(self.ctx.incident_id)
        self.setWindowTitle(
            _("{reference} {title} — {status}").format(
                reference=data.reference, title=data.title, status=data.status.label()
            )
        )

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        reload = getattr(page, "reload", None)
        if reload is not None and not isinstance(page, ReportTab):
            reload()

    def _saved(self) -> None:
        self.save_label.setStyleSheet("")
        self.save_label.setText(_("Saved {time}").format(time=now_jst().strftime("%H:%M:%S")))

    def _failed(self, message: str) -> None:
        self.save_label.setStyleSheet("color: darkred")
        self.save_label.setText(_("Not saved"))
        self.statusBar().showMessage(message, 15000)

    def _record_changed(self) -> None:
        self._update_title()
        overview = self.pages["overview"]
        if overview is not self.tabs.currentWidget():
            overview.reload()  # type: ignore[attr-defined]
        elif isinstance(overview, OverviewTab):
            overview.reload()
        self.recordChanged.emit(self.ctx.incident_id)

    def _close_shortcut(self) -> None:
        self.close()  # a slot returns None (see ui/workspace/fields.py)

    def save_now(self) -> None:
        """Ctrl+S: fields save on their own, so this saves what is still being typed and says so."""
        if self.commit_pending():
            self._saved()

    def unsaved_drafts(self) -> list[str]:
        """Tabs holding typed text that no save covers (a timeline entry or a filing not added yet)."""
        return [
            _(label) for code, label, _cls in TABS if getattr(self.pages[code], "has_draft", lambda: False)()
        ]

    def commit_pending(self) -> bool:
        """Save whatever is still being typed before the window closes (a field saves on a pause or on leaving
        it, and closing the window is neither)."""
        ok = True
        for field in self.findChildren(QWidget):
            if isinstance(field, AutosaveTextEdit | AutosaveLineEdit | DateField) and field.isEnabled():
                ok = field.commit() and ok
        return ok

    def closeEvent(self, event: QCloseEvent) -> None:
        saved = self.commit_pending()
        drafts = self.unsaved_drafts()
        if drafts or not saved:
            where = ("、" if current_language() == "ja" else ", ").join(drafts)
            text = (
                _("Some text was typed but not added: {tabs}.").format(tabs=where)
                if drafts
                else _("A value could not be saved (it is shown in red).")
            )
            answer = QMessageBox.question(
                self,
                _("Close the incident window"),
                text + "\n\n" + _("Close anyway and lose it?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.closed.emit(self.ctx.incident_id)
        super().closeEvent(event)
