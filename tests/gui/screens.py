"""Every main screen of BreachDesk built from a seeded register, shown and laid out (issue 18 point 2).

One place builds the screens so the fit tests (tests/gui/test_fit_scaled.py, the per-dialog tests) and the
screenshot tool (tools/screenshots.py) look at the same thing. Each builder takes a `Register` and returns the
shown top-level widget; the caller closes it. The language is whatever `app.i18n.set_language` and Qt's
translators say when the builder runs.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QTabWidget, QWidget

from app.db.database import Database
from app.db.register_key import RegisterKey
from app.documents.context import DocumentKind
from app.paths import DataPaths
from app.services.backups import describe_backups
from app.services.clocks import ClockService
from app.services.office import OfficeService
from app.services.reminders import ReminderService
from app.services.root import Services
from tests import register_template
from tests.documents.builders.factories import seed_incident
from tests.gui.register.conftest import add_assessed
from ui.calendar import deadline_features
from ui.calendar.calendar_view import CalendarDialog
from ui.calendar.reminder_settings_dialog import ReminderSettingsDialog
from ui.dashboard import build_dashboard
from ui.documents.form_assistant import FormAssistantDialog
from ui.documents.launch import build_preview
from ui.documents.letters_dialog import LettersDialog
from ui.documents.recipients_dialog import RecipientImportDialog
from ui.documents.template_editor import TemplateEditorDialog
from ui.documents.values_dialog import PlaceholderValuesDialog
from ui.shell.encryption_dialogs import ChangePassphraseDialog, NewPassphraseDialog, UnlockDialog
from ui.shell.main_window import MainWindow
from ui.shell.office_dialog import OfficeProfileDialog
from ui.shell.open_register import open_register
from ui.shell.restore_dialog import RestoreDialog
from ui.wizard.wizard import IncidentWizard
from ui.workspace.context import WorkspaceContext
from ui.workspace.workspace import IncidentWindow

NOW = dt.datetime(2027, 7, 3, 10, tzinfo=dt.timezone(dt.timedelta(hours=9)))


@functools.cache
def _seeded() -> tuple[Path, int]:
    """A data folder seeded once per test process (closed), and its 速報 incident's id."""
    folder = Path(tempfile.mkdtemp(prefix="breachdesk-screens-")) / "data"
    atexit.register(shutil.rmtree, folder.parent, True)
    paths = DataPaths(folder)
    paths.ensure()
    db = Database.open(register_template.seed(paths))
    incident_id = seed_incident(db)
    add_assessed(db, "顧客名簿を入れたUSBメモリの紛失", "loss", affected_count=1200)
    add_assessed(db, "ランサムウェアによるファイルサーバの暗号化", "unauthorized_access")
    db.backup_now()
    db.close()
    return folder, incident_id


@dataclass
class Register:
    """A register with a few incidents (one with its 速報 and 確報 drafts) and a backup to restore."""

    paths: DataPaths
    db: Database
    services: Services
    incident_id: int

    @classmethod
    def seed(cls, root: Path) -> Register:
        """The seeded data folder copied into `root` (a folder not there yet) and opened, as a later start opens it.
        Why a copy: seeding took ~120-240 ms of CPU per screen test, ~10 s of the suite's (issue 20)."""
        template, incident_id = _seeded()
        shutil.copytree(template, root)
        paths = DataPaths(root)
        db = Database.open(paths)
        return cls(paths, db, Services(db), incident_id)

    def close(self) -> None:
        self.db.close()


def _shown(widget: QWidget) -> QWidget:
    widget.show()
    QApplication.processEvents()
    return widget


def main_window(reg: Register) -> QWidget:
    """On the day NOW, like every other screen here: the seeded incidents were learned on 2027-07-01, so the
    register's あと何日 and the deadline panel show what an officer sees two days in."""
    window = MainWindow(reg.paths)
    window.register.today = window.register.model._today = lambda: NOW.date()
    window.show()
    real_time = deadline_features.current_time
    deadline_features.current_time = lambda: NOW  # read once, when the window's deadline features are built
    try:
        open_register(window, reg.services)
    finally:
        deadline_features.current_time = real_time
    features = window.deadlines
    deadline = time.monotonic() + 30
    while features is not None and not features.idle() and time.monotonic() < deadline:
        QApplication.processEvents(
            QEventLoop.ProcessEventsFlag.AllEvents, 20
        )  # the panel's rows, from a worker
    QApplication.processEvents()
    return window


def wizard(reg: Register) -> QWidget:
    return _shown(IncidentWizard(reg.services, now=lambda: NOW))


def workspace(reg: Register) -> QWidget:
    return _shown(IncidentWindow(WorkspaceContext.open(reg.services, reg.incident_id, lambda: NOW.date())))


def calendar(reg: Register) -> QWidget:
    dialog = CalendarDialog()
    dialog.set_clocks(ClockService(reg.db).open_clocks(NOW), NOW)
    dialog.view.select_day(dt.date(2027, 7, 5))  # the seeded 速報 day, a week of deadlines around it
    return _shown(dialog)


def letters(reg: Register) -> QWidget:
    return _shown(LettersDialog(None, reg.services, reg.incident_id, reg.paths.root / "letters"))


def recipients(reg: Register) -> QWidget:
    return _shown(RecipientImportDialog(None, reg.paths.root))


def preview(reg: Register) -> QWidget:
    return _shown(build_preview(None, reg.services, reg.incident_id, DocumentKind.SOKUHO, lambda _p: False))


def office(reg: Register) -> QWidget:
    return _shown(OfficeProfileDialog(OfficeService(reg.db)))


def restore(reg: Register) -> QWidget:
    return _shown(RestoreDialog(describe_backups(reg.paths.backups_dir), reg.paths.backups_dir))


def unlock(reg: Register) -> QWidget:
    return _shown(UnlockDialog(reg.paths))


def reminder_settings(reg: Register) -> QWidget:
    return _shown(ReminderSettingsDialog(ReminderService(reg.db), reg.paths.root))


def dashboard(reg: Register) -> QWidget:
    """The 年次レビュー dashboard (ui/dashboard/, issue 18 point 6), built the way its window builds it."""
    return _shown(build_dashboard(reg.services))


def template_editor(reg: Register) -> QWidget:
    return _shown(TemplateEditorDialog(None, reg.services.documents))


def values(reg: Register) -> QWidget:
    ctx = reg.services.documents.context(reg.incident_id, DocumentKind.NOTICE_LETTER)
    return _shown(PlaceholderValuesDialog(None, ctx, reg.services.documents.incident_values(reg.incident_id)))


def form_assistant(reg: Register) -> QWidget:
    return _shown(FormAssistantDialog(None, reg.services, reg.incident_id))


def new_passphrase(reg: Register) -> QWidget:
    return _shown(NewPassphraseDialog(reg.paths))


def recovery_key(reg: Register) -> QWidget:
    dialog = NewPassphraseDialog(reg.paths)
    dialog.pages.setCurrentIndex(1)
    return _shown(dialog)


def change_passphrase(reg: Register) -> QWidget:
    return _shown(ChangePassphraseDialog(reg.paths, RegisterKey.new()))


SCREENS: dict[str, Callable[[Register], QWidget]] = {
    "main_window": main_window,
    "wizard": wizard,
    "workspace": workspace,
    "calendar": calendar,
    "letters": letters,
    "preview": preview,
    "office": office,
    "restore": restore,
    "unlock": unlock,
    "reminder_settings": reminder_settings,
    "dashboard": dashboard,
}


# The other dialogs of the documents and the shell (issue 18 point 2: every dialog fits, not only the main screens).
DIALOGS: dict[str, Callable[[Register], QWidget]] = {
    "recipients": recipients,
    "template_editor": template_editor,
    "values": values,
    "form_assistant": form_assistant,
    "new_passphrase": new_passphrase,
    "recovery_key": recovery_key,
    "change_passphrase": change_passphrase,
}


def tabs_of(widget: QWidget) -> list[tuple[QTabWidget, int]]:
    """Every page of every visible tab widget, so a caller can show each tab in turn (the workspace)."""
    return [
        (tabs, i) for tabs in widget.findChildren(QTabWidget) if tabs.isVisible() for i in range(tabs.count())
    ]


def _scrolls(widget: QWidget, window: QWidget) -> bool:
    """Inside a scroll area's viewport: reachable by scrolling wherever it is."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if (
            isinstance(parent.parentWidget(), QAbstractScrollArea)
            and parent.objectName() == "qt_scrollarea_viewport"
        ):
            return True
        parent = parent.parentWidget()
    return False


def buttons_outside(window: QWidget) -> list[str]:
    """Visible buttons whose rectangle does not lie inside the window: what the officer cannot click."""
    inside = window.rect()
    problems = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or button.width() == 0 or _scrolls(button, window):
            continue
        if (
            button.window() is not window
        ):  # a dialog the window owns (the start-up summary): checked on its own
            continue
        top_left = button.mapTo(window, button.rect().topLeft())
        bottom_right = button.mapTo(window, button.rect().bottomRight())
        if not (inside.contains(top_left) and inside.contains(bottom_right)):
            name = button.text() or button.accessibleName() or button.objectName() or type(button).__name__
            problems.append(
                f"{name!r} at {top_left.x()},{top_left.y()} outside {inside.width()}x{inside.height()}"
            )
    return problems


def at_smallest(window: QWidget, limit: QSize) -> QSize:
    """Resize the window to the limit (never below its minimum) and lay it out; returns the size it got."""
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    window.resize(limit.expandedTo(smallest) if smallest.isValid() else limit)
    QApplication.processEvents()
    return window.size()
