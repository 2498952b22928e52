"""Reminders on the desktop: the notification-area icon, a check every minute (and when the computer wakes), and
the start-up summary of anything overdue or due soon (app.deadlines.workdays.SOON_WORKING_DAYS).

The clock is injected (`now`), so tests advance a fake clock instead of sleeping; every decision about what to
show is made by app.deadlines.reminders, and what was shown is recorded in the register before the next check.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

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
from app.deadlines.clocks import Clock, ClockKind, ClockState
from app.deadlines.reminders import Reminder, startup_summary
from app.deadlines.workdays import soon_words
from app.domain.dates import JST, now_utc
from app.errors import BreachDeskError
from app.i18n import _, ngettext
from app.paths import resources_dir
from ui.calendar.clock_display import closed_run_warning, due_text, is_soon, left_text, office_calendar
from ui.calendar.countdown_panel import ClockList, panel_summary

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
    lines = [subject, f"{due_text(clock, today)} — {left_text(clock)}"]
    warning = closed_run_warning(clock)
    if warning is not None:
        lines.append(warning)
    return title, "\n".join(lines)


def summary_counts(clocks: Sequence[Clock]) -> str:
    overdue = sum(c.state is ClockState.OVERDUE for c in clocks)
    soon = sum(c.state is ClockState.DUE_TODAY or is_soon(c) for c in clocks)
    undated = sum(c.state is ClockState.OPEN_NO_DATE and not c.kind.effort_only for c in clocks)
    return _("Overdue: {overdue} · Due today or soon ({within}): {soon} · To do promptly: {undated}").format(
        overdue=overdue, within=soon_words(), soon=soon, undated=undated
    )


@dataclass(frozen=True)
class CheckResult:
    """What a check found, handed from the worker to the GUI thread: plain values only."""

    now: dt.datetime
    clocks: list[Clock]
    due: list[Reminder]  # to show now (none before the tray is armed)
    summary: list[Clock] | None = None  # start-up only: what the summary lists
    covered: list[Reminder] = field(default_factory=list)  # start-up only: reminders the summary stands for
    counts: str = ""  # summary_counts(clocks), worked out on the worker
    panel_counts: str | None = None  # panel_summary(clocks), likewise
    summary_counts: str | None = None  # summary_counts(summary), likewise
    # The panel's lists, likewise: passes over ~23,000 clocks on the GUI thread were most of start-up's first
    # answer (docs/adr/0011-gui-thread-stalls.md); the GUI thread only swaps them in.
    running: list[Clock] | None = None  # the clocks still running, in the panel's order
    chosen: frozenset[int] | None = None  # incidents whose 公表 stands in for notices (a PUBLICATION clock)


class StartupSummaryDialog(QDialog):
    """Shown once when the register opens; never blocks the window."""

    openIncidentRequested = Signal(int, str)

    def __init__(
        self,
        clocks: Sequence[Clock],
        now: dt.datetime,
        parent: QWidget | None = None,
        counts: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Deadlines to check"))
        headline = QLabel(
            _("Some deadlines are overdue or due soon ({within}), or duties are still to do.").format(
                within=soon_words()
            )
        )
        font = headline.font()
        font.setBold(True)
        headline.setFont(font)
        self.counts = QLabel(counts if counts is not None else summary_counts(clocks))
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
        self.record: Callable[[Sequence[Reminder], dt.datetime], None] = service.mark_fired
        self.run_check: Callable[[], None] | None = None  # set by the window: checks on a worker
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)

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
            self._tick()

    # --- checks -------------------------------------------------------------------------------------------
    # Split in two so the reading (about 1 ms per open incident) can run on a worker (ui/calendar/
    # deadline_features.py): `compute` reads the register and decides, touching no widget; `apply` shows on the
    # GUI thread. `check` and `startup` do both at once, for a tray used on its own.
    def compute(self, now: dt.datetime, *, startup: bool = False) -> CheckResult | None:
        """Worker-safe. At start-up also forgets stale reminder keys and picks the summary; None when the register
        cannot be read (locked, unreadable): the next tick tries again."""
        if startup:
            try:
                self.service.prune(now)
            except BreachDeskError as exc:
                log.warning("cannot prune fired reminders: %s", exc.message)
        try:
            clocks: list[Clock] = self.service.clocks.open_clocks(now)
            armed = self.armed or startup
            pending = self.service.pending(now, clocks) if armed else []
        except BreachDeskError as exc:  # locked or unreadable register: try again at the next tick
            log.warning("cannot read the clocks: %s", exc.message)
            return None
        summary: list[Clock] | None = None
        covered: list[Reminder] = []
        if startup:
            summary = startup_summary(clocks, office_calendar(), include_undated=True)
            listed = {c.key for c in summary}
            covered = [r for r in pending if r.clock.key in listed]
            pending = [r for r in pending if r.clock.key not in listed]
        return CheckResult(
            now,
            clocks,
            pending,
            summary,
            covered,
            summary_counts(clocks),
            panel_summary(clocks),
            summary_counts(summary) if summary is not None else None,
            [c for c in clocks if not c.state.done],
            frozenset(c.incident_id for c in clocks if c.kind is ClockKind.PUBLICATION),
        )

    def apply(
        self,
        result: CheckResult,
        parent: QWidget | None = None,
        *,
        minimized: bool = False,
        show_summary: bool = True,
    ) -> StartupSummaryDialog | None:
        """On the GUI thread: the clocks to the panel, the summary (start-up), the reminders; what was shown is
        recorded through `self.record` before the next check reads it."""
        now = result.now
        self.clocksUpdated.emit(result.clocks, now)
        self.tray.setToolTip(f"{APP_NAME} — {result.counts or summary_counts(result.clocks)}")
        dialog = None
        if result.summary is not None:
            self.armed = True
            if result.summary:
                if minimized and self.available():
                    self._notify(
                        _("Deadlines to check"), result.summary_counts or summary_counts(result.summary)
                    )
                else:
                    dialog = StartupSummaryDialog(result.summary, now, parent, result.summary_counts)
                    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                    if show_summary:  # else the caller shows it (in a later turn of the event loop)
                        dialog.show()  # not modal: the register stays usable behind it
        if not self.armed:
            return dialog
        if result.due:
            self.show(result.due, now)
        shown = [*result.covered, *result.due]
        if shown:
            try:
                self.record(shown, now)
            except BreachDeskError as exc:
                log.warning("cannot record reminders: %s", exc.message)
        return dialog

    def check(self) -> list[Reminder]:
        """Show what is due and record it; returns what was shown."""
        result = self.compute(self.now())
        if result is None:
            return []
        self.apply(result)
        return list(result.due) if self.armed else []

    def startup(self, parent: QWidget | None, *, minimized: bool = False) -> StartupSummaryDialog | None:
        """The start-up summary (a dialog, or a notification when starting in the tray). What it lists counts as
        reminded; reminders of other clocks follow at once."""
        self.armed = True
        result = self.compute(self.now(), startup=True)
        return self.apply(result, parent, minimized=minimized) if result is not None else None

    def _tick(self) -> None:
        """The timer and the return to the foreground: through `run_check` (a worker) when one is set."""
        if self.run_check is not None:
            self.run_check()
        else:
            self.check()

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
