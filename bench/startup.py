"""Start-up time, from process start to what the officer sees, for BreachDesk and for a bare PySide6 window.

    python bench/startup.py [--runs 9] [--incidents 50] [--database-url URL|auto]

Prints the median of fresh processes (offscreen) for:
- the main window's first paint, and the same for a bare QMainWindow, with the median of the per-run ratios
  (target <= 2x);
- the register opened: the storage layer loaded, the register checked and its first rows read (for information);
- the register's rows on screen: the first paint of the table with rows in it (target <= 0.6 s);
- the register ready: every action on it installed (wizard, workspaces, deadlines, tray; for information);
- the same for an encrypted register whose key is remembered on this PC (issue 17: no dialog; the key comes from
  the OS credential store through keyring, here an in-memory keyring backend named by PYTHON_KEYRING_BACKEND, since
  this headless box has none), with the ratio of its rows on screen to the plain register's, run turn about.

- with `--database-url` (team mode, issue 19): the same window opened on that PostgreSQL register (seeded with the
  same incidents when empty), run turn about, with the ratio of its rows on screen to the SQLite register's.
  `--database-url auto` starts a throw-away server for the run (tests/pg_server.start_server) and removes it.

The three start-up phases (ui/shell/application.py) are: window painted, register opened + rows on screen, ready.

Paint events, not `show()`: a window can be "shown" long before anything is drawn (until 2026-11 ours was, for
0.6 s). Python byte-code is cached in a temporary folder for both programs, as on an installed PC or in the
packaged app (this machine sets PYTHONDONTWRITEBYTECODE, which would otherwise recompile our modules every run).
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("shown", time.time(), flush=True)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1100, 680)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""

APP = """
import sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QTimer
import ui.shell.application as application

seen = set()

def stamp(name):
    if name not in seen:
        seen.add(name)
        print(name, time.time(), flush=True)

class Paints(QObject):
    def __init__(self, window):
        super().__init__()
        self.window = window

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            if watched is self.window:
                stamp("shown")
            elif self.window.register.model.rowCount() > 0:
                stamp("populated")
        return False

original = application.GuiSession.show_window

def show_window(self):
    window = original(self)
    watcher = Paints(window)
    window._bench_watcher = watcher
    window.installEventFilter(watcher)
    window.register.table.viewport().installEventFilter(watcher)
    window.registerPopulated.connect(lambda: stamp("opened"))
    window.registerReady.connect(lambda: (stamp("ready"), QTimer.singleShot(0, self.app.quit)))
    return window

application.GuiSession.show_window = show_window
from main import main
sys.exit(main(["--data-dir", {data!r}, *{extra!r}]))
"""

SEED = """
import random, sys
sys.path.insert(0, {root!r})
from app.db.database import Database
from app.paths import data_paths
from bench.register import seed
paths = data_paths({data!r}); paths.ensure()
db = Database.open(paths)
seed(db, {n}, random.Random(7))  # the register benchmark's realistic incidents, bulk inserted
db.close()
"""


SEED_SERVER = """
import random, sys
sys.path.insert(0, {root!r})
from app.db.database import Database
from app.paths import data_paths
from app.services.register import RegisterService
from bench.register import seed
paths = data_paths({data!r}); paths.ensure()
db = Database.open(paths, {url!r})
if RegisterService(db).total() == 0:
    seed(db, {n}, random.Random(7))
db.close()
"""


SEED_ENCRYPTED = """
import random, sys
sys.path.insert(0, {root!r})
from app.db import cipher
from app.db.database import Database
from app.db.register_key import RegisterKey
from app.paths import data_paths
from bench.register import seed
paths = data_paths({data!r}); paths.ensure()
key = RegisterKey(bytes.fromhex({key!r}))
cipher.write_keys(paths.root, cipher.wrap(key, "bench passphrase 起動時間"), paths.backups_dir)
db = Database.open(paths, key=key)
seed(db, {n}, random.Random(7))
db.close()
"""

# 「このPCに記憶する」 on a PC with a credential store: keyring loads this backend by name when the app first asks.
REMEMBERED = """
from keyring.backend import KeyringBackend

class RememberedKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service, username):
        return {key!r} if service == "BreachDesk" else None

    def set_password(self, service, username, password):
        raise NotImplementedError

    def delete_password(self, service, username):
        raise NotImplementedError
"""


def _events(code: str, env: dict[str, str]) -> dict[str, float]:
    started = time.time()
    # A timeout: an unlock dialog waiting for a passphrase nobody types must fail the bench, not hang it.
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, timeout=120
    )
    events = {}
    for line in result.stdout.splitlines():
        name, _, stamp = line.partition(" ")
        events[name] = float(stamp) - started
    return events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--incidents", type=int, default=50)
    parser.add_argument(
        "--database-url", help="also start on this PostgreSQL register; auto: a throw-away server"
    )
    opts = parser.parse_args()
    server = None
    if opts.database_url == "auto":
        sys.path.insert(0, str(ROOT))
        from tests.pg_server import start_server

        server = start_server()
        opts.database_url = server.url(server.new_database("startup"))
    try:
        return _run(opts)
    finally:
        if server is not None:
            server.stop()


def _run(opts: argparse.Namespace) -> int:
    server_populated: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        for variable in ("BREACHDESK_PASSPHRASE", "BREACHDESK_RECOVERY_KEY"):
            env.pop(variable, None)
        data = str(Path(tmp) / "data")
        subprocess.run(
            [sys.executable, "-c", SEED.format(root=str(ROOT), data=data, n=opts.incidents)],
            check=True,
            env=env,
        )
        key = secrets.token_hex(32)  # a throw-away data key for the bench's own register
        encrypted_data = str(Path(tmp) / "encrypted")
        subprocess.run(
            [
                sys.executable,
                "-c",
                SEED_ENCRYPTED.format(root=str(ROOT), data=encrypted_data, n=opts.incidents, key=key),
            ],
            check=True,
            env=env,
        )
        store = Path(tmp) / "keyring"
        store.mkdir()
        (store / "bench_remembered_keyring.py").write_text(REMEMBERED.format(key=key), encoding="utf-8")
        remembered_env = {
            **env,
            "PYTHONPATH": os.pathsep.join(filter(None, (str(store), env.get("PYTHONPATH")))),
            "PYTHON_KEYRING_BACKEND": "bench_remembered_keyring.RememberedKeyring",
        }
        app_code = APP.format(root=str(ROOT), data=data, extra=[])
        encrypted_code = APP.format(root=str(ROOT), data=encrypted_data, extra=[])
        server_code = None
        if opts.database_url:
            server_data = str(Path(tmp) / "server")
            seed_code = SEED_SERVER.format(
                root=str(ROOT), data=server_data, url=opts.database_url, n=opts.incidents
            )
            subprocess.run([sys.executable, "-c", seed_code], check=True, env=env)
            server_code = APP.format(
                root=str(ROOT), data=server_data, extra=["--database-url", opts.database_url]
            )
            _events(server_code, env)
        _events(BARE, env)  # warm the OS cache, the byte-code cache and the compiled catalog
        _events(app_code, env)
        _events(encrypted_code, remembered_env)
        bare, shown, opened, populated, ready = [], [], [], [], []
        e_shown, e_opened, e_populated, e_ready = [], [], [], []
        for _ in range(opts.runs):
            bare.append(_events(BARE, env)["shown"])
            app = _events(app_code, env)
            shown.append(app["shown"])
            opened.append(app["opened"])
            populated.append(app["populated"])
            ready.append(app["ready"])
            enc = _events(encrypted_code, remembered_env)
            e_shown.append(enc["shown"])
            e_opened.append(enc["opened"])
            e_populated.append(enc["populated"])
            e_ready.append(enc["ready"])
            if server_code is not None:
                server_populated.append(_events(server_code, env)["populated"])
    b, s, o, p, r = (statistics.median(x) for x in (bare, shown, opened, populated, ready))
    es, eo, ep, er = (statistics.median(x) for x in (e_shown, e_opened, e_populated, e_ready))
    # Each run's app against the bare window started just before it: the machine's drift cancels out.
    ratio = statistics.median(a / z for a, z in zip(shown, bare, strict=True))
    rows_ratio = statistics.median(e / z for e, z in zip(e_populated, populated, strict=True))
    print(f"bare PySide6 window painted:       {b * 1000:7.0f} ms (median of {opts.runs})")
    print(f"BreachDesk main window painted:    {s * 1000:7.0f} ms  ratio {ratio:.2f}x  (target <= 2.0x)")
    print(f"register opened (storage loaded):  {o * 1000:7.0f} ms")
    print(f"register rows on screen ({opts.incidents} rows): {p * 1000:7.0f} ms  (target <= 600 ms)")
    print(f"register ready (actions, deadlines): {r * 1000:5.0f} ms")
    print("encrypted register, key remembered on this PC (no dialog):")
    print(f"  main window painted:             {es * 1000:7.0f} ms")
    print(f"  register unlocked and opened:    {eo * 1000:7.0f} ms")
    print(
        f"  rows on screen after unlock ({opts.incidents} rows): {ep * 1000:7.0f} ms  "
        f"ratio {rows_ratio:.2f}x plain  (target <= 600 ms)"
    )
    print(f"  register ready:                  {er * 1000:7.0f} ms")
    if server_populated:
        sp = statistics.median(server_populated)
        server_ratio = statistics.median(a / z for a, z in zip(server_populated, populated, strict=True))
        print(
            f"PostgreSQL register, rows on screen ({opts.incidents} rows): {sp * 1000:7.0f} ms  "
            f"ratio {server_ratio:.2f}x SQLite  (target <= 600 ms)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
