"""Start-up time: process start -> main window shown, for BreachDesk and for a bare PySide6 window, and
process start -> register populated. Offscreen, median of 5 fresh processes each. Prints numbers only.

    python bench/startup.py [--runs 5] [--incidents 50]

Targets (issue 2): window shown <= 2x the bare window; register populated <= 0.6 s on the 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1100, 680)
window.show()
QTimer.singleShot(0, lambda: (print("shown", time.time(), flush=True), app.quit()))
app.exec()
"""

APP = """
import sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
import ui.application as application

original = application.GuiSession.show_window

def show_window(self):
    window = original(self)
    QTimer.singleShot(0, lambda: print("shown", time.time(), flush=True))
    window.registerPopulated.connect(
        lambda: (print("populated", time.time(), flush=True), QTimer.singleShot(0, self.app.quit)))
    return window

application.GuiSession.show_window = show_window
from main import main
sys.exit(main(["--data-dir", {data!r}]))
"""

SEED = """
import sys
sys.path.insert(0, {root!r})
from app.db.database import Database
from app.paths import data_paths
from app.services.incidents import IncidentService
paths = data_paths({data!r}); paths.ensure()
db = Database.open(paths)
service = IncidentService(db)
for i in range({n}):
    service.create("メールの誤送信 その%d" % i, {{"learned_date": "2026-11-01"}}, None, None)
db.close()
"""


def _events(code: str, env: dict[str, str]) -> dict[str, float]:
    started = time.time()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    events = {}
    for line in result.stdout.splitlines():
        name, _, stamp = line.partition(" ")
        events[name] = float(stamp) - started
    return events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--incidents", type=int, default=50)
    opts = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        data = str(Path(tmp) / "data")
        subprocess.run(
            [sys.executable, "-c", SEED.format(root=str(ROOT), data=data, n=opts.incidents)],
            check=True,
            env=env,
        )
        _events(APP.format(root=str(ROOT), data=data), env)  # warm the OS cache and the compiled catalog
        bare, shown, populated = [], [], []
        for _ in range(opts.runs):
            bare.append(_events(BARE, env)["shown"])
            app = _events(APP.format(root=str(ROOT), data=data), env)
            shown.append(app["shown"])
            populated.append(app["populated"])
    b, s, p = (statistics.median(x) for x in (bare, shown, populated))
    print(f"bare PySide6 window shown:      {b * 1000:7.0f} ms (median of {opts.runs})")
    print(f"BreachDesk main window shown:   {s * 1000:7.0f} ms  ratio {s / b:.2f}x  (target <= 2.0x)")
    print(f"register populated ({opts.incidents} rows):  {p * 1000:7.0f} ms  (target <= 600 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
