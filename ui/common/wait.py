"""Wait for work done on a worker while the window keeps painting, and for the window to be idle before starting
long work (issue 18 point 4, docs/adr/0011-gui-thread-stalls.md).

Some steps are naturally sequential and need their answer before going on: opening the register (then maybe a
passphrase dialog, a storage dialog, a retry), the rows after an edit. Written as callbacks they would split one
readable loop into a state machine; run on the GUI thread they freeze the window (opening a register: 0.2–0.5 s,
imports and the first query). `wait_for(work)` runs `work()` on a worker and spins a local event loop until it is
done, so the caller reads as straight-line code while the window paints and its timers run, like a modal dialog's
`exec()`. Clicks and keys wait in the queue until the answer is in (ExcludeUserInputEvents): nothing the officer
does can act on a half-opened register, and nothing is lost.

The work must not touch widgets (STYLE.md practice 6); its exception, if any, is raised again in the caller, with
its type, so `except BreachDeskError` around `wait_for(...)` works as around the direct call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import (
    QAbstractEventDispatcher,
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
)

T = TypeVar("T")


class _Signals(QObject):
    finished = Signal()


class Waited(QRunnable):
    """`work()` run once on a worker; `result` or `error` are read after `done` (ui/common/progress_wait.py too)."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # read after run() by the waiting caller
        self.work = work
        self.result: object = None
        self.error: BaseException | None = None
        self.done = threading.Event()
        self.signals = _Signals()

    def run(self) -> None:
        try:
            self.result = self.work()
        except BaseException as exc:  # handed back to the caller, who raises it on its own thread
            self.error = exc
        finally:
            self.done.set()
            self.signals.finished.emit()


_pool: QThreadPool | None = None


def wait_pool() -> QThreadPool:
    """A pool of its own: the global one may be busy with a long job (a batch of letters) the wait must not queue
    behind."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setObjectName("wait-for")
        _pool.setMaxThreadCount(2)
    return _pool


def wait_for(work: Callable[[], T]) -> T:
    """`work()` on a worker; returns its result (or raises its exception) once done, the GUI painting meanwhile.

    Without a running Qt application, or called from a worker itself, it simply calls `work()`."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return work()
    job = Waited(work)
    loop = QEventLoop()
    job.signals.finished.connect(loop.quit)  # queued: the loop lives on this (the GUI) thread
    wait_pool().start(job)
    while not job.done.is_set():
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if not job.done.is_set():  # left early: the application quits, and its loops then return at once
            job.done.wait(0.05)
    if job.error is not None:
        raise job.error
    return job.result  # type: ignore[return-value]


# A loop that never waits (a busy animation, a processEvents() loop) must not keep `when_idle` work from running.
IDLE_FALLBACK_MS = 300
# Qt 6 paints a widget's update from a timer (QPlatformWindow::requestUpdate, 5 ms), so the loop may wait once
# before a paint already asked for: idle means it waited, and again after this long.
IDLE_FRAME_MS = 20


class _Idle(QObject):
    def __init__(
        self, dispatcher: QAbstractEventDispatcher, callback: Callable[[], object], owner: QObject | None
    ) -> None:
        super().__init__(dispatcher)
        self._owner = owner
        self._callback: Callable[[], object] | None = callback
        self._waited_once = False
        self._frame = QTimer(self, singleShot=True, interval=IDLE_FRAME_MS)
        self._frame.timeout.connect(lambda: dispatcher.aboutToBlock.connect(self._idle))
        self._fallback = QTimer(self, singleShot=True, interval=IDLE_FALLBACK_MS)
        self._fallback.timeout.connect(self._run)
        self._fallback.start()
        dispatcher.aboutToBlock.connect(self._first_wait)

    def _first_wait(self) -> None:
        if self._waited_once:
            return
        self._waited_once = True
        self._frame.start()

    def _idle(self) -> None:
        self._run()

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        self._fallback.stop()
        self.deleteLater()  # and with it the connections to aboutToBlock
        owner = self._owner
        # not inside the dispatcher's signal (the loop is about to wait); not for an owner deleted meanwhile
        QTimer.singleShot(0, lambda: (owner is None or shiboken6.isValid(owner)) and callback())


def when_idle(callback: Callable[[], object], owner: QObject | None = None) -> None:
    """Call `callback` once the event loop has nothing left to do (pending layouts and paints done: it waited for
    events, and again a frame later), or after IDLE_FALLBACK_MS if it never waits.

    Why: work started on a worker while the window still paints makes the paint wait for the GIL at each of the
    model's Python calls (a few hundred per screen of the register): started a moment too early, phase 3's
    imports stretched the register's second paint from ~15 ms to ~150 ms (docs/adr/0011-gui-thread-stalls.md)."""
    dispatcher = QAbstractEventDispatcher.instance()
    if dispatcher is None:
        QTimer.singleShot(0, callback)
        return
    _Idle(dispatcher, callback, owner)
