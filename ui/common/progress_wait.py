"""Long work the officer waits for, with a progress bar and Cancel once it takes over half a second (issue 18 point 4:
importing a recipient list of 100,000 people took 4.5 s of the GUI thread).

Like `ui/common/wait.py wait_for`, the caller reads as straight-line code and gets the result (or the work's own
exception) back; clicks and keys wait in the queue until the progress dialog shows, and then only the dialog can
take them (it is window-modal), so nothing can act on a half-done import.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.i18n import _
from ui.common.wait import Waited, wait_pool

T = TypeVar("T")
Progress = Callable[[int, int], bool]  # (done, total) -> keep going?
SHOW_AFTER_MS = 500


class _ProgressSignals(QObject):
    progress = Signal(int, int)


def wait_with_progress(work: Callable[[Progress], T], parent: QWidget | None, label: str) -> T | None:
    """`work(progress)` on a worker, a progress dialog after SHOW_AFTER_MS; None when the officer cancelled.

    `progress(done, total)` returns False once Cancel was pressed: the work then stops by raising whatever it
    raises for that (its exception is swallowed here, since the officer asked for it)."""
    cancelled = threading.Event()
    signals = _ProgressSignals()
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def show_progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    signals.progress.connect(show_progress)

    def report(done: int, total: int) -> bool:
        signals.progress.emit(done, total)
        return not cancelled.is_set()

    job = Waited(lambda: work(report))
    # Closing the dialog emits `canceled` too: only a press before the work is done counts.
    dialog.canceled.connect(lambda: None if job.done.is_set() else cancelled.set())
    loop = QEventLoop()
    job.signals.finished.connect(loop.quit)
    shown = QTimer(interval=20)  # the dialog appeared: from now on the loop lets the officer press Cancel

    def quit_once_shown() -> None:
        if dialog.isVisible():
            loop.quit()

    shown.timeout.connect(quit_once_shown)
    shown.start()
    wait_pool().start(job)
    try:
        while not job.done.is_set():
            if dialog.isVisible():
                shown.stop()
                loop.exec()
            else:
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            if not job.done.is_set() and not dialog.isVisible() and not shown.isActive():
                job.done.wait(0.05)  # left early: the application quits
    finally:
        shown.stop()
        dialog.close()
        dialog.deleteLater()
    if cancelled.is_set():
        return None
    if job.error is not None:
        raise job.error
    return job.result  # type: ignore[return-value]
