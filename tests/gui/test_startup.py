"""Start-up as the officer sees it (ui/shell/application.py): the window paints, then the storage layer loads and the
register's rows are read through the one register query and painted, then the actions on them arrive; a register
that fails to open shows no rows. (That nothing of the storage layer loads before the first paint is checked in a
fresh process by tests/gui/test_language_switch.py; that the rows need no ORM, in a fresh process below.)"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject

from app.paths import DataPaths
from app.services.register import RegisterService
from app.settings import SettingsStore
from tests.gui.test_startup_faults import AnswerStorageBox
from ui.register.view import Column, RegisterPage
from ui.shell import application
from ui.shell.application import GuiSession

ROOT = Path(__file__).resolve().parents[2]
TITLES = ["メールの誤送信", "USBメモリの紛失", "委託先でのランサムウェア感染"]


def _seed(paths: DataPaths) -> None:
    from app.db.database import Database
    from app.services.incidents import IncidentService

    db = Database.open(paths)
    for day, title in enumerate(TITLES, start=1):
        IncidentService(db).create(title, {"learned_date": f"2026-11-0{day}"}, None, None)
    db.close()


def _shown_titles(session: GuiSession) -> list[str]:
    model = session.window.register.model  # type: ignore[union-attr]
    return [model.data(model.index(row, Column.TITLE)) for row in range(model.rowCount())]


class PaintsWithRows(QObject):
    """Counts the table's paints that had rows in them: what the officer actually saw."""

    def __init__(self, session: GuiSession) -> None:
        super().__init__()
        self.session = session
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.session.window.register.model.rowCount():  # type: ignore[union-attr]
            self.count += 1
        return False


def test_rows_are_painted_through_the_register_service_before_the_actions_arrive(
    qapp, qtbot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(data_paths)
    session = GuiSession(qapp, data_paths, SettingsStore(data_paths.settings_file))
    seen_before_phase_3: dict[str, object] = {}
    open_register = GuiSession.open_register

    def observed(self: GuiSession) -> None:
        window = self.window
        assert window is not None
        seen_before_phase_3.update(
            service=type(window.register.service).__name__,
            services=window.services,
            titles=_shown_titles(self),
            page=window.register.page(),
            new_incident_enabled=window.new_incident_action.isEnabled(),
            painted_with_rows=paints.count,
            size=window.size(),
        )
        open_register(self)

    monkeypatch.setattr(application.GuiSession, "open_register", observed)
    paints = PaintsWithRows(session)
    window = session.start()
    qtbot.addWidget(window)
    window.register.table.viewport().installEventFilter(paints)
    try:
        with qtbot.waitSignal(window.registerReady, timeout=10000):
            pass
        assert seen_before_phase_3 == {
            "service": "RegisterService",  # the one query module, no second read path
            "services": None,  # the other services are built in phase 3
            "titles": list(reversed(TITLES)),  # newest 発覚日 first, as the register always sorts
            "page": RegisterPage.TABLE,
            "new_incident_enabled": False,  # nothing can be changed before the actions are installed
            "painted_with_rows": seen_before_phase_3["painted_with_rows"],
            "size": window.size(),  # the deadlines panel's place was held: nothing jumps when it arrives
        }
        assert seen_before_phase_3["painted_with_rows"] >= 1
        services = window.services
        assert services is not None and services is session.services
        assert (
            services.register is window.register.service
        )  # built once, around the service that read the rows
        assert window.deadlines is not None and window.workspaces is not None
        assert window.new_incident_action.isEnabled()
        assert window.count_label.text() == "事案 3 件"
    finally:
        session.close()


def test_a_register_that_fails_to_open_shows_no_rows_until_it_opens(
    qapp, qtbot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Locked by another program: while the officer reads the message no rows are on screen; after 再試行 they are."""
    _seed(data_paths)
    holder = sqlite3.connect(data_paths.db_file, isolation_level=None)
    holder.execute(
        "BEGIN IMMEDIATE"
    )  # another program writing: the start-up backup and checks wait, then fail
    behind_the_box: list[tuple[RegisterPage, int]] = []

    class Release(AnswerStorageBox):
        def _exec(self, box):  # type: ignore[no-untyped-def]
            register = session.window.register  # type: ignore[union-attr]
            behind_the_box.append((register.page(), register.model.rowCount()))
            holder.execute("COMMIT")
            return super()._exec(box)

    Release(monkeypatch, "retry")
    session = GuiSession(qapp, data_paths, SettingsStore(data_paths.settings_file), busy_timeout=0.2)
    window = session.show_window()
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.registerPopulated, timeout=20000):
            session.open_database()
        assert behind_the_box == [(RegisterPage.LOADING, 0)]
        assert isinstance(window.register.service, RegisterService)
        assert _shown_titles(session) == list(reversed(TITLES))
    finally:
        session.close()
        holder.close()


def test_the_first_rows_are_painted_before_the_orm_is_imported(data_paths: DataPaths, tmp_path: Path) -> None:
    """The real start (main.py) in a fresh process: the register's query reads the first page in SQLAlchemy Core
    (app/db/tables.py), so the ORM (~0.1 s) and the models load only with the services of phase 3."""
    _seed(data_paths)
    code = (
        "import json, sys\n"
        "from PySide6.QtCore import QEvent, QObject, QTimer\n"
        "import ui.shell.application as application\n"
        "ORM = ('sqlalchemy.orm', 'app.db.models')\n"
        "seen = {}\n"
        "class RowsPainted(QObject):\n"
        "    def __init__(self, window):\n"
        "        super().__init__()\n"
        "        self.window = window\n"
        "    def eventFilter(self, watched, event):\n"
        "        if event.type() == QEvent.Type.Paint and self.window.register.model.rowCount():\n"
        "            seen.setdefault('rows', [m for m in ORM if m in sys.modules])\n"
        "        return False\n"
        "show = application.GuiSession.show_window\n"
        "def show_window(self):\n"
        "    window = show(self)\n"
        "    window.watch = RowsPainted(window)\n"
        "    window.register.table.viewport().installEventFilter(window.watch)\n"
        "    def ready():\n"
        "        seen['ready'] = [m for m in ORM if m in sys.modules]\n"
        "        seen['titles'] = window.register.model.rowCount()\n"
        "        print(json.dumps(seen), flush=True)\n"
        "        QTimer.singleShot(0, self.app.quit)\n"
        "    window.registerReady.connect(ready)\n"
        "    return window\n"
        "application.GuiSession.show_window = show_window\n"
        "from main import main\n"
        f"sys.exit(main(['--data-dir', {str(data_paths.root)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "rows": [],  # the rows were on screen with neither the ORM nor the models imported
        "ready": ["sqlalchemy.orm", "app.db.models"],  # the services brought them
        "titles": len(TITLES),
    }
