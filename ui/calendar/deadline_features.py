"""Wires the deadline features into the main window: the countdown dock, the calendar, .ics export, reminder
settings and the notification-area icon. The start-up (ui/shell/application.py) calls `install_deadline_features`
once the register's rows are on screen; everything else lives here and in the modules it names."""

from __future__ import annotations

import datetime as dt
import logging
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QWidget

from app.deadlines.clocks import Clock, ClockKind
from app.deadlines.ics import calendar_bytes
from app.deadlines.reminders import Reminder
from app.domain.dates import now_utc
from app.errors import BreachDeskError
from app.i18n import _
from ui.calendar.calendar_view import CalendarDialog
from ui.calendar.clock_display import set_office_calendar
from ui.calendar.closure_days_dialog import ClosureDaysDialog
from ui.calendar.countdown_panel import CountdownPanel
from ui.calendar.reminder_settings_dialog import ReminderSettingsDialog
from ui.calendar.tray import CheckResult, ReminderTray, StartupSummaryDialog
from ui.common.jobs import LatestJob, ignore_result
from ui.common.messages import show_error
from ui.common.wait import when_idle

if TYPE_CHECKING:
    from app.db.database import Database
    from app.services.root import Services

log = logging.getLogger(__name__)

JAPANESE_ERA_KEY = (
    "calendar.japanese_era"  # the calendar's month header in 和暦, remembered with the register
)
# Tests replace this to drive the whole window with a fake clock.
current_time: Callable[[], dt.datetime] = now_utc
_STARTED: weakref.WeakSet[Database] = weakref.WeakSet()  # registers whose start-up summary was shown


class DeadlineFeatures(QObject):
    refreshed = Signal()  # a refresh's answer has reached the panel (or the register could not be read)

    def __init__(
        self, window: QMainWindow, services: Services, now: Callable[[], dt.datetime] | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.db: Database = services.db
        self.now = now or current_time
        self.reminders = services.reminders
        self.settings = services.settings
        self.office_calendar = services.office_calendar
        set_office_calendar(self.office_calendar.calendar())  # working days count with the office's closures
        self.clocks: list[Clock] = []
        self.last_now = self.now()
        self.calendar_dialog: CalendarDialog | None = None
        self.summary_dialog: StartupSummaryDialog | None = None
        self._summary_pending = (
            False  # the summary waits one turn (_arrived); idle() is not true before it shows
        )

        self.panel = CountdownPanel(window)
        self.panel.openIncidentRequested.connect(self.open_incident)
        self.panel.substitutePublicationChosen.connect(self.choose_substitute_publication)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        placeholder = getattr(window, "deadline_placeholder", None)
        if placeholder is not None:  # the main window held this place since its first paint
            width = placeholder.width()
            window.removeDockWidget(placeholder)
            placeholder.deleteLater()
            window.deadline_placeholder = None  # type: ignore[attr-defined]
            window.resizeDocks([self.panel], [max(width, 380)], Qt.Orientation.Horizontal)
        else:
            window.resizeDocks([self.panel], [380], Qt.Orientation.Horizontal)
        self.panel.show()  # added after the window is shown: a child stays hidden until told

        self.jobs = LatestJob(self, "deadlines")
        self._startup: bool | None = None  # minimized?, while the start-up summary is still to show
        self._started = False
        self._closed = False
        self._panel_counts: str | None = None
        self._prepared: tuple[list[Clock] | None, frozenset[int] | None] = (None, None)
        self.tray = ReminderTray(self.reminders, self.now, parent=self)
        self.tray.run_check = self.refresh
        self.tray.record = self._record
        window.installEventFilter(self)
        self.tray.clocksUpdated.connect(self._show_clocks)
        self.tray.openWindowRequested.connect(self.show_window)
        self.tray.fallbackMessage.connect(self._fallback_message)
        self._add_menu_actions()
        populated = getattr(window, "registerPopulated", None)
        if populated is not None:
            populated.connect(self.refresh)  # a new or edited incident re-computes its clocks at once

    def _add_menu_actions(self) -> None:
        menu = getattr(self.window, "view_menu", None) or self.window.menuBar().addMenu(_("&View"))
        self.panel_action = self.panel.toggleViewAction()
        self.panel_action.setText(_("&Deadlines panel"))
        self.calendar_action = QAction(_("Deadline &calendar…"), self.window)
        self.calendar_action.triggered.connect(self.open_calendar)
        self.settings_action = QAction(_("Reminder &settings…"), self.window)
        self.settings_action.triggered.connect(self.open_reminder_settings)
        self.closures_action = QAction(_("&Office closure days…"), self.window)
        self.closures_action.triggered.connect(self.open_closure_days)
        menu.addSeparator()
        for action in (self.panel_action, self.calendar_action, self.settings_action, self.closures_action):
            menu.addAction(action)

    # --- state --------------------------------------------------------------------------------------------
    # Reading the clocks costs about 1 ms per open incident: it runs on a worker (ui/common/jobs.py LatestJob), and
    # only its answer reaches the GUI thread; a refresh asked during a refresh supersedes it (the newest wins).
    def start(self) -> None:
        """The first window on a register shows the start-up summary (as a notification when the window starts
        hidden in the tray); a window rebuilt for a language switch just carries on reminding. Once only: it
        runs when the window is first idle (install_deadline_features), or earlier with the first refresh."""
        if self._started:
            return
        self._started = True
        self.tray.start()
        if self.db in _STARTED:
            self.tray.armed = True
            self.refresh()
            return
        _STARTED.add(self.db)
        self.startup(minimized=not self.window.isVisible())

    def refresh(self) -> None:
        """Re-read every clock on the worker; the answer arrives in `_arrived` (and `refreshed` is emitted). Until
        the start-up summary has been shown, every refresh also carries it, so no refresh can swallow it."""
        if self._closed:
            return
        if not self._started:  # asked for before the window was idle: the first reading, with its summary
            self.start()
            return
        now = self.now()
        startup = self._startup is not None
        self.jobs.run(lambda: self.tray.compute(now, startup=startup), self._arrived, self._failed)

    def startup(self, *, minimized: bool = False) -> None:
        self._startup = minimized
        self.refresh()

    def idle(self) -> bool:
        """No refresh awaited: what the panel shows is the newest answer (tests and bench/gui_stall.py wait on it).
        Not before the first reading has been asked for."""
        return self._started and self.jobs.idle() and not self._summary_pending

    def _arrived(self, result: CheckResult | None) -> None:
        if result is not None:
            self._panel_counts = result.panel_counts  # for _show_clocks, which apply() reaches by signal
            self._prepared = (result.running, result.chosen)
            minimized = bool(self._startup)
            if result.summary is not None:
                self._startup = None
            dialog = self.tray.apply(result, self.window, minimized=minimized, show_summary=False)
            if result.summary is not None:
                if dialog is not None:
                    dialog.openIncidentRequested.connect(self.open_incident)
                    # In the next turn: the panel's rows paint first, then the dialog shows (and the window,
                    # no longer the active one, repaints): two pauses of ~20-40 ms rather than one of ~65 ms.
                    self._summary_pending = True
                    QTimer.singleShot(0, lambda: self._show_summary(dialog))
                    return
                self.summary_dialog = dialog
        self.refreshed.emit()

    def _show_summary(self, dialog: StartupSummaryDialog) -> None:
        self._summary_pending = False
        if not self._closed and shiboken6.isValid(dialog):
            dialog.show()  # not modal: the register stays usable behind it
            self.summary_dialog = dialog
        self.refreshed.emit()

    def _failed(self, text: str) -> None:
        log.warning("the deadlines could not be read: %s", text)  # the job's text names no person
        self.refreshed.emit()

    def _record(self, shown: Sequence[Reminder], now: dt.datetime) -> None:
        """What was shown is written on the worker, queued before any later check reads it."""
        reminders = list(shown)
        self.jobs.run(lambda: self.reminders.mark_fired(reminders, now), ignore_result, supersede=False)

    def shutdown(self) -> None:
        """The window closes: no answer still to come reaches a widget, the worker is let finish its query."""
        if self._closed:
            return
        self._closed = True
        self.tray.stop()
        self.jobs.shutdown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def _show_clocks(self, clocks: Sequence[Clock], now: dt.datetime) -> None:
        """The worker's answer prepared its lists (CheckResult.running/chosen): no pass over the clocks here."""
        self.clocks = clocks if isinstance(clocks, list) else list(clocks)  # a fresh list per answer: kept
        self.last_now = now
        (running, chosen), self._prepared = self._prepared, (None, None)
        if chosen is None:
            chosen = frozenset(c.incident_id for c in clocks if c.kind is ClockKind.PUBLICATION)
        counts, self._panel_counts = self._panel_counts, None
        self.panel.set_clocks(self.clocks, now, chosen, counts, running=running)
        if self.calendar_dialog is not None:
            self.calendar_dialog.set_clocks(self.clocks, now)

    def _fallback_message(self, title: str, body: str) -> None:
        """No notification area: the panel shows the message until the next one, and the taskbar flashes."""
        self.panel.show_message(title, body)
        if not self.panel.isVisible():
            self.panel.show()
        QApplication.alert(self.window)

    # --- actions ------------------------------------------------------------------------------------------
    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def open_incident(self, incident_id: int, tab: str) -> None:
        """The incident workspace (issue 5) when present; otherwise say which incident, so nothing is silent."""
        self.show_window()
        opener = getattr(self.window, "open_incident", None)
        if callable(opener):
            opener(incident_id, tab)
            return
        reference = next((c.reference for c in self.clocks if c.incident_id == incident_id), str(incident_id))
        self.window.statusBar().showMessage(_("Incident {reference}").format(reference=reference), 8000)

    def choose_substitute_publication(self, incident_id: int, chosen: bool) -> None:
        try:
            self.reminders.clocks.set_substitute_publication(incident_id, chosen)
        except BreachDeskError as exc:
            show_error(self.window, exc)
            return
        self.refresh()

    def open_calendar(self) -> CalendarDialog:

        if self.calendar_dialog is None:
            dialog = CalendarDialog(self.window)
            dialog.openIncidentRequested.connect(self.open_incident)
            dialog.exportIncidentRequested.connect(self.export_incident)
            dialog.exportAllRequested.connect(self.export_all)
            dialog.finished.connect(self._calendar_closed)
            dialog.view.set_japanese_era(bool(self.settings.get(JAPANESE_ERA_KEY, False)))
            dialog.view.japaneseEraToggled.connect(
                lambda chosen: self.settings.set(JAPANESE_ERA_KEY, chosen, audited=False)
            )
            self.calendar_dialog = dialog
        self.calendar_dialog.set_clocks(self.clocks, self.last_now)
        self.calendar_dialog.view.go_to_today()
        self.calendar_dialog.show()
        self.calendar_dialog.raise_()
        return self.calendar_dialog

    def _calendar_closed(self) -> None:
        if self.calendar_dialog is not None:
            self.calendar_dialog.deleteLater()
        self.calendar_dialog = None

    def open_reminder_settings(self) -> None:

        paths = getattr(self.window, "paths", None)
        dialog = ReminderSettingsDialog(self.reminders, getattr(paths, "root", None), self.window)
        if dialog.exec():
            self.window.statusBar().showMessage(_("The reminder settings were saved."), 8000)
            self.refresh()

    def open_closure_days(self) -> ClosureDaysDialog:
        """Saved closures count at once: the register, the panel and an open calendar are refreshed."""
        dialog = ClosureDaysDialog(self.office_calendar, self._dialog_parent())
        dialog.accepted.connect(lambda: self._closures_saved(dialog))
        dialog.open()
        return dialog

    def _closures_saved(self, dialog: ClosureDaysDialog) -> None:
        if dialog.saved is not None:
            set_office_calendar(dialog.saved)
        self.window.statusBar().showMessage(_("The office closure days were saved."), 8000)
        refresh_register = getattr(self.window, "refresh_register", None)
        if callable(refresh_register):
            refresh_register()  # emits registerPopulated, which refreshes the deadlines too
        else:
            self.refresh()
        if self.calendar_dialog is not None:
            self.calendar_dialog.set_clocks(self.clocks, self.last_now)

    def export_incident(self, incident_id: int) -> Path | None:
        reference = self.reminders.clocks.incident_reference(incident_id) or str(incident_id)
        return self._export(f"breachdesk-{reference}.ics", incident_id)

    def export_all(self) -> Path | None:
        return self._export("breachdesk-deadlines.ics", None)

    def _export(self, suggested: str, incident_id: int | None) -> Path | None:

        paths = getattr(self.window, "paths", None)
        folder = getattr(paths, "exports_dir", Path.home())
        chosen, _selected = QFileDialog.getSaveFileName(
            self._dialog_parent(),
            _("Export deadlines"),
            str(Path(folder) / suggested),
            _("iCalendar (*.ics)"),
        )
        if not chosen:
            return None
        target = Path(chosen if chosen.lower().endswith(".ics") else f"{chosen}.ics")
        now = self.now()
        try:
            if incident_id is None:
                clocks = self.reminders.clocks.open_clocks(now)
                name = "BreachDesk 期限（未完了の事案すべて）"
            else:
                clocks = self.reminders.clocks.clocks_for_incident(incident_id, now)
                name = f"BreachDesk 期限（{self.reminders.clocks.incident_reference(incident_id)}）"
            data = calendar_bytes(
                clocks, self.reminders.settings(), now, self.reminders.calendar_uid_domain(), name
            )
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except BreachDeskError as exc:
            show_error(self._dialog_parent(), exc)
            return None
        except OSError as exc:
            log.warning("cannot write %s: %s", target, exc)
            self.window.statusBar().showMessage(
                _("The file could not be written: {error}").format(error=exc), 15000
            )
            return None
        self.window.statusBar().showMessage(_("Deadlines exported to {path}.").format(path=target), 15000)
        return target

    def _dialog_parent(self) -> QWidget:
        return self.calendar_dialog if self.calendar_dialog is not None else self.window


def install_deadline_features(window: QMainWindow, services: Services) -> DeadlineFeatures:
    features = DeadlineFeatures(window, services)
    # Once the panel and the register around it have painted: the first reading of every clock is Python on a
    # worker for a second or more, and a paint running beside it waits for the GIL at each cell (ui/common/wait.py).
    when_idle(features.start, features)
    return features
