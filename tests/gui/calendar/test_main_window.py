"""The deadline features inside the real main window: panel, start-up summary, calendar, export, settings, tray start."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

import ui.calendar.deadline_features as deadline_features
from app.cli import build_parser
from app.deadlines.reminders import ReminderSettings
from app.services.reminders import ReminderService
from app.services.root import Services
from app.settings import SettingsStore
from tests.clocks.helpers import jst
from tests.clocks.test_services import add_incident
from ui.calendar import autostart
from ui.calendar.reminder_settings_dialog import ReminderSettingsDialog
from ui.shell.application import GuiSession
from ui.shell.main_window import MainWindow
from ui.shell.open_register import open_register


def test_deadlines_in_the_main_window(qtbot, data_paths, db, clock, monkeypatch, tmp_path: Path) -> None:
    incident = add_incident(db, "診断書の誤送付")
    clock.set(jst(2027, 7, 6, 10))  # the 速報 window closed yesterday
    monkeypatch.setattr(deadline_features, "current_time", clock)
    window = MainWindow(data_paths)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    open_register(window, Services(db))
    features = window.deadlines
    qtbot.waitUntil(lambda: features.summary_dialog is not None)  # computed on a worker (issue 18)

    summary = features.summary_dialog
    assert summary is not None and summary.isVisible()
    assert summary.list.topLevelItem(0).text(0) == "▲ 期限超過"
    summary.close()

    panel = features.panel
    assert panel.isVisible()
    assert panel.list.topLevelItem(0).text(0).startswith("1日超過 · 速報")
    opened: list[tuple[int, str]] = []
    monkeypatch.setattr(window, "open_incident", lambda i, tab=None: opened.append((i, tab)))
    rect = panel.list.visualItemRect(panel.list.topLevelItem(0))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [(incident, "report")]

    texts = [a.text() for a in window.view_menu.actions() if a.text()]
    assert texts[-4:] == [
        "期限の一覧（パネル）(&D)",
        "期限カレンダー(&C)…",
        "リマインダーの設定(&S)…",
        "事業所の休業日(&O)…",
    ]

    calendar = features.open_calendar()
    qtbot.addWidget(calendar)
    assert calendar.isVisible()
    assert calendar.view.selected_day() == dt.date(2027, 7, 6)

    target = tmp_path / "all.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert features.export_all() == target
    uids = {str(e["UID"]).split("@")[0] for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    assert uids == {f"{incident}-sokuho", f"{incident}-kakuho"}

    clock.set(
        jst(2027, 7, 28, 9, 0)
    )  # two days before the 確報: the reminder reaches the panel (no tray here)
    with qtbot.waitSignal(features.refreshed):
        features.refresh()
    assert panel.message.isVisible()
    assert "期限が近づいています：確報" in panel.message.text()


def test_reminder_settings_and_start_with_the_session(
    qtbot, data_paths, db, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(autostart, "is_windows", lambda: False)
    dialog = ReminderSettingsDialog(ReminderService(db), data_paths.root)
    qtbot.addWidget(dialog)
    assert not dialog.autostart.isChecked()  # off by default
    assert dialog.autostart.text() == "ログイン時に BreachDesk を通知領域で起動する"
    dialog.day_checks[7].setChecked(True)
    dialog.day_checks[2].setChecked(False)
    dialog.morning_hour.setValue(8)
    dialog.hour_checks[6].setChecked(False)
    dialog.undated_daily.setChecked(False)
    dialog.autostart.setChecked(True)
    dialog.accept()
    assert ReminderService(db).settings() == ReminderSettings(
        date_leads_days=(7, 0), morning_hour=8, gdpr_leads_hours=(24,), undated_daily=False
    )
    entry = (tmp_path / "config" / "autostart" / "breachdesk.desktop").read_text(encoding="utf-8")
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith("--minimized")
    assert f"--data-dir {data_paths.root.resolve()}" in exec_line

    again = ReminderSettingsDialog(ReminderService(db), data_paths.root)
    qtbot.addWidget(again)
    assert again.autostart.isChecked() and again.day_checks[7].isChecked()
    again.autostart.setChecked(False)
    again.accept()
    assert not (tmp_path / "config" / "autostart" / "breachdesk.desktop").exists()


def test_minimized_start_keeps_the_window_hidden(qtbot, qapp, data_paths) -> None:
    assert build_parser().parse_args(["--minimized"]).minimized
    assert not build_parser().parse_args([]).minimized
    session = GuiSession(qapp, data_paths, SettingsStore(data_paths.settings_file))
    session.minimized = True
    window = session.show_window()
    qtbot.addWidget(window)
    assert not window.isVisible()


def test_minimized_start_still_opens_the_register_for_the_reminders(qtbot, qapp, data_paths) -> None:
    """A hidden window never paints: start-up goes on without waiting for a paint (nor for the register's first paint)."""
    session = GuiSession(qapp, data_paths, SettingsStore(data_paths.settings_file))
    session.minimized = True
    try:
        window = session.start()
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.registerReady, timeout=10000):
            pass
        assert not window.isVisible()
        assert window.db is not None and window.deadlines is not None
    finally:
        session.close()
