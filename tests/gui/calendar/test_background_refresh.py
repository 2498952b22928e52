"""The deadlines are read on a worker (issue 18 point 4): the panel fills from it, the newest refresh wins, the window
closes cleanly while a read is running, and a long list fills a slice at a time."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import ui.calendar.deadline_features as deadline_features
from app.deadlines.clocks import ClockState
from app.services.clocks import ClockService
from app.services.root import Services
from tests.clocks.helpers import jst
from tests.clocks.test_services import add_incident
from ui.calendar.countdown_panel import CLOCK_ROLE, ClockList
from ui.shell.main_window import MainWindow
from ui.shell.open_register import open_register

AT = Qt.ItemDataRole.AccessibleTextRole  # the compact row shows its state by icon; a reader hears it


def _window(qtbot, data_paths, db, clock, monkeypatch) -> MainWindow:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(deadline_features, "current_time", clock)
    window = MainWindow(data_paths)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    open_register(window, Services(db))
    return window


def test_the_panel_fills_from_a_worker_thread(qtbot, data_paths, db, clock, monkeypatch) -> None:
    add_incident(db, "診断書の誤送付")
    clock.set(jst(2027, 7, 6, 10))  # the 速報 is overdue
    threads: list[threading.Thread] = []
    window = _window(qtbot, data_paths, db, clock, monkeypatch)
    features = window.deadlines
    assert features is not None
    compute = features.tray.compute

    def spying(now, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return compute(now, **kwargs)

    monkeypatch.setattr(features.tray, "compute", spying)
    qtbot.waitUntil(features.idle)
    with qtbot.waitSignal(features.refreshed):
        features.refresh()
    assert threads and threads[-1] is not threading.main_thread()
    assert features.panel.list.topLevelItemCount() > 0
    assert features.panel.list.topLevelItem(0).data(0, AT).startswith("▲ 期限超過: ")
    assert features.summary_dialog is not None  # the start-up summary came from the worker too
    features.summary_dialog.close()


def test_a_refresh_during_a_refresh_shows_the_newest(qtbot, data_paths, db, clock, monkeypatch) -> None:
    add_incident(db, "診断書の誤送付")
    clock.set(jst(2027, 7, 2, 10))
    window = _window(qtbot, data_paths, db, clock, monkeypatch)
    features = window.deadlines
    assert features is not None
    qtbot.waitUntil(features.idle)
    if features.summary_dialog is not None:
        features.summary_dialog.close()
    compute = features.tray.compute
    entered, release = threading.Event(), threading.Event()

    def held(now, **kwargs):  # type: ignore[no-untyped-def]
        if now == jst(2027, 7, 5, 10):  # the older refresh: still reading when the newer one is asked for
            entered.set()
            release.wait(10)
        return compute(now, **kwargs)

    monkeypatch.setattr(features.tray, "compute", held)
    shown: list = []
    features.tray.clocksUpdated.connect(lambda _clocks, now: shown.append(now))
    clock.set(jst(2027, 7, 5, 10))
    features.refresh()
    qtbot.waitUntil(entered.is_set)
    clock.set(jst(2027, 7, 6, 10))
    features.refresh()
    assert not features.idle()
    release.set()
    qtbot.waitUntil(features.idle)
    assert shown == [jst(2027, 7, 6, 10)]  # the older answer never reached the panel
    assert features.last_now == jst(2027, 7, 6, 10)
    assert features.panel.list.topLevelItem(0).data(0, AT).startswith("▲ 期限超過: ")


def test_closing_the_window_while_the_worker_reads_is_clean(
    qtbot, data_paths, db, clock, monkeypatch
) -> None:
    add_incident(db, "診断書の誤送付")
    clock.set(jst(2027, 7, 6, 10))
    window = _window(qtbot, data_paths, db, clock, monkeypatch)
    features = window.deadlines
    assert features is not None
    qtbot.waitUntil(features.idle)
    compute = features.tray.compute
    entered, release = threading.Event(), threading.Event()

    def held(now, **kwargs):  # type: ignore[no-untyped-def]
        entered.set()
        release.wait(10)
        return compute(now, **kwargs)

    monkeypatch.setattr(features.tray, "compute", held)
    shown: list = []
    features.tray.clocksUpdated.connect(lambda *args: shown.append(args))
    features.refresh()
    qtbot.waitUntil(entered.is_set)
    threading.Timer(0.05, release.set).start()  # the read ends while the window is closing
    window.close()
    assert features.idle() or features._closed
    features.refresh()  # a late timer tick after the close asks for nothing
    QApplication.processEvents()
    assert shown == []  # nothing reached the closed window's panel
    window.deleteLater()
    QApplication.processEvents()
    db.close()  # the worker is done with the register


def test_a_long_list_is_listed_at_once_and_formats_only_what_is_on_screen(
    qtbot, data_paths, db, clock
) -> None:
    """30,000 rows: all listed when set_clocks returns, words worked out only for the rows painted (issue 18
    point 4); a shorter refresh keeps the selected clock selected."""
    add_incident(db, "診断書の誤送付")
    clocks = ClockService(db).open_clocks(jst(2027, 7, 6, 10))
    many = [clock_ for _ in range(10_000) for clock_ in clocks]
    view = ClockList(compact=True)
    qtbot.addWidget(view)
    view.resize(300, 400)
    view.show()
    view.set_clocks(many, jst(2027, 7, 6, 10).date())
    assert view.topLevelItemCount() == len(many) and not view.filling()
    qtbot.waitUntil(lambda: len(view.model()._looks) > 0)  # painted
    assert len(view.model()._looks) < 100  # a screenful, not 30,000
    assert view.topLevelItem(len(many) - 1).data(0, CLOCK_ROLE) == many[-1]
    assert view.topLevelItem(0).data(0, AT).startswith("▲ 期限超過: ")
    assert any(c.state is ClockState.OVERDUE for c in view.clocks())

    view.setCurrentItem(view.topLevelItem(1))
    chosen = view.selected_clock()
    view.set_clocks(clocks, jst(2027, 7, 6, 10).date())  # a refresh with fewer clocks
    assert [view.topLevelItem(i).data(0, CLOCK_ROLE) for i in range(view.topLevelItemCount())] == clocks
    assert view.selected_clock() is not None and view.selected_clock().key == chosen.key
