"""ui/common/wait.py: work waited for on a worker while the window keeps painting, and work started once the window
is idle (issue 18 point 4: the register opens, and the rows come back after an edit, without freezing the window)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent, QEventLoop, QObject, QThread, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from app.errors import InputError
from ui.common.wait import wait_for, when_idle


def test_the_work_runs_on_a_worker_and_its_answer_comes_back(qapp) -> None:  # type: ignore[no-untyped-def]
    gui = threading.get_ident()
    ran_on: list[int] = []

    def work() -> str:
        ran_on.append(threading.get_ident())
        return "答え"

    assert wait_for(work) == "答え"
    assert ran_on and ran_on[0] != gui


def test_the_window_keeps_answering_while_it_waits(qapp) -> None:  # type: ignore[no-untyped-def]
    """A timer of the GUI thread fires during the wait: the event loop runs (paints, timers), as in a modal dialog."""
    ticks: list[int] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    release = threading.Event()
    QTimer.singleShot(100, release.set)  # only the GUI thread's loop can let the worker finish
    try:
        assert wait_for(lambda: release.wait(30)) is True
    finally:
        timer.stop()
    assert len(ticks) >= 3


def test_the_error_is_raised_in_the_caller_with_its_type(qapp) -> None:  # type: ignore[no-untyped-def]
    def fail() -> None:
        raise InputError("台帳を開けませんでした。", field="x")

    with pytest.raises(InputError) as raised:
        wait_for(fail)
    assert raised.value.message == "台帳を開けませんでした。"


def test_called_from_a_worker_it_simply_runs_the_work(qapp) -> None:  # type: ignore[no-untyped-def]
    answers: list[object] = []
    worker = threading.Thread(
        target=lambda: answers.append((wait_for(threading.get_ident), threading.get_ident()))
    )
    worker.start()
    worker.join(30)
    ((ran_on, caller),) = answers
    assert ran_on == caller


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_idle_work_waits_for_the_pending_paints(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel("台帳")
    qtbot.addWidget(label)
    paints = _Paints()
    label.installEventFilter(paints)
    order: list[str] = []
    label.show()
    qtbot.waitUntil(
        lambda: paints.count > 0
    )  # shown and exposed, as the register is when phase 3 is asked for
    label.setText("台帳（10,000件）")  # a repaint is pending, not done
    before = paints.count
    when_idle(lambda: order.append("idle" if paints.count > before else "too early"))
    loop = QEventLoop()  # a loop that waits when idle, as app.exec() does (qtbot's waitUntil never waits)
    QTimer.singleShot(5000, loop.quit)
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: order and loop.quit())
    timer.start()
    loop.exec()
    timer.stop()
    assert order == ["idle"]
    assert QThread.currentThread() is QApplication.instance().thread()


def test_idle_work_of_a_deleted_owner_is_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    called: list[int] = []
    when_idle(lambda: called.append(1), owner)
    owner.deleteLater()
    done: list[int] = []
    when_idle(lambda: done.append(1))
    qtbot.waitUntil(lambda: bool(done))
    assert called == []
