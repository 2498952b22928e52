"""What the main window does with an open register: the wizard (new incident, re-assessment, a resumed draft),
the office profile, the register's export and audit check, the incident workspaces and the deadlines.

The start-up (ui/shell/application.py) imports this module once the register's rows are on screen, so none of it
weighs on the first paint; the window only delegates to it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from app.services.root import Services
from ui.calendar.deadline_features import DeadlineFeatures, install_deadline_features
from ui.dashboard import build_dashboard
from ui.dashboard.window import ReviewWindow
from ui.register.actions import WorkspaceManager, export_register, verify_audit_log
from ui.shell.main_window import MainWindow
from ui.shell.office_dialog import OfficeProfileDialog
from ui.shell.restore_dialog import backup_now, choose_backup
from ui.wizard.launch import offer_resume, open_new_incident_wizard, open_reassess_wizard


class OpenRegister(QObject):
    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.workspaces = WorkspaceManager(window, window.refresh_register)
        self.workspaces.services = services
        self.deadlines: DeadlineFeatures = install_deadline_features(window, services)

    def new_incident(self) -> int | None:
        """The new incident's id (the window selects it), or None when the wizard was cancelled."""
        return open_new_incident_wizard(self.window, self.services)

    def reassess(self, incident_id: int) -> bool:
        return open_reassess_wizard(self.window, self.services, incident_id)

    def offer_wizard_draft(self) -> bool:
        return offer_resume(self.window, self.services)

    def office_profile(self) -> bool:
        return bool(OfficeProfileDialog(self.services.office, self.window).exec())

    def export_register(self, fmt: str, start_dir: Path) -> Path | None:
        return export_register(self.window, self.services.db, fmt, start_dir)

    def verify_audit_log(self) -> bool:
        return verify_audit_log(self.window, self.services.db)

    def open_incident(self, incident_id: int, tab: str | None = None) -> None:
        self.workspaces.open(incident_id, tab)

    def annual_review(self) -> ReviewWindow:
        """年次レビュー: non-modal beside the register; asked again, the open one comes forward."""
        window = getattr(self, "_review_window", None)
        if window is None:
            window = build_dashboard(self.services, self.window)
            window.destroyed.connect(lambda: setattr(self, "_review_window", None))
            self._review_window = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def choose_backup(self) -> Path | None:
        return choose_backup(self.window, self.services.db.paths.backups_dir)

    def backup_now(self) -> str:
        return backup_now(self.window, self.services.db)


def open_register(window: MainWindow, services: Services) -> OpenRegister:
    """Both steps at once (a language switch, tests): the rows, then every action on them."""
    window.show_register(services.db, services.register)
    actions = OpenRegister(window, services)
    window.install_open_register(actions)
    return actions
