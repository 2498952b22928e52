"""The longest stall of the GUI thread, from the first paint on, with 10,000 open, assessed incidents (issue 18 point 4).

    python bench/gui_stall.py [--incidents 10000] [--search-incidents 100000] [--data-dir DIR] [--no-search]

A 10 ms QTimer heartbeat runs on the GUI thread; a gap between two beats is time the window could not paint or
answer a click. Printed, each with its ratio to the target (50 ms):
- start-up: from the first paint until the deadlines are on screen and the start-up summary is shown (and a
  short settle after, so a trailing second refresh is caught), with the time until the deadlines are on screen;
- a refresh by the 60 s timer, and one on the return to the foreground;
- a search over a 100,000-incident register (bench/register.py's realistic rows), typed into the search box.

The registers are built once and kept (default /tmp/breachdesk-bench-gui-stall/): bulk copies of a few dozen
incidents assessed through the real services, so every row has real clocks. Offscreen; numbers only, nothing
asserted (bench/ is never a test).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MS = 50.0
TEMPLATES = 40  # incidents assessed through the real services, then copied in bulk


def seed_open_assessed(db, n: int) -> None:  # type: ignore[no-untyped-def]
    """`n` open incidents, each with an assessment: copies of templates learned over the last ~40 days, so the
    register holds every state (overdue, due today, upcoming, 速やかに)."""
    from sqlalchemy import insert, select

    from app.db.codec import encode
    from app.db.models import Assessment, Incident
    from app.rules import assess
    from app.rules.facts_json import parse_facts
    from app.services.incidents import IncidentService

    today = dt.date.today()
    service = IncidentService(db)
    for i in range(TEMPLATES):
        learned = today - dt.timedelta(days=i)
        facts = parse_facts(
            {
                "role": "controller",
                "event": "leak",
                "learned_date": learned.isoformat(),
                "data_items": ["name", "health_checkup_result"] if i % 3 else ["name", "my_number"],
                "affected_count": 3 + i,
            }
        )
        service.create(
            f"ベンチ用の事案 {i + 1}（診断書の誤送付）", encode(facts), encode(assess(facts)), "misdelivery"
        )
    with db.session_scope() as session:
        incidents = [dict(r._mapping) for r in session.execute(select(Incident.__table__))]
        assessments = [dict(r._mapping) for r in session.execute(select(Assessment.__table__))]
        by_incident = {a["incident_id"]: a for a in assessments}
        conn = session.connection()
        next_id = max(r["id"] for r in incidents) + 1
        rng = random.Random(18)
        for first in range(TEMPLATES, n, 2000):
            rows, assessed = [], []
            for _ in range(first, min(first + 2000, n)):
                template = rng.choice(incidents)
                row = {**template, "id": next_id, "reference": f"B{next_id:07d}"}
                rows.append(row)
                a = {**by_incident[template["id"]], "incident_id": next_id}
                a.pop("id")
                assessed.append(a)
                next_id += 1
            conn.execute(insert(Incident), rows)
            conn.execute(insert(Assessment), assessed)


def register_folder(base: Path, name: str, build: Callable[[object], None]):  # type: ignore[no-untyped-def]
    from app.db.database import Database
    from app.paths import DataPaths

    paths = DataPaths(base / name)
    done = paths.root / ".bench-complete"
    if not done.exists():
        import shutil

        shutil.rmtree(paths.root, ignore_errors=True)
        paths.ensure()
        started = time.perf_counter()
        db = Database.open(paths)
        build(db)
        db.close()
        done.write_text("ok", encoding="utf-8")
        print(f"built {name} in {time.perf_counter() - started:.1f} s")
    return paths


class Heartbeat:
    """Beats every 10 ms on the GUI thread; `longest(since)` is the widest gap between beats after `since`."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.beats: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.beats.append(time.perf_counter()))

    def start(self) -> None:
        self.beats.append(time.perf_counter())
        self.timer.start()

    def gaps(self, since: float, over_ms: float = 30.0) -> list[tuple[float, float]]:
        beats = [b for b in self.beats if b < since][-1:] + [b for b in self.beats if b >= since]
        return [(a, b) for a, b in itertools.pairwise(beats) if (b - a) * 1000 > over_ms]

    def longest(self, since: float, until: float | None = None) -> float:
        before = [b for b in self.beats if b < since][-1:]  # a stall that began with the trigger counts whole
        beats = before + [b for b in self.beats if b >= since and (until is None or b <= until)]
        gaps = [(b - a) * 1000 for a, b in itertools.pairwise(beats)]
        return max(gaps, default=0.0)


def wait(app, condition: Callable[[], bool], timeout_s: float = 120.0) -> bool:  # type: ignore[no-untyped-def]
    """A real event loop, as app.exec() runs it: it waits for events when there is nothing to do (a loop of
    processEvents() never does, and the start-up's "when idle" steps, ui/shell/paint_wait.py, would only run at
    their fallback)."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + timeout_s
    loop = QEventLoop()
    poll = QTimer(interval=5)
    poll.timeout.connect(lambda: (condition() or time.perf_counter() > deadline) and loop.quit())
    poll.start()
    if not condition():
        loop.exec()
    poll.stop()
    return bool(condition())


def settle(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    end = time.perf_counter() + seconds
    wait(app, lambda: time.perf_counter() >= end, seconds + 1)


PROFILE: list[object] = []  # [sampler, heartbeat] with --profile


def line(name: str, stall_ms: float, extra: str = "", since: float | None = None) -> None:
    print(f"{name:<44} longest stall {stall_ms:7.0f} ms  ratio {stall_ms / TARGET_MS:5.1f}x target{extra}")
    if PROFILE and since is not None:
        sampler, beat = PROFILE
        sampler.report(beat.gaps(since), name)  # type: ignore[attr-defined]


def refreshed(features) -> Callable[[], bool]:  # type: ignore[no-untyped-def]
    """True once the refresh asked for now has arrived: `idle()` where the features run it in a worker."""
    idle = getattr(features, "idle", None)
    return (lambda: bool(idle())) if callable(idle) else (lambda: True)


def with_compiled_modules() -> None:
    """Our modules load from compiled byte-code, as on an installed PC and in the frozen app. This machine sets
    PYTHONDONTWRITEBYTECODE: every import of a changed module then compiles its source, holding the GIL for tens of
    milliseconds at a time, and phase 3's imports on the worker stalled the window for the compiler's sake (up to
    ~150 ms, none of it there for the officer). So app/ and ui/ are compiled first and the bench runs itself again
    without that variable (bench/startup.py does the same with a cache folder of its own)."""
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is None:
        return
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "app"), str(ROOT / "ui")], check=True
    )
    os.execv(sys.executable, [sys.executable, *sys.argv])


def main() -> int:
    with_compiled_modules()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--search-incidents", type=int, default=100_000)
    parser.add_argument("--data-dir", default="/tmp/breachdesk-bench-gui-stall")
    parser.add_argument("--no-search", action="store_true")
    parser.add_argument("--profile", action="store_true", help="sample the GUI thread's stack in every stall")
    args = parser.parse_args()
    sampler = None
    if args.profile:
        from bench.stall_sampler import StackSampler

        sampler = StackSampler()
        sampler.start()
    base = Path(args.data_dir)

    from PySide6.QtCore import Qt

    from app.i18n import set_language
    from app.settings import SettingsStore
    from ui.shell.application import GuiSession, create_application

    set_language("ja")
    app = create_application("ja", [])
    paths = register_folder(base, f"open-{args.incidents}", lambda db: seed_open_assessed(db, args.incidents))
    beat = Heartbeat()
    if sampler is not None:
        PROFILE.extend([sampler, beat])
    session = GuiSession(app, paths, SettingsStore(paths.settings_file))
    session.key = None
    first_paint: list[float] = []

    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint and not first_paint:
                first_paint.append(time.perf_counter())
                beat.start()
            return False

    started = time.perf_counter()
    window = session.show_window()
    window.resize(1366, 740)
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    from ui.shell.paint_wait import after_first_paint

    after_first_paint(window, session.open_database)

    def deadlines_on_screen() -> bool:
        w = session.window
        features = w.deadlines if w is not None else None
        if features is None or not features.clocks or features.panel.list.topLevelItemCount() == 0:
            return False
        return bool(getattr(features, "idle", lambda: True)())

    wait(app, deadlines_on_screen)
    on_screen = time.perf_counter()
    settle(app, 1.5)  # a trailing refresh (the old start did a second one) falls in the start-up's figure
    features = session.window.deadlines  # type: ignore[union-attr]
    wait(app, refreshed(features))
    settle(app, 0.3)
    line(
        f"start-up ({args.incidents:,} open incidents)",
        beat.longest(first_paint[0]),
        f"  (deadlines on screen {(on_screen - started) * 1000:.0f} ms after start, "
        f"{len(features.clocks):,} clocks)",
        first_paint[0],
    )

    for name, trigger in (
        ("refresh by the 60 s timer", lambda: features.tray.timer.timeout.emit()),
        (
            "refresh on return to the foreground",
            lambda: features.tray._state_changed(Qt.ApplicationState.ApplicationActive),
        ),
    ):
        since = time.perf_counter()
        trigger()
        wait(app, refreshed(features))
        settle(app, 0.2)
        line(
            name,
            beat.longest(since),
            f"  (done in {(time.perf_counter() - since) * 1000 - 200:.0f} ms)",
            since,
        )

    if not args.no_search:
        from bench.register import seed

        search_paths = register_folder(
            base,
            f"register-{args.search_incidents}",
            lambda db: seed(db, args.search_incidents, random.Random(20261122)),
        )
        session.close()
        window.close()
        session = GuiSession(app, search_paths, SettingsStore(search_paths.settings_file))
        window = session.show_window()
        window.resize(1366, 740)
        after_first_paint(window, session.open_database)
        wait(app, lambda: session.window is not None and session.window.register.model.rowCount() > 0)
        wait(app, lambda: session.window.deadlines is not None)  # type: ignore[union-attr]
        settle(app, 1.0)
        view = session.window.register  # type: ignore[union-attr]
        idle = getattr(view, "searching", lambda: False)
        for term in ("誤送信", "健康診断結果", "髙橋", "紛失"):
            before = view.model.rowCount()
            since = time.perf_counter()
            view.filters.search_edit.setText(term)
            view.filters.apply_now()
            wait(app, lambda: not idle())
            took = (time.perf_counter() - since) * 1000
            settle(app, 0.1)
            line(
                f"search 「{term}」 over {args.search_incidents:,}",
                beat.longest(since),
                f"  ({before:,} -> {view.model.rowCount():,} rows in {took:.0f} ms)",
                since,
            )
            view.filters.search_edit.setText("")
            view.filters.apply_now()
            wait(app, lambda: not idle())
            settle(app, 0.1)
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
