"""The main window: menus, toolbar, status bar around the register. It paints before the database is open;
`attach_database` then brings the register to life (and is the first moment SQLAlchemy is imported)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStyle, QToolBar, QWidget

from app.i18n import _, current_language
from app.paths import DataPaths
from app.settings import SettingsStore
from ui.register_view import RegisterView

if TYPE_CHECKING:
    from app.db.database import Database
    from app.services.incidents import IncidentService
    from app.services.office import OfficeService

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}  # each in its own language, so anyone can find theirs


class MainWindow(QMainWindow):
    registerPopulated = Signal()  # the register shows its rows (or its empty state): the bench waits for this
    languageChangeRequested = Signal(str)

    def __init__(
        self, paths: DataPaths, settings: SettingsStore | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self.db: Database | None = None
        self.incidents: IncidentService | None = None  # once the database is open
        self.office: OfficeService | None = None
        self.setWindowTitle(_("BreachDesk — personal-data breach response desk"))
        self.register = RegisterView()
        self.register.newIncidentRequested.connect(self.open_new_incident)
        self.setCentralWidget(self.register)
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()
        self._set_database_actions_enabled(False)
        if not (settings and settings.current.window_geometry and self._restore_saved_geometry(settings)):
            self._fit_to_screen()

    def _restore_saved_geometry(self, settings: SettingsStore) -> bool:
        blob = QByteArray.fromBase64((settings.current.window_geometry or "").encode("ascii"))
        return bool(self.restoreGeometry(blob))

    def _fit_to_screen(self) -> None:
        """1100x680 where it fits; on a 1366x768 laptop (taskbar, title bar) at most 90 % of the free area."""
        screen = self.screen().availableGeometry()
        self.resize(min(1100, int(screen.width() * 0.9)), min(680, int(screen.height() * 0.9)))

    # --- construction -------------------------------------------------------------------------------------
    def _action(self, text: str, slot, icon: QStyle.StandardPixmap | None = None, shortcut=None) -> QAction:
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.new_incident_action = self._action(
            _("Register a new incident…"),
            self.open_new_incident,
            sp.SP_FileIcon,
            QKeySequence.StandardKey.New,
        )
        self.office_action = self._action(
            _("Office profile…"), self.open_office_profile, sp.SP_FileDialogInfoView
        )
        self.quit_action = self._action(_("Quit"), self.close, shortcut=QKeySequence.StandardKey.Quit)
        self.open_logs_action = self._action(_("Open log folder"), self.open_log_folder, sp.SP_DirOpenIcon)
        self.about_action = self._action(_("About BreachDesk"), self.show_about)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _checked=False, c=code: self._request_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(_("&File"))
        self.file_menu.addAction(self.new_incident_action)
        self.file_menu.addAction(self.office_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu(_("&View"))
        self.language_menu = self.view_menu.addMenu(_("Language"))
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu(_("&Help"))
        self.help_menu.addAction(self.open_logs_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    def _create_toolbar(self) -> None:
        self.toolbar = QToolBar(_("Main toolbar"))
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.new_incident_action)
        self.toolbar.addAction(self.office_action)
        self.addToolBar(self.toolbar)

    def _create_status_bar(self) -> None:
        self.location_label = QLabel(_("Data folder: {path}").format(path=self.paths.root))
        self.location_label.setToolTip(str(self.paths.db_file))
        self.count_label = QLabel()
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().showMessage(_("Opening the register…"))

    def set_data_paths(self, paths: DataPaths) -> None:
        """The officer chose another folder after a storage fault; the logs follow it."""
        self.paths = paths
        self.location_label.setText(_("Data folder: {path}").format(path=paths.root))
        self.location_label.setToolTip(str(paths.db_file))

    def _set_database_actions_enabled(self, enabled: bool) -> None:
        self.new_incident_action.setEnabled(enabled)
        self.office_action.setEnabled(enabled)
        self.register.empty_button.setEnabled(enabled)

    # --- database -----------------------------------------------------------------------------------------
    def attach_database(self, db: Database) -> None:
        """Services are imported here, not at module level: SQLAlchemy must load after the first paint."""
        from app.services.incidents import IncidentService
        from app.services.office import OfficeService

        self.db = db
        self.incidents = IncidentService(db)
        self.office = OfficeService(db)
        url = str(getattr(db, "url", ""))
        if url and not url.startswith("sqlite"):
            self.location_label.setText(_("Database: {url}").format(url=url))
        self.statusBar().clearMessage()
        self._set_database_actions_enabled(True)
        self.refresh_register()

    def refresh_register(self) -> None:
        if self.incidents is None:
            return
        rows = self.incidents.list_summaries()
        self.register.set_rows(rows)
        count = len(rows)
        # Not ngettext: Japanese has no plural, and "Incidents: 1" reads fine in English.
        self.count_label.setText(_("Incidents: {count}").format(count=count))
        self.registerPopulated.emit()

    # --- user actions -------------------------------------------------------------------------------------
    def open_new_incident(self) -> None:
        if self.incidents is None:
            return
        from ui.new_incident_dialog import NewIncidentDialog

        dialog = NewIncidentDialog(self.incidents, self)
        if dialog.exec() and dialog.created_id is not None:
            self.refresh_register()
            self.statusBar().showMessage(_("The incident was recorded."), 8000)

    def open_office_profile(self) -> None:
        if self.office is None:
            return
        from ui.office_dialog import OfficeProfileDialog

        if OfficeProfileDialog(self.office, self).exec():
            self.statusBar().showMessage(_("The office profile was saved."), 8000)

    def open_log_folder(self) -> None:
        from ui.dialogs import open_folder  # dialogs load after the first paint: start-up time

        open_folder(self.paths.logs_dir)

    def show_about(self) -> None:
        from ui.dialogs import show_about

        show_about(self)

    def _request_language(self, code: str) -> None:
        if code != current_language():
            self.languageChangeRequested.emit(code)

    def announce_language_switch(self) -> None:
        self.statusBar().showMessage(
            _(
                "Display language: English. The window was rebuilt in this language without a restart; nothing was lost."
            ),
            15000,
        )

    def geometry_b64(self) -> str:
        return bytes(self.saveGeometry().toBase64().data()).decode("ascii")

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.settings is not None:
            self.settings.set_window_geometry(self.geometry_b64())
        super().closeEvent(event)
