"""Reminders on the desktop, driven by a fake clock: fired at 09:00 Japan time, once, across a restart."""

from __future__ import annotations

from app.deadlines.clocks import ClockKind
from app.deadlines.reminders import ReminderSettings
from app.domain.filing import FilingKind
from app.services.reminders import ReminderService
from tests.clocks.helpers import jst
from tests.clocks.test_services import add_filing, add_incident
from ui.calendar.tray import ReminderTray, StartupSummaryDialog


def _tray(qtbot, db, clock, **kwargs) -> ReminderTray:  # type: ignore[no-untyped-def]
    tray = ReminderTray(ReminderService(db), clock, **kwargs)
    qtbot.addWidget(tray.menu)  # parentless menu: closed with the test
    return tray


def test_advancing_the_clock_fires_each_reminder_once(qtbot, db, clock) -> None:
    incident = add_incident(db, "診断書の誤送付")  # learned 2027-07-01: 確報 due Friday 7/30
    add_filing(db, incident, FilingKind.SOKUHO, jst(2027, 7, 3))
    ReminderService(db).save_settings(ReminderSettings(undated_daily=False))
    clock.set(jst(2027, 7, 27, 10))
    tray = _tray(qtbot, db, clock)
    dialog = tray.startup(None)
    assert dialog is not None  # the 本人通知 is still to do: the start-up summary lists it
    assert [c.kind for c in dialog.list.clocks()] == [ClockKind.INDIVIDUAL_NOTICE]
    dialog.close()
    clock.set(jst(2027, 7, 28, 8, 59))
    assert tray.check() == []
    clock.advance(minutes=1)
    with qtbot.waitSignal(tray.reminderShown) as blocker:
        tray.check()
    assert blocker.args[0].clock.kind is ClockKind.KAKUHO
    assert tray.shown[-1] == (
        "期限が近づいています：確報",
        "2026-0001 診断書の誤送付\n7/30（金） — あと2日（営業日 2日）",
    )
    clock.advance(minutes=1)
    assert tray.check() == []

    restarted = _tray(qtbot, db, clock)  # a restart a minute later: nothing repeats
    summary = restarted.startup(None)
    assert summary is not None and summary.list.clocks()[0].kind is ClockKind.KAKUHO
    summary.close()
    assert restarted.shown == []
    clock.set(jst(2027, 7, 27, 12))  # the system clock set back a day
    assert restarted.check() == []
    clock.set(jst(2027, 7, 30, 9))
    shown = restarted.check()
    assert [(r.clock.kind, r.lead) for r in shown] == [(ClockKind.KAKUHO, "0d")]
    assert restarted.shown[-1][0] == "本日が期限です：確報"


def test_the_timer_checks_every_minute_without_sleeping(qtbot, db, clock) -> None:
    incident = add_incident(db, "診断書の誤送付")
    add_filing(db, incident, FilingKind.SOKUHO, jst(2027, 7, 3))
    clock.set(jst(2027, 7, 28, 8, 59))
    tray = _tray(qtbot, db, clock, interval_ms=10)
    assert ReminderTray(ReminderService(db), clock).timer.interval() == 60_000
    tray.armed = True
    tray.start()
    clock.set(jst(2027, 7, 28, 9, 0))
    with qtbot.waitSignal(tray.reminderShown, timeout=3000) as blocker:
        pass
    assert blocker.args[0].clock.kind in (ClockKind.KAKUHO, ClockKind.INDIVIDUAL_NOTICE)
    tray.stop()


def test_start_up_summary_lists_overdue_and_soon_then_other_reminders_follow(qtbot, db, clock) -> None:
    add_incident(db, "診断書の誤送付")
    clock.set(jst(2027, 7, 6, 10))  # 速報 window ended 7/5
    tray = _tray(qtbot, db, clock)
    dialog = tray.startup(None)
    assert isinstance(dialog, StartupSummaryDialog)
    qtbot.addWidget(dialog)
    assert [c.kind for c in dialog.list.clocks()] == [ClockKind.SOKUHO, ClockKind.INDIVIDUAL_NOTICE]
    assert dialog.counts.text() == "期限超過 1件・本日または間近（営業日2日以内） 0件・速やかに行う手続 1件"
    # What the summary showed counts as reminded: no burst of notifications on top of it.
    assert tray.shown == []
    assert tray.check() == []
    with qtbot.waitSignal(dialog.openIncidentRequested) as blocker:
        dialog.list.itemClicked.emit(dialog.list.topLevelItem(0), 0)
    assert blocker.args == [1, "report"]


def test_without_a_notification_area_the_message_still_reaches_the_officer(qtbot, db, clock) -> None:
    incident = add_incident(db, "診断書の誤送付")
    add_filing(db, incident, FilingKind.SOKUHO, jst(2027, 7, 3))
    clock.set(jst(2027, 7, 28, 8))
    tray = _tray(qtbot, db, clock)
    summary = tray.startup(None)
    assert summary is not None
    qtbot.addWidget(summary)
    clock.set(jst(2027, 7, 28, 9))
    with qtbot.waitSignal(tray.fallbackMessage) as blocker:
        tray.check()
    title, body = blocker.args
    assert title == "期限のお知らせ（2件）"
    assert "期限が近づいています：確報 — 2026-0001 診断書の誤送付" in body
    assert "未了の手続があります：本人通知 — 2026-0001 診断書の誤送付" in body


def test_coming_back_from_sleep_checks_at_once(qtbot, qapp, db, clock) -> None:
    from PySide6.QtCore import Qt

    incident = add_incident(db, "診断書の誤送付")
    add_filing(db, incident, FilingKind.SOKUHO, jst(2027, 7, 3))
    clock.set(jst(2027, 7, 20))
    tray = _tray(qtbot, db, clock)  # the minute timer is not due for another minute
    qtbot.addWidget(tray.startup(None))
    tray.start()
    clock.set(jst(2027, 7, 30, 9, 30))  # the laptop slept for ten days
    with qtbot.waitSignal(tray.reminderShown) as blocker:
        qapp.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert blocker.args[0].lead in ("0d", "daily")
    assert tray.shown[-1][0] == "期限のお知らせ（2件）"
    assert "本日が期限です：確報" in tray.shown[-1][1]
    tray.stop()
