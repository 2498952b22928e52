"""Work off the GUI thread (STYLE.md practice 6): one QRunnable whose results come back by signal, with progress and
cancel, and `LatestJob` for work that is asked for again and again (the deadlines' refresh) where only the newest
answer counts.

Workers never touch widgets: they get plain values in and hand plain values (DTOs) back; the GUI thread connects
to the job's `signals` through a QObject of its own, so every slot runs on the GUI thread (a queued connection).
The database is safe to use from a worker: every `session_scope()` is a new session on a connection of its own
(app/db/database.py: SQLite with check_same_thread=False, the SQLCipher key set on each connection).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import BreachDeskError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], bool]


class JobCancelled(Exception):
    """Raised by work that saw `progress(...)` return False: the officer cancelled, nothing is reported."""


class JobSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the result
    failed = Signal(str)  # a message in the UI language
    cancelled = Signal()
    done = Signal(int, object, object)  # generation, result (or None), error text (or None): for LatestJob


class BackgroundJob(QRunnable):
    """Runs `work(progress)`; `progress(done, total)` reports and returns False once cancel() was called."""

    cancel_exceptions: tuple[type[BaseException], ...] = (JobCancelled,)

    def __init__(self, work: Callable[[Progress], Any], generation: int = 0) -> None:
        super().__init__()
        self.work = work
        self.generation = generation
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)  # the owner keeps it until the signals have arrived

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        if self._cancel.is_set():  # cancelled while queued (superseded, or the window closed): nothing to do
            self.signals.cancelled.emit()
            self.signals.done.emit(self.generation, None, None)
            return
        try:
            result = self.work(self._progress)
        except self.cancel_exceptions:
            self.signals.cancelled.emit()
            self.signals.done.emit(self.generation, None, None)
        except BreachDeskError as exc:
            self.signals.failed.emit(exc.user_text())
            self.signals.done.emit(self.generation, None, exc.user_text())
        except Exception as exc:  # a bug: logged with its traceback, reported without killing the app
            log.exception("background job failed")
            text = type(exc).__name__  # the message may quote personal data: the log has it
            self.signals.failed.emit(text)
            self.signals.done.emit(self.generation, None, text)
        else:
            self.signals.finished.emit(result)
            self.signals.done.emit(self.generation, result, None)

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(self)


class LatestJob(QObject):
    """Runs one kind of work in its own one-thread pool, in the order asked; a newer request supersedes the older
    ones (a queued one is dropped, a running one's answer is ignored: a generation counter), so a refresh asked
    during a refresh shows the newest state and never an older one after it. `shutdown()` (the window closes)
    ignores every answer still to come and waits briefly for the running job."""

    def __init__(self, parent: QObject | None = None, name: str = "job") -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # in order: a write queued before a read is seen by it
        self.pool.setObjectName(name)
        self._generation = itertools.count(1)
        self.current = 0
        self._jobs: dict[int, tuple[BackgroundJob, Callable[[Any], None], Callable[[str], None] | None]] = {}
        self._bookkeeping: set[int] = set()  # generations run with supersede=False: always answered
        self._closed = False

    def run(
        self,
        work: Callable[[], Any],
        on_result: Callable[[Any], None],
        on_failed: Callable[[str], None] | None = None,
        *,
        supersede: bool = True,
    ) -> int:
        """`work()` on the worker; `on_result(result)` on the GUI thread if no newer `run` came since. With
        supersede=False (bookkeeping writes) the job always runs and does not cancel the answer being waited for."""
        if self._closed:
            return 0
        generation = next(self._generation)
        if supersede:
            superseded = self._jobs.get(self.current)
            if superseded is not None:
                # Queued, it skips its work; running, its answer is ignored (below). Not QThreadPool.tryTake: taking
                # a runnable back from the pool crashed PySide 6.11 now and then (a segfault in tryTake, twice in
                # one CI run under load), and a flag the job reads when it starts does the same.
                superseded[0].cancel()
            self.current = generation
        else:
            self._bookkeeping.add(generation)
        job = BackgroundJob(lambda _progress: work(), generation)
        job.signals.done.connect(self._done)  # a QObject's method: queued to this (the GUI) thread
        self._jobs[generation] = (job, on_result, on_failed)
        job.start(self.pool)
        return generation

    def idle(self) -> bool:
        """Nothing running or queued whose answer is still awaited."""
        return self.current not in self._jobs

    def _done(self, generation: int, result: object, error: object) -> None:
        entry = self._jobs.pop(generation, None)
        if entry is None or self._closed:
            return
        _job, on_result, on_failed = entry
        if generation != self.current and generation not in self._bookkeeping:
            return  # superseded: a newer answer is coming
        self._bookkeeping.discard(generation)
        if error is not None:
            if on_failed is not None:
                on_failed(str(error))
            return
        on_result(result)

    def shutdown(self, wait_ms: int = 5000) -> None:
        self._closed = True
        for job, _on_result, _on_failed in self._jobs.values():
            job.cancel()  # the queued ones skip their work
        self.pool.waitForDone(wait_ms)
        self._jobs.clear()


def ignore_result(_result: object) -> None:
    """`on_result` of bookkeeping work (LatestJob.run with supersede=False) whose answer nobody waits for."""
    return None
