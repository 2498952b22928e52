"""The main window: menus, toolbar, status bar around the register. It paints before the database is open and
imports nothing of the storage layer; the start-up (ui/shell/application.py) then hands it the services
(`show_register`: the register's rows) and, once those are on screen, the actions that need the open register
(`install_open_register`, ui/shell/open_register.py)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, current_language
from app.paths import DataPaths
from app.settings import SettingsStore
from ui.common import messages
from ui.common.elided_label import ElidedLabel
from ui.documents.menu import install_documents_menu
from ui.register.view import RegisterView
from ui.shell import dialogs

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QShowEvent

    from app.db.database import Database
    from app.db.faults import ReadOnlyNotice
    from app.services.register import RegisterService
    from app.services.root import Services
    from ui.calendar.deadline_features import DeadlineFeatures
    from ui.register.actions import WorkspaceManager
    from ui.shell.open_register import OpenRegister

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"ja": "日本語(&J)", "en": "&English"}  # each in its own language, so anyone can find theirs


class MainWindow(QMainWindow):
    registerPopulated = Signal()  # the register shows its rows (or its empty state)
    registerReady = Signal()  # and every action on it is installed: the bench's "ready"
    languageChangeRequested = Signal(str)
    # The confirmed backup (a Path): the start-up closes, restores and reopens the register (GuiSession).
    restoreRequested = Signal(object)
    # The register's encryption (issue 17), handled by the start-up, which holds the key (GuiSession).
    passphraseChangeRequested = Signal()
    forgetKeyRequested = Signal()
    encryptRequested = Signal()

    def __init__(
        self, paths: DataPaths, settings: SettingsStore | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self.services: Services | None = None  # once the database is open
        self.db: Database | None = None
        self.open_register: OpenRegister | None = None  # once the rows are on screen
        self.setWindowTitle(_("BreachDesk — personal-data breach response desk"))
        self.register = RegisterView()
        self.register.newIncidentRequested.connect(self.open_new_incident)
        self.register.incidentActivated.connect(self.open_incident)
        self.register.reloaded.connect(self._show_register_count)
        self.setCentralWidget(self._central_with_banner())
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()
        self._create_deadline_placeholder()
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
    def _action(self, text: str, slot, icon: str | None = None, shortcut=None) -> QAction:
        """`icon` names a QStyle.StandardPixmap; a blank of the same size holds its place until the first paint."""
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(self._blank_icon)
            self._pending_icons.append((action, icon))
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def apply_standard_icons(self) -> None:
        """The style's icons, after the first paint: the first use of QStyle.StandardPixmap from Python builds its
        ~850 enum members (~10 ms), which the window should not wait for. The blanks kept the toolbar's layout."""
        for action, name in self._pending_icons:
            action.setIcon(self.style().standardIcon(getattr(QStyle.StandardPixmap, name)))
        self._pending_icons.clear()

    def _create_actions(self) -> None:
        blank = QPixmap(32, 32)
        blank.fill(Qt.GlobalColor.transparent)
        self._blank_icon = QIcon(blank)
        self._pending_icons: list[tuple[QAction, str]] = []
        self.new_incident_action = self._action(
            _("Register a &new incident…"),
            self.open_new_incident,
            "SP_FileIcon",
            QKeySequence.StandardKey.New,
        )
        self.office_action = self._action(
            _("&Office profile…"), self.open_office_profile, "SP_FileDialogInfoView"
        )
        # Ctrl+W (Ctrl+F4 on Windows) closes the window like its × button: everything is saved as it is entered,
        # and the workspaces close with it. Esc does not: one stray key must not close the register; Esc clears
        # the search box and closes dialogs and workspaces (issue 18 point 3).
        self.close_action = self._action(_("&Close window"), self.close)
        self.close_action.setShortcuts(QKeySequence.StandardKey.Close)
        self.quit_action = self._action(_("E&xit"), self.close, shortcut=QKeySequence.StandardKey.Quit)
        self.export_csv_action = self._action(
            _("Export the register (CSV for Exce&l)…"), lambda: self.export_register("csv")
        )
        self.export_json_action = self._action(
            _("Export the register (&JSON)…"), lambda: self.export_register("json")
        )
        self.verify_audit_action = self._action(_("&Verify the audit log…"), self.verify_audit_log)
        self.backup_now_action = self._action(_("&Back up now"), self.backup_now)
        self.restore_backup_action = self._action(_("&Restore from a backup…"), self.restore_from_backup)
        self.change_passphrase_action = self._action(
            _("Change &passphrase…"), self.passphraseChangeRequested.emit
        )
        self.forget_key_action = self._action(_("Forget the &key on this PC"), self.forgetKeyRequested.emit)
        self.encrypt_action = self._action(_("&Encrypt the register…"), self.encryptRequested.emit)
        self.open_logs_action = self._action(
            _("Open the &log folder"), self.open_log_folder, "SP_DirOpenIcon"
        )
        self.about_action = self._action(_("&About BreachDesk"), self.show_about)
        self.open_selected_action = self._action(_("&Open the selected incident"), self.open_selected)
        self.open_selected_action.setShortcutVisibleInContextMenu(True)
        self.reassess_action = self._action(_("&Re-assess the selected incident…"), self.reassess_selected)
        self.print_action = self._action(
            _("&Documents of the selected incident…"),
            self.show_documents_menu,
            shortcut=QKeySequence.StandardKey.Print,
        )
        self.find_action = self._action(
            _("&Find in the register"), self.register.focus_search, shortcut=QKeySequence.StandardKey.Find
        )
        self.refresh_action = self._action(
            _("&Refresh"), self.refresh_register, shortcut=QKeySequence.StandardKey.Refresh
        )
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
        self.file_menu.addAction(self.export_csv_action)
        self.file_menu.addAction(self.export_json_action)
        self.file_menu.addAction(self.verify_audit_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.backup_now_action)
        self.file_menu.addAction(self.restore_backup_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.change_passphrase_action)
        self.file_menu.addAction(self.forget_key_action)
        self.file_menu.addAction(self.encrypt_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_action)
        self.file_menu.addAction(self.quit_action)
        self.incident_menu = bar.addMenu(_("&Incident"))
        self.incident_menu.addAction(self.open_selected_action)
        self.incident_menu.addAction(self.reassess_action)
        self.incident_menu.addAction(self.print_action)
        self.incident_menu.addSeparator()
        self.incident_menu.addAction(self.find_action)
        self.view_menu = bar.addMenu(_("&View"))
        self.view_menu.addAction(self.refresh_action)
        self.annual_review_action = self._action(_("&Annual review…"), self.open_annual_review)
        self.view_menu.addAction(self.annual_review_action)
        self.language_menu = self.view_menu.addMenu(_("&Language"))
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu(_("&Help"))
        self.help_menu.addAction(self.open_logs_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        self.documents_menu = install_documents_menu(self)

    def _create_toolbar(self) -> None:
        self.toolbar = QToolBar(_("Main toolbar"))
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.new_incident_action)
        self.toolbar.addAction(self.office_action)
        # The buttons' own words: Qt strips "&" and "…" from a menu text, but not the Japanese 「(&N)」.
        self.new_incident_action.setIconText(_("Register a new incident"))
        self.office_action.setIconText(_("Office profile"))
        self.addToolBar(self.toolbar)

    def _create_status_bar(self) -> None:
        # Elided with the whole path in its tooltip: a long folder held the window 860 px wide (issue 18).
        self.location_label = ElidedLabel(_("Data folder: {path}").format(path=self.paths.root))
        self.location_label.set_detail(str(self.paths.db_file))
        self.count_label = QLabel()
        # A plain register (created before issue 17, or by the command line) says so and offers the conversion.
        self.plain_button = QPushButton(_("The register is not encrypted — encrypt it…"))
        self.plain_button.setFlat(True)
        self.plain_button.setStyleSheet("QPushButton { color: #8a4b00; }")
        self.plain_button.clicked.connect(self.encryptRequested.emit)
        self.plain_button.hide()
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.plain_button)
        self.statusBar().addPermanentWidget(self.count_label)

    def _create_deadline_placeholder(self) -> None:
        """Hold the deadlines panel's place from the first paint. The panel (issue 6) arrives with the register, and
        a dock added to a window already on screen widens it: the filter bar and the panel need more than 1100 px."""
        dock = QDockWidget(_("Deadlines"), self)
        dock.setObjectName("countdown_panel_placeholder")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        body = QLabel(_("Opening the register…"))
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setMinimumWidth(240)  # as the panel's own body
        dock.setWidget(body)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [380], Qt.Orientation.Horizontal)
        self.deadline_placeholder: QDockWidget | None = dock

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.db is None:
            # Set only now: QStatusBar hides its left-hand labels for a message only if they are already visible.
            self.statusBar().showMessage(_("Opening the register…"))

    def set_data_paths(self, paths: DataPaths) -> None:
        """The officer chose another folder after a storage fault; the logs follow it."""
        self.paths = paths
        self.location_label.setText(_("Data folder: {path}").format(path=paths.root))
        self.location_label.set_detail(str(paths.db_file))

    def _set_database_actions_enabled(self, enabled: bool) -> None:
        self.new_incident_action.setEnabled(enabled)
        self.office_action.setEnabled(enabled)
        for action in (self.open_selected_action, self.print_action, self.find_action, self.refresh_action):
            action.setEnabled(enabled)
        for action in (self.export_csv_action, self.export_json_action, self.verify_audit_action):
            action.setEnabled(enabled)
        # Backups exist only for the register file (a database server keeps its own).
        local = enabled and self.db is not None and getattr(self.db, "file", None) is not None
        self.backup_now_action.setEnabled(local)
        self.restore_backup_action.setEnabled(local)
        self.register.empty_button.setEnabled(enabled)
        self.reassess_action.setEnabled(enabled)
        self._show_encryption_state(enabled)

    def _show_encryption_state(self, enabled: bool) -> None:
        """Passphrase actions for an encrypted register, the conversion for a plain register file."""
        db = self.db if enabled else None
        encrypted = getattr(db, "key", None) is not None
        writable = db is not None and getattr(db, "read_only", None) is None
        plain_file = writable and not encrypted and getattr(db, "file", None) is not None
        self.change_passphrase_action.setEnabled(encrypted and writable)
        self.forget_key_action.setEnabled(encrypted)
        self.encrypt_action.setEnabled(plain_file)
        self.plain_button.setVisible(plain_file)

    # --- database -----------------------------------------------------------------------------------------
    def show_register(self, db: Database, register: RegisterService) -> None:
        """The register is open: its rows (or the empty state) and the count. The actions that change data wait
        for `install_open_register`, one paint later."""
        self.db = db
        url = getattr(db, "url", None)  # a SQLAlchemy URL, read without importing the storage layer here
        if url is not None and hasattr(url, "get_backend_name") and url.get_backend_name() != "sqlite":
            # The server and database the officer shares with colleagues: no driver, and no password at all (not
            # even its *** placeholder: the status bar is on screen all day).
            backend = url.get_backend_name()
            # (URL.set() leaves a field given as None unchanged; the URL is a NamedTuple, so _replace clears it.)
            shown = url._replace(drivername=backend, password=None).render_as_string(hide_password=True)
            self.location_label.setText(_("Database: {url}").format(url=shown))
            self.location_label.set_detail(shown)
        self.statusBar().clearMessage()
        self._show_read_only_banner(getattr(db, "read_only", None))
        self.register.attach(register)
        self.registerPopulated.emit()

    def install_open_register(self, open_register: OpenRegister) -> None:
        self.open_register = open_register
        self.services = open_register.services
        self.register.show_last_changes(self.services.overview.last_change_line)
        self._set_database_actions_enabled(True)
        if getattr(self.db, "read_only", None) is not None:
            self._disable_edit_actions()
        self.registerReady.emit()

    # --- a register opened read-only (issue 16 point 4) -----------------------------------------------------
    def _central_with_banner(self) -> QWidget:
        """The register under a banner that stays hidden unless the register could only be opened read-only."""
        banner = QFrame()
        banner.setObjectName("read_only_banner")
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setStyleSheet(
            "#read_only_banner { background: #fff4ce; border: 1px solid #d8b600; }"
            " #read_only_banner QLabel { color: #3b2f00; }"
        )
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.read_only_title = QLabel()
        bold = self.read_only_title.font()
        bold.setBold(True)
        self.read_only_title.setFont(bold)
        self.read_only_detail = QLabel()
        self.read_only_detail.setWordWrap(True)
        self.read_only_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts = QVBoxLayout()
        texts.addWidget(self.read_only_title)
        texts.addWidget(self.read_only_detail)
        row = QHBoxLayout(banner)
        row.addWidget(icon)
        row.addLayout(texts, 1)
        banner.hide()
        self.read_only_banner = banner
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(banner)
        layout.addWidget(self.register, 1)
        return central

    def _show_read_only_banner(self, notice: ReadOnlyNotice | None) -> None:
        """Why the register is read-only and what still works: deadlines stay visible whatever the fault."""
        if notice is None:
            self.read_only_banner.hide()
            return
        self.read_only_title.setText(notice.banner)
        self.read_only_detail.setText(f"{notice.detail}\n{notice.hint}")
        self.read_only_banner.show()

    def _disable_edit_actions(self) -> None:
        """Nothing can be saved: the actions that only change the register are off (a change asked from a
        workspace is refused by the register with the same reason, and nothing is written)."""
        edits = [self.new_incident_action, self.office_action, self.reassess_action]
        for name in ("backup_now_action", "restore_backup_action"):  # a copy needs room and a writable folder
            action = getattr(self, name, None)
            if action is not None:
                edits.append(action)
        for action in edits:
            action.setEnabled(False)
            action.setToolTip(self.read_only_title.text())
        self.register.empty_button.setEnabled(False)

    @property
    def workspaces(self) -> WorkspaceManager | None:
        return self.open_register.workspaces if self.open_register is not None else None

    @property
    def deadlines(self) -> DeadlineFeatures | None:
        return self.open_register.deadlines if self.open_register is not None else None

    def refresh_register(self) -> None:
        if self.services is None:
            return
        self.register.refresh()
        self.registerPopulated.emit()

    def _show_register_count(self, matching: int, total: int) -> None:
        # Not ngettext: Japanese has no plural, and "Incidents: 1" reads fine in English.
        if matching == total:
            self.count_label.setText(_("Incidents: {count}").format(count=total))
        else:
            self.count_label.setText(
                _("Incidents: {matching} of {count}").format(matching=matching, count=total)
            )

    def open_incident(self, incident_id: int, tab: str | None = None) -> None:
        """The incident's workspace, on `tab` ("overview", "checklist", "timeline", "report", "filings",
        "classification"); an already open one comes forward."""
        if self.open_register is not None:
            self.open_register.open_incident(incident_id, tab)

    def export_register(self, fmt: str) -> None:
        if self.open_register is None:
            return
        start = self.paths.exports_dir if self.paths.exports_dir.exists() else self.paths.root
        written = self.open_register.export_register(fmt, start)
        if written is not None:
            self.statusBar().showMessage(
                _(
                    "The register was written to {path}. It contains personal data: please handle it with care."
                ).format(path=written),
                20000,
            )

    def verify_audit_log(self) -> None:
        if self.open_register is not None:
            self.open_register.verify_audit_log()

    def backup_now(self) -> None:
        if self.open_register is not None:
            done = self.open_register.backup_now()
            if done:
                self.statusBar().showMessage(done, 15000)

    def restore_from_backup(self) -> None:
        """「バックアップから復元…」: the choice here (ui/shell/restore_dialog.py); the register is closed, restored
        and opened again by the start-up's own path (`GuiSession.restore_backup`), never replaced under the
        services that are using it."""
        if self.open_register is None:
            return
        chosen = self.open_register.choose_backup()
        if chosen is not None:
            self.open_register.workspaces.close_all()
            self.restoreRequested.emit(chosen)

    # --- user actions -------------------------------------------------------------------------------------
    def open_new_incident(self) -> None:
        """「新しい事案を登録」: the guided wizard; the incident is saved assessed, with its deadlines running."""
        created = self.open_register.new_incident() if self.open_register is not None else None
        if created is not None:
            self.refresh_register()
            # Selected and scrolled to, so Enter and 書類 (Ctrl+P) work on it at once (issue 18 point 3).
            self.register.show_incident(created)
            self.register.table.setFocus()
            self.statusBar().showMessage(_("The incident was registered with its assessment."), 8000)

    def open_selected(self) -> None:
        """「選択した事案を開く」: what Enter does in the table, for the menu and screen-reader users."""
        incident_id = self.register.selected_id()
        if incident_id is None:
            self.statusBar().showMessage(_("Select an incident in the register first."), 8000)
            return
        self.open_incident(incident_id)

    def show_documents_menu(self) -> None:
        """Ctrl+P: the 書類 menu opened from the menu bar, for the selected incident; the arrow keys and the
        items' letters choose the document (a report, a letter), as printing starts from a preview."""
        if self.register.selected_id() is None:
            self.statusBar().showMessage(_("Select an incident in the register first."), 8000)
            return
        self.menuBar().setActiveAction(self.documents_menu.menuAction())

    def reassess_selected(self) -> None:
        """再判定: the selected incident re-opened in the wizard; the new assessment is stored beside the old."""
        incident_id = self.register.selected_id()
        if self.open_register is None or incident_id is None:
            self.statusBar().showMessage(_("Select an incident in the register first."), 8000)
            return
        if self.open_register.reassess(incident_id):
            self.refresh_register()
            self.statusBar().showMessage(_("The new assessment was saved beside the earlier ones."), 8000)

    def offer_wizard_draft(self) -> None:
        """At start-up, after the register opens: an incident left half-entered (crash, power cut) can resume."""
        if self.open_register is not None and self.open_register.offer_wizard_draft():
            self.refresh_register()

    def open_annual_review(self) -> None:
        """年次レビュー: the fiscal year's incidents in charts, beside the register (ui/dashboard/)."""
        if self.open_register is not None:
            self.open_register.annual_review()

    def open_office_profile(self) -> None:
        if self.open_register is not None and self.open_register.office_profile():
            self.statusBar().showMessage(_("The office profile was saved."), 8000)

    def open_log_folder(self) -> None:
        messages.open_folder(self.paths.logs_dir)

    def show_about(self) -> None:
        dialogs.show_about(self)

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
        if self.open_register is not None:
            self.open_register.workspaces.close_all()
        if self.settings is not None:
            self.settings.set_window_geometry(self.geometry_b64())
        super().closeEvent(event)
