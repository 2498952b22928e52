"""Reminders on the desktop: the notification-area icon, a check every minute (and when the computer wakes), and
the start-up summary of anything overdue or due within two days.

The clock is injected (`now`), so tests advance a fake clock instead of sleeping; every decision about what to
show is made by app.deadlines.reminders, and what was shown is recorded in the register before the next check.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.deadlines.clocks import Clock, ClockState
from app.deadlines.reminders import Reminder, startup_summary
from app.domain.dates import JST, now_utc
from app.errors import BreachDeskError
from app.i18n import _, ngettext
from app.paths import resources_dir
from ui.calendar.clock_display import due_text, is_soon, left_text
from ui.calendar.countdown_panel import ClockList

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 60_000
MESSAGE_MS = 30_000


def reminder_message(reminder: Reminder, today: dt.date) -> tuple[str, str]:
    """(title, body) as the officer reads it; the words follow the clock's state now, not the lead that fired."""
    clock = reminder.clock
    kind = clock.label()
    subject = f"{clock.reference} {clock.title}"
    if clock.state is ClockState.OPEN_NO_DATE:
        return _("Still to do: {kind}").format(kind=kind), "\n".join(
            [subject, _("Do it promptly, then record it in the incident.")]
        )
    titles = {
        ClockState.OVERDUE: _("Overdue: {kind}"),
        ClockState.DUE_TODAY: _("Due today: {kind}"),
    }
    title = titles.get(clock.state, _("Deadline approaching: {kind}")).format(kind=kind)
    return title, "\n".join([subject, f"{due_text(clock, today)} — {left_text(clock)}"])


def summary_counts(clocks: Sequence[Clock]) -> str:
    overdue = sum(c.state is ClockState.OVERDUE for c in clocks)
    soon = sum(c.state is ClockState.DUE_TODAY or is_soon(c) for c in clocks)
    undated = sum(c.state is ClockState.OPEN_NO_DATE and not c.kind.effort_only for c in clocks)
    return _("Overdue: {overdue} · Due within 2 days: {soon} · To do promptly: {undated}").format(
        overdue=overdue, soon=soon, undated=undated
    )


class StartupSummaryDialog(QDialog):
    """Shown once when the register opens; never blocks the window."""

    openIncidentRequested = Signal(int, str)

    def __init__(self, clocks: Sequence[Clock], now: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Deadlines to check"))
        headline = QLabel(_("Some deadlines are overdue or due within two days, or duties are still to do."))
        font = headline.font()
        font.setBold(True)
        headline.setFont(font)
        self.counts = QLabel(summary_counts(clocks))
        self.list = ClockList()
        self.list.set_clocks(clocks, now.astimezone(JST).date())
        self.list.openIncidentRequested.connect(self.openIncidentRequested)
        self.list.openIncidentRequested.connect(lambda *_args: self.accept())
        hint = QLabel(_("Click a line to open the incident."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (headline, self.counts, self.list, hint, buttons):
            layout.addWidget(widget)
        self.resize(900, 340)


class ReminderTray(QObject):
    reminderShown = Signal(object)  # one Reminder, after it is shown
    clocksUpdated = Signal(object, object)  # list[Clock], now
    openWindowRequested = Signal()
    fallbackMessage = Signal(str, str)  # no notification area (or it cannot show messages): title, body

    def __init__(
        self,
        service,  # app.services.reminders.ReminderService
        now: Callable[[], dt.datetime] = now_utc,
        parent: QObject | None = None,
        interval_ms: int = CHECK_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.now = now
        self.shown: list[tuple[str, str]] = []  # (title, body) of every message, newest last
        self.armed = False  # reminders wait for the start-up summary, which covers what is already due
        self._listening = False  # to the application coming back to the foreground (e.g. after sleep)
        self.tray = QSystemTrayIcon(QIcon(str(resources_dir() / "icons" / "breachdesk.png")), self)
        self.tray.setToolTip(APP_NAME)
        self.menu = QMenu()
        self.open_action = QAction(_("Open BreachDesk"), self)
        self.open_action.triggered.connect(self.openWindowRequested)
        self.quit_action = QAction(_("Quit"), self)
        self.quit_action.triggered.connect(QApplication.quit)
        self.menu.addAction(self.open_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._activated)
        self.tray.messageClicked.connect(self.openWindowRequested)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def start(self) -> None:
        if self.available():
            self.tray.show()
        self.timer.start()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and not self._listening:
            app.applicationStateChanged.connect(self._state_changed)
            self._listening = True

    def stop(self) -> None:
        """Silences this tray (its window is going away, or a test is over)."""
        self.timer.stop()
        self.tray.hide()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and self._listening:
            app.applicationStateChanged.disconnect(self._state_changed)
            self._listening = False

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.openWindowRequested.emit()

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:  # back from sleep or another window: catch up now
            self.check()

    # --- checks -------------------------------------------------------------------------------------------
    def _clocks(self, now: dt.datetime) -> list[Clock] | None:
        try:
            clocks: list[Clock] = self.service.clocks.open_clocks(now)
        except BreachDeskError as exc:  # locked or unreadable register: try again at the next tick
            log.warning("cannot read the clocks: %s", exc.message)
            return None
        self.clocksUpdated.emit(clocks, now)
        self.tray.setToolTip(f"{APP_NAME} — {summary_counts(clocks)}")
        return clocks

    def check(self) -> list[Reminder]:
        """Show what is due and record it; returns what was shown."""
        now = self.now()
        clocks = self._clocks(now)
        if clocks is None:
            return []
        if not self.armed:
            return []
        try:
            due = self.service.pending(now, clocks)
            if due:
                self.show(due, now)
                self.service.mark_fired(due, now)
        except BreachDeskError as exc:
            log.warning("cannot record reminders: %s", exc.message)
            return []
        return list(due)

    def startup(self, parent: QWidget | None, *, minimized: bool = False) -> StartupSummaryDialog | None:
        """The start-up summary (a dialog, or a notification when starting in the tray). What it lists counts as
        reminded; reminders of other clocks follow at once."""
        self.armed = True
        now = self.now()
        try:
            self.service.prune(now)
        except BreachDeskError as exc:
            log.warning("cannot prune fired reminders: %s", exc.message)
        clocks = self._clocks(now)
        if clocks is None:
            return None
        summary = startup_summary(clocks, include_undated=True)
        dialog = None
        if summary:
            listed = {c.key for c in summary}
            covered = [r for r in self.service.pending(now, clocks) if r.clock.key in listed]
            if minimized and self.available():
                self._notify(_("Deadlines to check"), summary_counts(summary))
            else:
                dialog = StartupSummaryDialog(summary, now, parent)
                dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                dialog.show()  # not modal: the register stays usable behind it
            self.service.mark_fired(covered, now)
        self.check()
        return dialog

    def show(self, due: Sequence[Reminder], now: dt.datetime) -> None:
        today = now.astimezone(JST).date()
        if len(due) == 1:
            title, body = reminder_message(due[0], today)
        else:
            title = ngettext("{count} deadline reminder", "{count} deadline reminders", len(due)).format(
                count=len(due)
            )
            body = "\n".join(
                f"{reminder_message(r, today)[0]} — {r.clock.reference} {r.clock.title}" for r in due
            )
        self._notify(title, body)
        for reminder in due:
            self.reminderShown.emit(reminder)

    def _notify(self, title: str, body: str) -> None:
        self.shown.append((title, body))
        if self.tray.isVisible() and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Warning, MESSAGE_MS)
        else:
            self.fallbackMessage.emit(title, body)
