"""The start-up, in one place (docs/adr/0006-two-phase-start.md): QApplication, fonts and translators, then three
phases, each waiting for the previous one to be painted (ui/shell/paint_wait.py):

1. the main window, which imports nothing of the storage layer;
2. the storage layer (SQLAlchemy Core and the tables, app/db/tables.py: about 0.25 s), the register opened and
   checked, and its first rows read through the one register query (app/services/register.py, in Core) and shown;
   the ORM (~0.1 s) waits for phase 3, whose services map their classes onto the same tables;
3. the other services, built once (app/services/root.py), and the actions on the open register (wizard, workspaces,
   deadlines, tray); then the offer of an unfinished draft.

Every import inside a function in app/ and ui/ is deliberate, and listed in `LAZY_IMPORTS` below with why;
tests/unit/test_lazy_imports.py keeps the list exact and the total at most 20 (issue 14).
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QSystemTrayIcon, QWidget

from app import APP_NAME, __version__
from app.cli import EXIT_INTERNAL
from app.errors import BreachDeskError
from app.i18n import DEFAULT_LANGUAGE, _
from app.logs import setup_logging, start_rotation
from app.paths import DataPaths, data_paths, resources_dir
from app.settings import SettingsStore
from ui.common import messages
from ui.common.contrast import apply_readable_placeholders
from ui.common.fonts import register_names_fallback
from ui.common.jobs import LatestJob
from ui.common.wait import wait_for, when_idle
from ui.shell import dialogs, single_instance
from ui.shell.fonts import WINDOW_FONT_FILES, apply_application_font, register_fonts
from ui.shell.main_window import MainWindow
from ui.shell.paint_wait import after_first_paint
from ui.shell.single_instance import SingleInstance, bring_forward
from ui.shell.translations import install_qt_translators

if TYPE_CHECKING:
    from app.db.database import Database
    from app.db.register_key import RegisterKey
    from app.services.register import RegisterService
    from app.services.root import Services

log = logging.getLogger(__name__)

# file -> (imports inside its functions, why they wait). Everything else is imported at the top of its module.
LAZY_IMPORTS: dict[str, tuple[int, str]] = {
    "app/documents/render/text_map.py": (
        1,
        "pypdf (~0.1 s) only for a document whose text has characters outside the BMP (𠮷): the start and "
        "every other document do without it",
    ),
    "ui/shell/application.py": (
        4,
        "phases 2 and 3: SQLAlchemy, the register and its unlock dialogs after the first paint, then "
        "every service, the wizard, the workspaces and the tray after the rows",
    ),
    "ui/shell/recovery_dialogs.py": (
        2,
        "ReportLab for the recovery sheet, QtPrintSupport (~0.14 s) to print it: only when the officer asks",
    ),
    "ui/shell/encryption_dialogs.py": (
        1,
        "the conversion of a plain register (the ORM, the audit check): only when the officer asks for it",
    ),
    "ui/shell/single_instance.py": (
        1,
        "QtNetwork (~15 ms): the single-instance server starts after the first paint",
    ),
    "ui/dashboard/window.py": (
        1,
        "ReportLab (~0.2 s) for the annual review's PDF and CSV, when the officer first exports them",
    ),
    "ui/documents/menu.py": (
        1,
        "the document dialogs and ReportLab (~0.3 s), on the first document asked for",
    ),
    "app/services/root.py": (
        2,
        "the documents' and the notices' services (ReportLab, the mail merge), on first use",
    ),
    "app/cli.py": (
        1,
        "the register's services, only for a command that uses the register (not --help, not the "
        "window's start-up, which imports app.cli)",
    ),
    "app/logs.py": (
        1,
        "logging.handlers (~15 ms): the rotating log replaces the plain one after the first paint",
    ),
    "app/i18n.py": (1, "babel's catalog compiler: only a source checkout whose .po is newer than its .mo"),
    "app/db/database.py": (
        1,
        "the SQLAlchemy ORM (~0.1 s): on the first session, after the register's first rows are read in Core",
    ),
    "app/db/types.py": (
        1,
        "the PostgreSQL dialect's JSONB (~30 ms), only for a register on a PostgreSQL server (team mode)",
    ),
    "app/db/migrate.py": (
        1,
        "Alembic (~0.2 s): only to create or upgrade a database, never for an up-to-date one",
    ),
}

# The packaged-app smoke test starts the real window and quits it this many ms after its first paint (counted from
# the paint, so that a slow start is timed, not cut short).
QUIT_AFTER_ENV = "BREACHDESK_QUIT_AFTER_MS"
SMOKE_SCREENS_ENV = "BREACHDESK_SMOKE_SCREENS"  # and opens every main screen (ui/shell/smoke_screens.py)
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


# How long a thread holding the GIL may keep it while another waits (Python's default: 5 ms). Qt calls into Python
# for every painted cell of a model or delegate, and each call waits for the GIL: with a worker busy in Python
# (phase 3's imports, the deadlines) painting one screen of the register waited up to 5 ms per cell, 150–220 ms
# in all. At 1 ms the GUI thread gets the GIL back five times sooner; the workers lose a little throughput
# (docs/adr/0011-gui-thread-stalls.md).
GIL_SWITCH_INTERVAL_S = 0.001


def create_application(lang: str, argv: list[str] | None = None) -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "breachdesk.png")))
    apply_application_font(app, files=WINDOW_FONT_FILES)  # the rest after the first paint (run_gui)
    apply_readable_placeholders(app)  # placeholders at 4.5:1 at least (issue 18 point 3)
    install_qt_translators(app, lang)
    return app


def install_excepthook(
    window_getter: Callable[[], QWidget | None], log_path: Path | Callable[[], Path]
) -> ExceptHook:
    """Log every uncaught exception and show it in a dialog; returns the previous hook so it can be put back.

    `log_path` may be a callable: the officer can move to another data folder (and log file) mid-session.
    """
    previous = sys.excepthook
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is None or showing:
            sys.__excepthook__(exc_type, exc, tb)
            return
        showing = True  # an error inside the dialog must not open dialogs forever
        try:
            if isinstance(exc, BreachDeskError):
                messages.show_error(window_getter(), exc)
            else:
                text = crash_details(exc_type, tb)
                path = log_path() if callable(log_path) else log_path
                dialogs.show_crash_dialog(window_getter(), text, path)
        finally:
            showing = False

    sys.excepthook = hook
    return previous


def crash_details(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """What the crash dialog shows and copies: where it failed and the kind of error, without the exception's
    message, which may carry SQL parameters or file contents (other people's names); the log has it whole."""
    frames = "".join(traceback.format_tb(tb))
    name = (
        f"{exc_type.__module__}.{exc_type.__qualname__}"
        if exc_type.__module__ != "builtins"
        else exc_type.__qualname__
    )
    return f"Traceback (most recent call last):\n{frames}{name}\n" + _(
        "(The message of this error is in the log file only: it may contain personal data.)"
    )


def prepare_data_folder(paths: DataPaths, *, debug: bool, rotate: bool = True) -> bool:
    """Folders and the log file; False if the folder is unusable (the storage dialog then offers another one)."""
    try:
        paths.ensure()
        setup_logging(paths, debug=debug, rotate=rotate)
    except OSError as exc:
        logging.basicConfig(level=logging.DEBUG if debug else logging.INFO)
        log.error("data folder %s is not usable: %s", paths.root, exc)
        return False
    return True


class GuiSession:
    """One run of the window: owns the database, and rebuilds the main window when the language changes."""

    def __init__(
        self,
        app: QApplication,
        paths: DataPaths,
        settings: SettingsStore,
        *,
        database_url: str | None = None,
        debug: bool = False,
        busy_timeout: float | None = None,
    ) -> None:
        self.app = app
        self.paths = paths
        self.settings = settings
        self.database_url = database_url
        # How long a write waits for another program's lock before the officer is told (None: the register's
        # default, app/db/database.py); tests of a locked register give a fraction of a second.
        self.busy_timeout = busy_timeout
        self.debug = debug
        self.db: Database | None = None
        self.key: RegisterKey | None = None  # an encrypted register's data key, once unlocked (issue 17)
        self.register_service: RegisterService | None = None  # phase 2: the first rows
        self.services: Services | None = None  # phase 3: built once, around the same register service
        self.window: MainWindow | None = None
        self.exit_code = 0
        self.notice = ""  # what recovery did, shown in the status bar once the register is open
        self.minimized = False  # start hidden in the notification area (start-with-Windows option, issue 6)
        self._phase_3: LatestJob | None = None  # imports phase 3's modules off the GUI thread

    def start(self) -> MainWindow:
        """Phase 1, then phases 2 and 3 each after the previous one has painted."""
        window = self.show_window()
        after_first_paint(window, self.open_database)
        return window

    def _connect(self, window: MainWindow) -> None:
        window.languageChangeRequested.connect(self.switch_language)
        window.restoreRequested.connect(self.restore_backup)
        window.passphraseChangeRequested.connect(self.change_passphrase)
        window.forgetKeyRequested.connect(self.forget_key)
        window.encryptRequested.connect(self.encrypt_register)

    def show_window(self) -> MainWindow:
        window = MainWindow(self.paths, self.settings)
        self._connect(window)
        if not self.minimized:  # --minimized: only the notification-area icon until the officer opens it
            window.show()
        self.window = window
        after_first_paint(window, window.apply_standard_icons)
        return window

    def open_database(self) -> bool:
        """Phase 2: retry until the register opens or the officer quits; a known fault never becomes a traceback."""
        storage = wait_for(_load_storage)  # SQLAlchemy and the tables (~0.3 s of imports), off the GUI thread
        if storage.conversion_interrupted(
            self.paths
        ):  # a kill during 「台帳を暗号化する」 or main.py encrypt
            wait_for(_load_encryption).recover_interrupted(self.paths)
        while True:
            if not self._unlock(storage):  # the officer cancelled the passphrase: quit, nothing written
                log.info("the register in %s was not unlocked: quitting", self.paths.root)
                self.app.quit()
                return False
            open_it = functools.partial(storage.Database.open, self.paths, self.database_url, key=self.key)
            if self.busy_timeout is not None:
                open_it = functools.partial(open_it, busy_timeout=self.busy_timeout)
            try:  # checks, a migration and its backup copy, the first connection: on a worker, the window painting
                db = wait_for(open_it)
            except BreachDeskError as error:
                log.warning("cannot open the register in %s: %s", self.paths.root, error.message)
                if getattr(error, "kind", None) in (storage.FaultKind.WRONG_KEY, storage.FaultKind.ENCRYPTED):
                    self.key = None  # asked again after the storage dialog's 「再試行」
                if not self._recover(error):
                    self.exit_code = error.exit_code
                    self.app.quit()
                    return False
                continue
            self.db, self.register_service = db, storage.RegisterService(db)
            if self.window is not None:
                self.window.show_register(db, self.register_service)
                if self.notice:  # what recovery did
                    self.window.statusBar().showMessage(self.notice)
                after_first_paint(self.window.register, lambda: when_idle(self.open_register))
            return True

    def is_first_start(self) -> bool:
        """No register here and no sign that one lived here (its backups, anchors, journal): the first start, which
        sets up the encryption. A missing register with traces is a loss the storage dialog reports instead."""
        file = self.paths.db_file
        storage = _load_storage()
        empty = not file.exists() or (file.is_file() and file.stat().st_size == 0)
        return empty and not storage.preflight.has_traces(file, self.paths.backups_dir, self.paths.root)

    def _unlock(self, storage: _Storage) -> bool:
        """Phase 2's first step (issue 17): the key of an encrypted register (remembered on this PC, or asked for),
        a new key on the first start; False when the officer cancelled. A database server has no key here."""
        if self.database_url is not None or self.key is not None:
            return True
        if storage.needs_unlock(self.paths):
            encryption = wait_for(_load_encryption)  # cryptography and keyring: ~0.1 s of imports
            encryption.quiet_sqlcipher()
            paths = self.paths
            # the key remembered on this PC (the usual start: no dialog) is looked up on a worker too
            self.key = wait_for(lambda: encryption.remembered_or_env_key(paths)) or encryption.ask_to_unlock(
                self.window, paths
            )
            return self.key is not None
        if self.is_first_start():
            self.key = wait_for(_load_encryption).ask_new_key(self.window, self.paths)
            return self.key is not None
        return True  # a plain register (created before encryption, or by the command line)

    def open_register(self) -> None:
        """Phase 3: the actions on the open register, then an unfinished wizard draft (issue 4).

        Its modules (every service, the wizard, the workspaces, the documents: ~0.5 s of imports) are imported on
        a worker, so the window with its rows keeps painting and answering meanwhile (issue 18 point 4; module
        bodies create no widget); the services and actions are built back on the GUI thread."""
        window = self.window
        if window is None or self.db is None:
            return
        if self._phase_3 is None:
            self._phase_3 = LatestJob(None, "phase-3")
        db, register_service = self.db, self.register_service
        self._phase_3.run(
            lambda: _prepare_open_register(db, register_service),
            lambda prepared: self._install_open_register(window, db, *prepared),
        )

    def _install_open_register(
        self, window: MainWindow, db: Database, module: ModuleType, services: Services
    ) -> None:
        # closed, deleted by its owner (a test, the language switch) or rebuilt for a language switch meanwhile
        if window is not self.window or db is not self.db or not shiboken6.isValid(window):
            return  # (its services are dropped; the database is the session's, not theirs to close)
        self.services = services
        window.install_open_register(module.OpenRegister(window, self.services))
        QTimer.singleShot(0, window.offer_wizard_draft)
        _freeze_long_lived()

    def _recover(self, error: BreachDeskError) -> bool:
        backups = _load_storage().backups
        backups_dir, key = self.paths.backups_dir, self.key
        latest = wait_for(  # each backup is opened to be sure it is usable: off the GUI thread
            lambda: next(
                (b for b in backups.list_backups(backups_dir) if backups.is_usable_database(b, key)), None
            )
        )
        choice = dialogs.show_storage_error(self.window, error, self.paths, latest)
        if choice is dialogs.StorageChoice.RESTORE_BACKUP and latest is not None:
            try:
                moved = backups.restore_backup(self.paths, latest, key=self.key)
            except BreachDeskError as restore_error:
                messages.show_error(self.window, restore_error)
                return True
            log.warning("restored %s; the previous file was kept as %s", latest, moved)
            if moved is None:
                self.notice = _("The register was restored from the backup {name}.").format(name=latest.name)
            else:
                self.notice = _(
                    "The register was restored from the backup {name}. The previous file was kept as {moved}."
                ).format(name=latest.name, moved=moved.name)
            return True
        if choice is dialogs.StorageChoice.RETRY:
            return True
        if choice is dialogs.StorageChoice.OTHER_FOLDER:
            folder = QFileDialog.getExistingDirectory(self.window, _("Choose a folder for the register"))
            if folder:
                self._move_to(data_paths(folder))
            return True
        return False

    def _move_to(self, paths: DataPaths) -> None:
        log.info("using data folder %s for this session", paths.root)
        self.paths = paths
        self.key = None  # another folder, another register
        self.notice = _("This session uses the data folder {path}.").format(path=paths.root)
        prepare_data_folder(paths, debug=self.debug)
        if self.window is not None:
            self.window.set_data_paths(paths)

    def switch_language(self, lang: str) -> None:
        """Save the choice, reload both catalogs, and rebuild the window around the same open database."""
        old = self.window
        self.settings.set_language(lang)
        install_qt_translators(self.app, lang)
        window = MainWindow(self.paths, self.settings)
        self._connect(window)
        if old is not None:
            window.restoreGeometry(old.saveGeometry())
        window.show()
        window.apply_standard_icons()
        self.window = window
        if self.db is not None:
            module = _load_open_register()
            if self.services is None:
                self.services = module.Services(self.db, self.register_service)
            module.open_register(window, self.services)
        window.announce_language_switch()
        if old is not None:
            gc.unfreeze()  # the old window's objects must be collectable again; the new ones are frozen below
            old.close()
            old.deleteLater()
            QTimer.singleShot(0, _freeze_long_lived)

    def restore_backup(self, backup: Path) -> None:
        """「バックアップから復元…」 (ui/shell/restore_dialog.py): the register is closed and replaced by
        `Database.restore_backup` (a before-restore copy first, the file moved aside, never overwritten), then
        opened in a new window through phases 2 and 3, exactly as at start-up. A failed restore reopens the
        register as it was."""
        db, old = self.db, self.window
        if db is None:
            return
        window = self.show_window()
        if old is not None:
            window.restoreGeometry(old.saveGeometry())
            old.close()
            old.deleteLater()
        self.db = self.register_service = self.services = None
        self.notice = ""
        try:
            moved = db.restore_backup(backup)
        except BreachDeskError as error:
            log.warning("restoring %s failed: %s", backup.name, error.message)
            messages.show_error(window, error)
        else:
            log.info("restored %s from the window; the previous file was kept as %s", backup.name, moved)
            self.notice = _(
                "The register was restored from the backup {name}. The previous file was kept as {moved}."
            ).format(name=backup.name, moved=moved.name if moved is not None else "―")
        self.open_database()

    # --- the register's encryption (issue 17): menu 「パスフレーズの変更…」 and its neighbours ----------------------
    def change_passphrase(self) -> None:
        if self.db is None or self.key is None or self.window is None:
            return
        dialog = _load_encryption().ChangePassphraseDialog(self.paths, self.key, self.window)
        if dialog.exec() and dialog.changed:
            log.info("the passphrase of the register in %s was changed", self.paths.root)
            self.window.statusBar().showMessage(
                _("The passphrase was changed. The backups and the recovery key stay valid."), 15000
            )

    def forget_key(self) -> None:
        if self.window is None:
            return
        _load_encryption().forget(self.paths)
        self.window.statusBar().showMessage(
            _("This PC no longer remembers the key: the passphrase will be asked at the next start."), 15000
        )

    def encrypt_register(self) -> None:
        """「台帳を暗号化する…」: confirmation, a new passphrase and recovery key, then the register is closed,
        converted (app/db/encryption.py) and opened again through phases 2 and 3, as after a restore."""
        db, old = self.db, self.window
        if db is None or self.key is not None or db.file is None or old is None:
            return
        module = _load_encryption()
        if not module.confirm_conversion(old, self.paths):
            return
        chosen = module.ask_conversion_key(old, self.paths)
        if chosen is None:
            return
        key, keys_data = chosen
        if old.open_register is not None:
            old.open_register.workspaces.close_all()
        window = self.show_window()
        window.restoreGeometry(old.saveGeometry())
        old.close()
        old.deleteLater()
        db.close()
        self.db = self.register_service = self.services = None
        self.notice = ""
        try:
            module.convert_register(self.paths, key, keys_data)
        except BreachDeskError as error:
            log.warning("encrypting the register in %s failed: %s", self.paths.root, error.message)
            messages.show_error(window, error)
        else:
            log.info("the register in %s was encrypted", self.paths.root)
            self.key = key
            self.notice = _("The register and its backups are encrypted now.")
        self.open_database()

    def close(self) -> None:
        if self._phase_3 is not None:  # its answer would build actions on a register about to close
            self._phase_3.shutdown()
            self._phase_3 = None
        if self.window is not None:  # a search may be running on the register's worker
            self.window.register.shutdown()
        deadlines = self.window.deadlines if self.window is not None else None
        if deadlines is not None:  # its worker may be reading the register: let it finish first
            deadlines.shutdown()
        if self.db is not None:
            self.db.close()
        self.db = self.register_service = self.services = None


class _Storage:
    """Phase 2's imports: SQLAlchemy Core, the tables, the register's query (app/services/register.py), the backups;
    not the ORM (app/db/models.py), which the services of phase 3 bring."""

    def __init__(self) -> None:
        from app.db import backups, connect, database, faults, preflight, register_key  # lazy on purpose
        from app.services.register import RegisterService  # lazy on purpose: after the first paint

        self.backups = backups
        self.preflight = preflight
        self.FaultKind = faults.FaultKind
        self.Database = database.Database
        self.RegisterService = RegisterService
        self._is_encrypted_file = connect.is_encrypted_file
        self._looks_encrypted = connect.looks_encrypted
        self._keys_name = register_key.KEYS_NAME

    def conversion_interrupted(self, paths: DataPaths) -> bool:
        """Files an interrupted encryption leaves (app/db/encryption.py): a glance, so a normal start imports
        nothing more."""
        file = paths.db_file
        aside = [file.with_name(file.name + ".original"), paths.root / (self._keys_name + ".next")]
        return any(p.exists() for p in aside) or any(
            next(folder.glob("*.converting*"), None) is not None
            for folder in (paths.root, paths.backups_dir)
            if folder.is_dir()
        )

    def needs_unlock(self, paths: DataPaths) -> bool:
        """An encrypted register: not plain SQLite, and a keys file (beside it or in backups/) says it was
        encrypted, or — the keys file lost — it is a whole number of SQLCipher pages, so the recovery key can
        still open it (app/db/connect.py `looks_encrypted`). Anything else that does not start like SQLite is
        reported as damaged by the open, with its way out (a restore)."""
        folders = (paths.root, paths.backups_dir)
        file = paths.db_file
        return self._is_encrypted_file(file) and (
            any((f / self._keys_name).is_file() for f in folders) or self._looks_encrypted(file)
        )


def _freeze_long_lived() -> None:
    """Everything alive once the register is open (modules, classes, the window's wrappers: ~130,000 objects) is
    moved out of the garbage collector's reach. A full collection walks every tracked object while holding the GIL,
    whichever thread triggers it: with them it took 50–130 ms, a freeze of the window at every deadline refresh;
    without them 10–30 ms (docs/adr/0011-gui-thread-stalls.md). gc.freeze() is O(1) and frees nothing: frozen
    objects still die by reference count; only a cycle among them waits for `gc.unfreeze()` (a language switch)."""
    gc.freeze()


def _load_storage() -> _Storage:
    return _Storage()


def _load_encryption() -> ModuleType:
    """The passphrase and recovery key dialogs (cryptography, keyring: ~0.1 s), only for an encrypted register,
    a first start or the encryption menu items: a plain register's rows do not wait for them."""
    import ui.shell.encryption_dialogs as encryption_dialogs  # lazy on purpose: see above

    return encryption_dialogs


def _load_open_register() -> ModuleType:
    """Phase 3's imports: every service, the wizard, the workspaces, the deadlines, the tray
    (ui/shell/open_register.py)."""
    import ui.shell.open_register as open_register  # lazy on purpose: after the rows are on screen

    return open_register


def _prepare_open_register(db: Database, register: RegisterService | None) -> tuple[ModuleType, Services]:
    """Phase 3's work that needs no widget, on a worker: the imports, the services (plain Python, app/services/
    root.py) and the ORM's first use (mapping every class onto the tables, ~30 ms) through the office's closure
    days, which the deadlines read first. The GUI thread then only builds the widgets."""
    module = _load_open_register()
    services: Services = module.Services(db, register)
    services.office_calendar.calendar()
    return module, services


def run_gui(args: argparse.Namespace) -> int:
    paths = data_paths(args.data_dir)
    prepare_data_folder(paths, debug=args.debug, rotate=False)  # rotation starts after the first paint
    settings = SettingsStore(paths.settings_file)
    lang = args.lang or settings.current.language or DEFAULT_LANGUAGE
    log.info("%s %s starting (data folder %s, language %s)", APP_NAME, __version__, paths.root, lang)
    app = create_application(lang)
    instance = SingleInstance(paths.root)
    if not instance.acquire():  # another BreachDesk has this data folder: it was asked to come forward
        single_instance.show_already_running(paths.root)  # through the module: tests replace it
        return 0
    session = GuiSession(app, paths, settings, database_url=args.database_url, debug=args.debug)
    if getattr(args, "minimized", False):
        # Without a notification area a hidden window could never be reached: show it instead.
        session.minimized = QSystemTrayIcon.isSystemTrayAvailable()
    instance.activationRequested.connect(lambda: bring_forward(session.window))
    previous_hook = install_excepthook(lambda: session.window, lambda: session.paths.log_file)
    try:
        window = session.start()
        # The moment the officer sees the window, in the log: tools/smoke_bundle.py times the frozen start by it.
        after_first_paint(window, lambda: log.info("window painted"))
        after_first_paint(window, instance.listen)  # QtNetwork loads after the window is on screen
        after_first_paint(window, start_rotation)  # and logging.handlers
        after_first_paint(window, register_fonts)  # and the fixed-width faces
        after_first_paint(window, register_names_fallback)  # and 𠮷 & co. (ui/common/fonts.py)
        quit_after = os.environ.get(QUIT_AFTER_ENV, "")
        if quit_after.isdigit():
            after_first_paint(window, lambda: QTimer.singleShot(int(quit_after), app.quit))
        smoke_incident = os.environ.get(SMOKE_SCREENS_ENV, "")
        if smoke_incident.isdigit():  # the packaged app's screen check only (ui/shell/smoke_screens.py)
            importlib.import_module("ui.shell.smoke_screens").install(window, int(smoke_incident))
        code = app.exec()
        return session.exit_code or code
    except Exception:
        # A bug while building the window: a windowed .exe has no console, so the dialog is the only voice.
        sys.excepthook(*sys.exc_info())
        return EXIT_INTERNAL
    finally:
        session.close()
        instance.release()
        sys.excepthook = previous_hook
        log.info("%s closed", APP_NAME)
