"""The packaged app's screen check (tools/smoke_bundle.py, issue 20): with BREACHDESK_SMOKE_SCREENS=<incident id>,
once the register is ready every main screen is built on that incident, shown, painted into an image, logged and
closed, then the app quits. Frozen, a missing Qt plugin, library or data file shows up here, not at a customer's.

Not a user feature: nothing in the window offers it, the variable is read once at start (ui/shell/application.py,
beside BREACHDESK_QUIT_AFTER_MS), and this module is only loaded then. Screens as tests/gui/screens.py builds them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget

from app.documents.context import DocumentKind
from app.services.clocks import ClockService
from app.services.office import OfficeService
from app.services.reminders import ReminderService
from app.services.root import Services
from ui.calendar.calendar_view import CalendarDialog
from ui.calendar.reminder_settings_dialog import ReminderSettingsDialog
from ui.dashboard import build_dashboard
from ui.documents.launch import build_preview
from ui.documents.letters_dialog import LettersDialog
from ui.shell.main_window import MainWindow
from ui.shell.office_dialog import OfficeProfileDialog
from ui.wizard.wizard import IncidentWizard
from ui.workspace.context import WorkspaceContext
from ui.workspace.workspace import IncidentWindow

log = logging.getLogger(__name__)

SMOKE_SCREENS_ENV = "BREACHDESK_SMOKE_SCREENS"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=9)))


def _calendar(services: Services) -> QWidget:
    dialog = CalendarDialog()
    dialog.set_clocks(ClockService(services.db).open_clocks(_now()), _now())
    return dialog


def screens(services: Services, incident_id: int) -> dict[str, Callable[[], QWidget]]:
    root = services.db.paths.root
    return {
        "wizard": lambda: IncidentWizard(services, now=_now),
        "workspace": lambda: IncidentWindow(WorkspaceContext.open(services, incident_id, dt.date.today)),
        "calendar": lambda: _calendar(services),
        "dashboard": lambda: build_dashboard(services),
        "preview": lambda: build_preview(None, services, incident_id, DocumentKind.SOKUHO, lambda _p: False),
        "letters": lambda: LettersDialog(None, services, incident_id, root / "letters"),
        "office": lambda: OfficeProfileDialog(OfficeService(services.db)),
        "reminder_settings": lambda: ReminderSettingsDialog(ReminderService(services.db), root),
    }


_checked: list[QWidget] = []  # the screen being checked: a modal one of these is not answered
_kept: list[QWidget] = []  # every screen checked, alive until the app quits


def _show(name: str, build: Callable[[], QWidget]) -> None:
    widget = build()
    _checked[:] = [widget]
    widget.show()
    QApplication.processEvents()
    tabs = widget.findChildren(QTabWidget)
    for tab_widget in tabs:  # every tab of the workspace (and any other), each painted
        for index in range(tab_widget.count()):
            tab_widget.setCurrentIndex(index)
            QApplication.processEvents()
            tab_widget.grab()
    image = widget.grab()
    log.info("smoke screen %s: shown %dx%d, %d tab page(s)", name, image.width(), image.height(),
             sum(t.count() for t in tabs))  # fmt: skip
    widget.close()
    # Kept, not deleted: a screen without a parent belongs to Python, and dropping its last reference while Qt
    # still had events or a deferred delete for it deleted it under Qt (a crash seen on a busy machine, in the
    # garbage collector). The app quits right after the check.
    _kept.append(widget)


def _close_modal() -> None:
    """A question the window asks by itself at start (「入力途中の事案」: resume the wizard left open, the deadlines'
    start-up summary) would hold the screens in its own event loop until answered: the check answers it (Cancel)
    and says so."""
    modal = QApplication.activeModalWidget()
    if isinstance(modal, QDialog) and modal not in _checked:
        log.info(
            "smoke screen %s 「%s」: shown and closed (modal)", type(modal).__name__, modal.windowTitle()
        )
        modal.reject()


def _run(window: MainWindow, incident_id: int) -> None:
    closer = QTimer(window)
    closer.timeout.connect(_close_modal)
    closer.start(100)
    try:
        image = window.grab()
        log.info("smoke screen main_window: shown %dx%d", image.width(), image.height())
        services = window.services
        if services is None:
            raise RuntimeError("registerReady without services")
        for name, build in screens(services, incident_id).items():
            _show(name, build)
        deadlines = window.deadlines
        tray = deadlines.tray if deadlines is not None else None
        log.info(
            "smoke tray: %s (notification area available: %s)",
            "created" if tray is not None else "missing",
            tray.available() if tray is not None else False,
        )
    except Exception:
        log.exception("smoke screens failed")
    closer.stop()
    QTimer.singleShot(0, QApplication.quit)


def _when_settled(window: MainWindow, incident_id: int) -> None:
    """The screens run from the application's own event loop, never inside a question's (a modal's exec()): a
    question asked at start is answered first and its loop left, or the screens would be built inside that loop and
    the question's window deleted under them when it returned (a crash seen on a busy machine)."""
    if QApplication.activeModalWidget() is not None or QThread.currentThread().loopLevel() > 1:
        _close_modal()
        QTimer.singleShot(100, lambda: _when_settled(window, incident_id))
        return
    _run(window, incident_id)


def install(window: MainWindow, incident_id: int) -> None:
    """Run the screens once the register's actions are installed (the main window's registerReady)."""
    window.registerReady.connect(lambda: QTimer.singleShot(0, lambda: _when_settled(window, incident_id)))
