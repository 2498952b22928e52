"""Background jobs and the widgets waiting for them (ui/common/jobs.py, issue 18 "never crash"): a LatestJob shut
down while its work runs (the register closed for a restore or encryption) answers nothing, waits for the worker,
and the next job on the same view answers.

Note: PySide's QThreadPool.start() keeps each runnable as a child of the pool's wrapper, so a LatestJob's finished
jobs (and their closures) stay alive until the LatestJob goes."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.common.jobs import LatestJob


def _freed_on(obj: object) -> list[int]:
    """The id of the thread that freed `obj`, once it is gone."""
    freed: list[int] = []
    weakref.finalize(obj, lambda: freed.append(threading.get_ident()))
    return freed


def _work_holding_a_widget(
    started: threading.Event, release: threading.Event
) -> tuple[Callable[[], str], list[int]]:
    """Work whose closure holds the only reference to a widget, as the deadline features' and the register's do."""
    held = QWidget()
    freed = _freed_on(held)

    def work() -> str:
        started.set()
        release.wait(5)
        return held.objectName() or "rows"

    return work, freed


def test_a_shut_down_job_never_answers_and_the_next_one_does(qtbot) -> None:
    """RegisterView.shutdown (a register closed for restore or encryption): the old answer is dropped."""
    started, release = threading.Event(), threading.Event()
    owner = QWidget()
    qtbot.addWidget(owner)
    old = LatestJob(owner, "search")
    answers: list[object] = []
    work, _freed = _work_holding_a_widget(started, release)
    old.run(work, answers.append)
    assert started.wait(5)
    threading.Timer(0.05, release.set).start()
    old.shutdown()  # waits for the running job, answers nothing
    fresh = LatestJob(owner, "search")
    fresh.run(lambda: "new rows", answers.append)
    qtbot.waitUntil(fresh.idle, timeout=5000)
    qtbot.waitUntil(lambda: answers == ["new rows"], timeout=5000)
    assert old.idle() and old.run(lambda: "late", answers.append) == 0
