"""The register at scale: 100,000 realistic incidents (bulk insert), then the window opened, a Japanese substring
search and a filter change timed through the real register view. Offscreen; prints numbers only.

    python bench/register.py [--incidents 100000] [--runs 7] [--data-dir DIR] [--database-url URL|auto]

Targets (issue 5, 2-core machine): window shown with the register populated < 1 s; search and filter change
< 100 ms median. Memory is the process's peak resident size after the window is open.

The same register is also copied encrypted (SQLCipher, issue 17; docs/adr/0010-register-encryption.md) and every
measurement runs on both, turn about, so the machine's drift falls on both alike: each line of the plain register
is followed by the encrypted one's and their ratio (target: encrypted within 1.3x of plain).

With `--database-url` (team mode, issue 19) the same incidents are also seeded into that PostgreSQL database (when
it is empty) and the window, every search and the filters are measured on it in the same run, turn about, each
line followed by PostgreSQL's figures. `--database-url auto` starts a throw-away server for the run
(tests/pg_server.start_server: initdb + pg_ctl on a temporary folder and port) and removes it afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEPARTMENTS = (
    "総務課",
    "経理課",
    "営業部",
    "人事課",
    "情報システム部",
    "医事課",
    "薬剤部",
    "受付",
    "髙橋支店",
    "﨑山営業所",
)
EVENTS = (
    ("email_missend", "メールの誤送信", "missend"),
    ("misdelivery", "書類の誤送付", "misdelivery"),
    ("misdelivery", "診療明細の誤交付", "misdelivery"),
    ("loss", "USBメモリの紛失", "loss"),
    ("loss", "ノートPCの置き忘れ", "loss"),
    ("theft", "車上荒らしによる鞄の盗難", "theft"),
    ("unauthorized_access", "ECサイトへの不正アクセス", "unauthorized_access"),
    ("ransomware", "ランサムウェアによるファイル暗号化", "malware"),
    ("erroneous_disposal", "申込書の誤廃棄", "misdisposal"),
    ("system_fault", "会員ページの設定誤りによる誤表示", "misdisplay"),
)
DATA = ("顧客名簿", "健康診断結果", "給与明細", "会員情報", "問診票", "見積書", "処方箋", "申込書")
STATUSES = (
    "investigating",
    "sokuho_filed",
    "kakuho_filed",
    "individuals_notified",
    "closed",
    "not_reportable",
)
TIMELINE = (
    "担当者が{event}に気付き、{dept}長に報告",
    "相手先に連絡し、削除と返送を依頼",
    "影響範囲を調査し、{n}名分の{data}と判明",
    "個人情報保護委員会への報告要否を検討",
)


def seed(db, n: int, rng: random.Random) -> tuple[float, int]:
    """Bulk insert (SQLAlchemy Core executemany); the search index fills itself through its triggers."""
    from sqlalchemy import insert

    from app.db.models import Incident, TimelineEntry

    now = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    timeline_rows = 0
    chunk = 5000
    with db.session_scope() as session:
        conn = session.connection()
        for first in range(0, n, chunk):
            incidents, entries = [], []
            for i in range(first, min(first + chunk, n)):
                kind, event, category = EVENTS[rng.randrange(len(EVENTS))]
                dept, data = rng.choice(DEPARTMENTS), rng.choice(DATA)
                count = rng.choice((1, 1, 1, 2, 3, 12, 48, 320, 1500))
                learned = dt.date(2022, 4, 1) + dt.timedelta(days=rng.randrange(365 * 5))
                status = rng.choice(STATUSES)
                items = (
                    []
                    if status == "not_reportable"
                    else sorted(rng.sample((1, 2, 3, 4), rng.randrange(1, 3)))
                )
                deadline = learned + dt.timedelta(days=29) if status in STATUSES[:2] else None
                incidents.append(
                    {
                        "id": i + 1,
                        "reference": f"{learned.year}-{i + 1:06d}",
                        "title": f"{dept}における{data}の{event}（{count}名分）",
                        "incident_kind": kind,
                        "status": status,
                        "learned_date": learned,
                        "next_deadline": deadline,
                        "applicable_items": items,
                        "rules_version": "APPI-R7-2024-04/GL-2025-06",
                        "facts": {"learned_date": learned.isoformat()},
                        "jipdec_category": category if rng.random() < 0.7 else None,
                        "notes": ""
                        if rng.random() < 0.7
                        else f"{dept}の担当: 髙橋・﨑山。再発防止策を検討中。",
                        "reportable": bool(items),
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                for step in range(rng.randrange(1, 4)):
                    entries.append(
                        {
                            "incident_id": i + 1,
                            "occurred_at": dt.datetime.combine(learned, dt.time(9 + step), dt.UTC),
                            "recorded_at": now,
                            "actor": "bench",
                            "text": TIMELINE[step].format(event=event, dept=dept, n=count, data=data),
                        }
                    )
            conn.execute(insert(Incident), incidents)
            conn.execute(insert(TimelineEntry), entries)
            timeline_rows += len(entries)
    return time.perf_counter() - started, timeline_rows


def rss_mb() -> float:
    """Peak resident set size (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(app, action, view=None) -> float:
    """From the action to the rows repainted. The query runs on a worker (docs/adr/0011-gui-thread-stalls.md): it
    is waited for in a real event loop that sleeps until the answer's signal, as app.exec() does; a loop of
    processEvents() would hold the GIL against the worker and time the wait instead of the search."""
    from PySide6.QtCore import QEventLoop, QTimer

    started = time.perf_counter()
    action()
    if view is not None and view.searching():
        loop = QEventLoop()
        view.reloaded.connect(loop.quit)
        guard = QTimer(
            singleShot=True, interval=60_000
        )  # a failed search emits no reloaded: never wait for ever
        guard.timeout.connect(loop.quit)
        guard.start()
        if view.searching():
            loop.exec()
        guard.stop()
        view.reloaded.disconnect(loop.quit)
    app.processEvents()  # the table repaints the rows now on screen
    return (time.perf_counter() - started) * 1000


def encrypted_copy(plain: Path, folder: Path):
    """The same register encrypted under a new key: SQLCipher's `sqlcipher_export` copies every table, index,
    trigger and the FTS5 index page by page into a keyed file, so both runs read identical rows (ADR 0010)."""
    import sqlcipher3

    from app.db.register_key import RegisterKey
    from app.paths import DataPaths

    shutil.rmtree(folder, ignore_errors=True)  # a kept --data-dir: its old copy's key is gone, make a new one
    paths = DataPaths(folder)
    paths.ensure()
    key = RegisterKey.new()
    started = time.perf_counter()
    conn = sqlcipher3.connect(str(plain))  # no key: reads the plain file
    conn.execute(f'ATTACH DATABASE ? AS encrypted KEY "{key.pragma}"', (str(paths.db_file),))
    conn.execute("SELECT sqlcipher_export('encrypted')")
    conn.execute("DETACH DATABASE encrypted")
    conn.close()
    return paths, key, time.perf_counter() - started


class Side:
    """One register (plain or encrypted) with its window open, measured turn about with the other."""

    def __init__(self, name: str, db, paths) -> None:
        self.name, self.db, self.paths = name, db, paths
        self.window = None

    def open_window(self, app, total: int) -> float:
        from app.services.root import Services
        from ui.shell.main_window import MainWindow
        from ui.shell.open_register import open_register

        started = time.perf_counter()
        window = MainWindow(self.paths)
        window.resize(1366, 740)
        window.show()
        open_register(window, Services(self.db))
        app.processEvents()
        elapsed = (time.perf_counter() - started) * 1000
        assert window.register.model.rowCount() == total
        self.window = window
        return elapsed

    def close_window(self, app) -> None:
        self.window.close()
        self.window.deleteLater()
        app.processEvents()
        self.window = None

    @property
    def view(self):
        return self.window.register


def ratio_line(plain: list[float], encrypted: list[float]) -> str:
    ratio = statistics.median(encrypted) / max(statistics.median(plain), 0.001)
    return (
        f"  encrypted: median {statistics.median(encrypted):.0f} ms, max {max(encrypted):.0f} ms  "
        f"({ratio:.2f}x plain)"
    )


def pg_line(times: dict[str, list[float]]) -> None:
    """PostgreSQL's figures beside SQLite's (plain), when the run has a --database-url."""
    if "postgresql" in times:
        pg, plain = times["postgresql"], times["plain"]
        ratio = statistics.median(pg) / max(statistics.median(plain), 0.001)
        print(
            f"  postgresql: median {statistics.median(pg):.0f} ms, max {max(pg):.0f} ms  ({ratio:.2f}x SQLite)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data-dir", help="keep the generated register here (default: a temporary folder)")
    parser.add_argument(
        "--database-url", help="also measure this PostgreSQL register; auto: a throw-away server"
    )
    args = parser.parse_args()
    server = None
    if args.database_url == "auto":
        from tests.pg_server import start_server

        server = start_server()
        args.database_url = server.url(server.new_database("bench"))
        print(f"throw-away PostgreSQL server on port {server.port}")
    try:
        return _run(args)
    finally:
        if server is not None:
            server.stop()


def _run(args: argparse.Namespace) -> int:

    from PySide6.QtWidgets import QApplication

    from app.i18n import set_language
    from ui.shell.fonts import apply_application_font
    from ui.shell.translations import install_qt_translators

    set_language("ja")
    app = QApplication([])
    apply_application_font(app)
    install_qt_translators(app, "ja")

    from app.db.backups import Retention
    from app.db.database import Database
    from app.paths import DataPaths

    # One start-up copy kept, not the officer's schedule: a 100k register is ~100 MB per copy.
    BENCH_RETENTION = Retention(within=dt.timedelta(0), daily=0, monthly=0, newest=1)
    folder = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="breachdesk-bench-"))
    paths = DataPaths(folder)
    paths.ensure()
    db = Database.open(paths, retention=BENCH_RETENTION)
    if _count(db) == 0:  # a kept --data-dir register is reused as it is
        seconds, entries = seed(db, args.incidents, random.Random(20261122))
        print(
            f"seeded {args.incidents:,} incidents and {entries:,} timeline entries in {seconds:.1f} s (bulk insert)"
        )
    total = _count(db)
    db.close()
    enc_paths, key, seconds = encrypted_copy(paths.db_file, folder / "encrypted")
    size = enc_paths.db_file.stat().st_size / 1e6
    print(f"encrypted copy (sqlcipher_export, SQLCipher 4, raw key): {seconds:.1f} s, {size:.0f} MB")
    opens = {}
    for name, where, with_key in (("plain", paths, None), ("encrypted", enc_paths, key)):
        # Opened once first: the copy's first open makes its first start-up backup, the plain one has one already.
        Database.open(where, retention=BENCH_RETENTION, key=with_key).close()
        started = time.perf_counter()
        opened_db = Database.open(where, retention=BENCH_RETENTION, key=with_key)
        opens[name] = ((time.perf_counter() - started) * 1000, opened_db)
    plain, encrypted = (
        Side("plain", opens["plain"][1], paths),
        Side("encrypted", opens["encrypted"][1], enc_paths),
    )
    assert _count(encrypted.db) == total
    print(
        "register reopened (file checks, anchor; no start-up backup due): "
        f"plain {opens['plain'][0]:.0f} ms, encrypted {opens['encrypted'][0]:.0f} ms"
    )

    sides = [plain, encrypted]
    if args.database_url:
        pg_db = Database.open(paths, args.database_url)
        if _count(pg_db) == 0:
            seconds, entries = seed(pg_db, args.incidents, random.Random(20261122))
            print(
                f"PostgreSQL: seeded {args.incidents:,} incidents in {seconds:.1f} s (bulk insert, search triggers)"
            )
        assert _count(pg_db) == total, "the PostgreSQL register holds other incidents"
        sides.append(Side("postgresql", pg_db, paths))
    opened: dict[str, list[float]] = {side.name: [] for side in sides}
    for side in (*sides,):  # warm-up, not counted: the first window of a process loads fonts and styles
        side.open_window(app, total)
        side.close_window(app)
    for _ in range(max(1, args.runs // 2)):
        for side in sides:  # turn about: the machine's drift falls on both alike
            opened[side.name].append(side.open_window(app, total))
            side.close_window(app)
    plain.open_window(app, total)
    rss_plain = rss_mb()  # as before: the process with one register window open
    encrypted.open_window(app, total)
    print(
        f"window shown, register populated ({total:,} incidents): median {statistics.median(opened['plain']):.0f} ms"
    )
    print(ratio_line(opened["plain"], opened["encrypted"]))
    pg_line(opened)
    if len(sides) > 2:
        sides[2].open_window(app, total)

    ratios = {"search": [], "filter": []}
    for term in ("誤送信", "健康診断結果", "誤送", "髙橋", "紛失"):
        times: dict[str, list[float]] = {side.name: [] for side in sides}
        found = {}
        for _ in range(args.runs):
            for side in sides:
                view = side.view
                view.filters.search_edit.setText("")
                timed(app, view.filters.apply_now, view)
                view.filters.search_edit.setText(term)
                times[side.name].append(timed(app, view.filters.apply_now, view))
                found[side.name] = view.model.rowCount()
        assert len(set(found.values())) == 1, found
        p, e = times["plain"], times["encrypted"]
        print(
            f"search 「{term}」 ({found['plain']:,} found): median {statistics.median(p):.0f} ms, max {max(p):.0f} ms"
        )
        print(ratio_line(p, e))
        pg_line(times)
        ratios["search"].append((p, e))
    for side in sides:
        side.view.filters.search_edit.setText("")
        timed(app, side.view.filters.apply_now, side.view)

    def filters(view):
        return {
            "status 調査中": (
                lambda: view.filters.status_combo.setCurrentIndex(2),
                lambda: view.filters.status_combo.setCurrentIndex(0),
            ),
            "due within 7 days": (
                lambda: view.filters.due_check.setChecked(True),
                lambda: view.filters.due_check.setChecked(False),
            ),
            "fiscal year": (
                lambda: view.filters.year_combo.setCurrentIndex(2),
                lambda: view.filters.year_combo.setCurrentIndex(0),
            ),
            "reportable only": (
                lambda: view.filters.reportable_combo.setCurrentIndex(1),
                lambda: view.filters.reportable_combo.setCurrentIndex(0),
            ),
            "JIPDEC 誤送信": (
                lambda: view.filters.category_combo.setCurrentIndex(2),
                lambda: view.filters.category_combo.setCurrentIndex(0),
            ),
        }

    changes = {side.name: filters(side.view) for side in (plain, encrypted)}
    all_times: dict[str, list[float]] = {"plain": [], "encrypted": []}
    for name in changes["plain"]:
        times = {"plain": [], "encrypted": []}
        for _ in range(args.runs):
            for side in (plain, encrypted):
                change, reset = changes[side.name][name]
                times[side.name].append(timed(app, change, side.view))
                timed(app, reset, side.view)
        for side_name in all_times:
            all_times[side_name] += times[side_name]
        print(f"filter {name}: median {statistics.median(times['plain']):.0f} ms")
        print(ratio_line(times["plain"], times["encrypted"]))
    print(f"filter change, all kinds: median {statistics.median(all_times['plain']):.0f} ms")
    print(ratio_line(all_times["plain"], all_times["encrypted"]))

    sort_times = {
        side.name: timed(
            app,
            lambda view=side.view: view.table.sortByColumn(
                1, view.table.horizontalHeader().sortIndicatorOrder()
            ),
        )
        for side in (plain, encrypted)
    }
    print(f"sort by title: {sort_times['plain']:.0f} ms")
    print(f"  encrypted: {sort_times['encrypted']:.0f} ms")
    print(f"memory: peak RSS {rss_plain:.0f} MB (one register window); {rss_mb():.0f} MB with both open")

    search_p = [t for p, _e in ratios["search"] for t in p]
    search_e = [t for _p, e in ratios["search"] for t in e]
    for what, p, e in (
        ("search, all terms", search_p, search_e),
        ("filter change, all kinds", all_times["plain"], all_times["encrypted"]),
    ):
        ratio = statistics.median(e) / max(statistics.median(p), 0.001)
        verdict = "within" if ratio <= 1.3 else "OVER"
        print(
            f"encrypted vs plain, {what}: median {statistics.median(e):.0f} ms vs {statistics.median(p):.0f} ms, "
            f"ratio {ratio:.2f}x ({verdict} the 1.3x target)"
        )
    for side in sides:  # the windows first: their workers stop before their database closes
        if side.window is not None:
            side.close_window(app)
    for side in sides:
        side.db.close()
    return 0


def _count(db) -> int:
    from app.services.register import RegisterService

    return RegisterService(db).total()


if __name__ == "__main__":
    sys.exit(main())
