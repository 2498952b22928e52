"""Long document work off the GUI thread: a QRunnable whose results come back by signal, with progress and cancel.

Workers never touch widgets; the dialog connects to `signals` and updates itself on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.documents.render.letters import OperationCancelled
from app.errors import BreachDeskError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], bool]


class JobSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the result
    failed = Signal(str)  # a message in the UI language
    cancelled = Signal()


class BackgroundJob(QRunnable):
    """Runs `work(progress)`; `progress(done, total)` reports and returns False once cancel() was called."""

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)  # the dialog keeps it until the signals have arrived

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.work(self._progress)
        except OperationCancelled:
            self.signals.cancelled.emit()
        except BreachDeskError as exc:
            self.signals.failed.emit(exc.user_text())
        except Exception as exc:  # a bug: logged with its traceback, reported without killing the app
            log.exception("document job failed")
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(result)

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(self)
