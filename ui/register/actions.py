"""The register's own window actions: open an incident's workspace, export the register, verify the audit log.

Loaded with the open register (ui/shell/open_register.py), after the rows are on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.db.database import Database
from app.i18n import _
from app.services import register_io
from app.services.audit_check import check_audit_chain
from ui.workspace import IncidentWindow
from ui.workspace.context import WorkspaceContext

if TYPE_CHECKING:
    from app.services.root import Services


class WorkspaceManager(QObject):
    """At most one workspace window per incident; asking again brings it forward on the requested tab."""

    def __init__(self, parent: QWidget, on_record_changed) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.on_record_changed = on_record_changed
        self.windows: dict[int, IncidentWindow] = {}
        self.services: Services | None = None

    def open(self, incident_id: int, tab: str | None = None) -> IncidentWindow | None:
        if self.services is None:
            return None
        window = self.windows.get(incident_id)
        if window is None:
            window = IncidentWindow(WorkspaceContext.open(self.services, incident_id), self.parent_widget)
            window.recordChanged.connect(lambda _id: self.on_record_changed())
            window.closed.connect(self._closed)
            self.windows[incident_id] = window
        window.show_tab(tab)
        window.show()
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.raise_()
        window.activateWindow()
        return window

    def _closed(self, incident_id: int) -> None:
        window = self.windows.pop(incident_id, None)
        if window is not None:
            window.deleteLater()

    def close_all(self) -> None:
        for window in list(self.windows.values()):
            window.close()


def export_register(parent: QWidget, db: Database, fmt: str, start_dir: Path) -> Path | None:
    """CSV (UTF-8 with BOM, opens in Japanese Excel) or JSON of every incident; returns the file written."""

    if fmt == "csv":
        title, pattern, name = (
            _("Export the register (CSV for Excel)"),
            _("CSV files (*.csv)"),
            "breachdesk.csv",
        )
    else:
        title, pattern, name = _("Export the register (JSON)"), _("JSON files (*.json)"), "breachdesk.json"
    path, _filter = QFileDialog.getSaveFileName(parent, title, str(start_dir / name), pattern)
    if not path:
        return None
    payload = (
        register_io.export_csv_bytes(db) if fmt == "csv" else register_io.export_json_text(db).encode("utf-8")
    )
    target = Path(path)
    try:
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(payload)
        tmp.replace(target)
    except OSError as error:
        QMessageBox.warning(
            parent,
            title,
            _("Cannot write the file {path}: {reason}").format(
                path=target, reason=error.strerror or str(error)
            ),
        )
        return None
    return target


def verify_audit_log(parent: QWidget, db: Database) -> bool:

    result = check_audit_chain(db)
    title = _("Verify the audit log")
    if result.ok:
        QMessageBox.information(parent, title, result.message())
    else:
        QMessageBox.critical(parent, title, result.message())
    return result.ok
