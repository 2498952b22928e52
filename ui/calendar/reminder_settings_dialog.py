"""When BreachDesk reminds the officer (kept per office with the register) and whether it starts with Windows
(kept per computer user, in the registry or the autostart folder)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.deadlines.reminders import ReminderSettings
from app.errors import StorageError
from app.i18n import _, ngettext
from ui.calendar import autostart
from ui.common.fit import scrolling
from ui.common.messages import show_error

log = logging.getLogger(__name__)

DAY_CHOICES = (7, 3, 2, 1, 0)
HOUR_CHOICES = (48, 24, 12, 6, 1)


def _day_label(days: int) -> str:
    if days == 0:
        return _("On the morning of the due day")
    if days == 1:
        return _("The day before")
    return ngettext("{days} day before", "{days} days before", days).format(days=days)


def _hour_label(hours: int) -> str:
    return ngettext("{hours} hour before", "{hours} hours before", hours).format(hours=hours)


def _checkboxes(values: Iterable[int], chosen: Iterable[int], label) -> tuple[QWidget, dict[int, QCheckBox]]:
    box = QWidget()
    row = QGridLayout(box)  # three to a line: in one line they made the dialog 1,240 px wide in English
    row.setContentsMargins(0, 0, 0, 0)
    checks: dict[int, QCheckBox] = {}
    selected = set(chosen)
    for value in sorted(set(values) | selected, reverse=True):  # a custom lead set elsewhere stays visible
        check = QCheckBox(label(value))
        check.setChecked(value in selected)
        checks[value] = check
        row.addWidget(check, len(checks) // 3 - (len(checks) % 3 == 0), (len(checks) - 1) % 3)
    row.setColumnStretch(3, 1)
    return box, checks


class ReminderSettingsDialog(QDialog):
    def __init__(self, service, data_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.data_dir = data_dir
        self.setWindowTitle(_("Reminder settings"))
        current: ReminderSettings = service.settings()

        self.enabled = QCheckBox(_("Remind me of deadlines (notification area and start-up summary)"))
        self.enabled.setChecked(current.enabled)
        days_box, self.day_checks = _checkboxes(DAY_CHOICES, current.date_leads_days, _day_label)
        hours_box, self.hour_checks = _checkboxes(HOUR_CHOICES, current.gdpr_leads_hours, _hour_label)
        self.morning_hour = QSpinBox()
        self.morning_hour.setRange(0, 23)
        self.morning_hour.setValue(current.morning_hour)
        self.morning_hour.setSuffix(_(":00 (Japan time)"))
        self.morning_hour.setMaximumWidth(self.morning_hour.sizeHint().width() + 40)
        self.undated_daily = QCheckBox(_("Every morning until it is recorded"))
        self.undated_daily.setChecked(current.undated_daily)

        self.enabled.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.enabled.setToolTip(self.enabled.text())
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Deadlines with a date"), days_box)
        form.addRow(_("Time of day"), self.morning_hour)
        form.addRow(_("GDPR 72-hour clock"), hours_box)
        form.addRow(_("Duties without a date (notice to individuals, publication)"), self.undated_daily)
        office_group = QGroupBox(_("Reminders for this office"))
        office_layout = QVBoxLayout(office_group)
        office_layout.addWidget(self.enabled)
        office_layout.addLayout(form)
        note = QLabel(
            _("These settings are saved with the register, so they apply to this office on any computer.")
        )
        note.setWordWrap(True)
        office_layout.addWidget(note)

        label = (
            _("Start BreachDesk in the notification area when Windows starts")
            if autostart.is_windows()
            else _("Start BreachDesk in the notification area when I log in")
        )
        self.autostart = QCheckBox(label)
        self.autostart.setChecked(autostart.is_enabled())
        startup_group = QGroupBox(_("Start-up (this computer and user only)"))
        startup_layout = QVBoxLayout(startup_group)
        startup_layout.addWidget(self.autostart)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body = QVBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(office_group)
        body.addWidget(startup_group)
        body.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body), 1)
        layout.addWidget(buttons)
        self.enabled.toggled.connect(self._sync_enabled)
        self._sync_enabled(current.enabled)

    def _sync_enabled(self, enabled: bool) -> None:
        for widget in (
            *self.day_checks.values(),
            *self.hour_checks.values(),
            self.morning_hour,
            self.undated_daily,
        ):
            widget.setEnabled(enabled)

    def settings(self) -> ReminderSettings:
        return ReminderSettings(
            enabled=self.enabled.isChecked(),
            date_leads_days=tuple(
                sorted((d for d, c in self.day_checks.items() if c.isChecked()), reverse=True)
            ),
            morning_hour=self.morning_hour.value(),
            gdpr_leads_hours=tuple(
                sorted((h for h, c in self.hour_checks.items() if c.isChecked()), reverse=True)
            ),
            undated_daily=self.undated_daily.isChecked(),
        )

    def accept(self) -> None:
        try:
            self.service.save_settings(self.settings())
        except StorageError as exc:
            show_error(self, exc)
            return
        wanted = self.autostart.isChecked()
        if wanted != autostart.is_enabled():
            try:
                autostart.set_enabled(wanted, autostart.launch_command(self.data_dir))
            except OSError as exc:
                log.warning("cannot change the start-up entry: %s", exc)
                QMessageBox.warning(
                    self,
                    _("Reminder settings"),
                    _("The start-up setting could not be changed: {error}").format(error=exc),
                )
                return
        super().accept()
