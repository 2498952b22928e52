"""Start-up as the officer sees it: the window paints, then the register's rows (read-only, before the storage layer
loads), then the register comes to life with the same rows; a register that fails to open shows no stale rows."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QEvent, QObject

from app.db.register_preview import RegisterPreview
from app.paths import DataPaths
from app.services.register import RegisterService
from app.settings import SettingsStore
from tests.gui.test_startup_faults import AnswerStorageBox
from ui import application
from ui.application import GuiSession
from ui.register_view import Column, RegisterPage

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


def test_rows_are_painted_before_the_storage_layer_opens_then_the_service_takes_over(
    qapp, qtbot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(data_paths)
    session = GuiSession(qapp, data_paths, SettingsStore(data_paths.settings_file))
    seen_when_opening: dict[str, object] = {}
    open_database = GuiSession.open_database

    def observed_open(self: GuiSession) -> bool:
        window = self.window
        assert window is not None
        seen_when_opening.update(
            service=type(window.register.service).__name__,
            db=window.db,
            titles=_shown_titles(self),
            page=window.register.page(),
            new_incident_enabled=window.new_incident_action.isEnabled(),
            painted_with_rows=paints.count,
            size=window.size(),
            table_width=window.register.table.width(),
        )
        return open_database(self)

    monkeypatch.setattr(application.GuiSession, "open_database", observed_open)
    paints = PaintsWithRows(session)
    window = session.show_window()
    qtbot.addWidget(window)
    window.register.table.viewport().installEventFilter(paints)
    try:
        with qtbot.waitSignal(window.registerPopulated, timeout=10000):
            application.after_first_paint(window, session.preview_register)
        assert seen_when_opening == {
            "service": "RegisterPreview",
            "db": None,
            "titles": list(reversed(TITLES)),  # newest 発覚日 first, as the register always sorts
            "page": RegisterPage.TABLE,
            "new_incident_enabled": False,  # nothing can be changed before the register is really open
            "painted_with_rows": seen_when_opening["painted_with_rows"],
            "size": window.size(),  # the deadlines panel's place was held: nothing jumps when it arrives
            "table_width": window.register.table.width(),
        }
        assert seen_when_opening["painted_with_rows"] >= 1
        assert isinstance(window.register.service, RegisterService)
        assert _shown_titles(session) == list(reversed(TITLES))
        assert window._preview is None  # closed once the service took over
        assert window.new_incident_action.isEnabled()
        assert window.count_label.text() == "事案 3 件"
    finally:
        session.close()


def test_a_register_that_then_fails_to_open_shows_no_stale_rows(
    qapp, qtbot, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Readable for the preview, locked for writing: while the officer reads the message no rows stay on screen."""
    _seed(data_paths)
    holder = sqlite3.connect(data_paths.db_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing: reads still work (WAL), writes wait
    behind_the_box: list[tuple[RegisterPage, int]] = []

    class Release(AnswerStorageBox):
        def _exec(self, box):  # type: ignore[no-untyped-def]
            register = session.window.register  # type: ignore[union-attr]
            behind_the_box.append((register.page(), register.model.rowCount()))
            holder.execute("COMMIT")
            return super()._exec(box)

    Release(monkeypatch, "retry")
    session = GuiSession(qapp, data_paths, SettingsStore(data_paths.settings_file))
    window = session.show_window()
    qtbot.addWidget(window)
    previews: list[RegisterPreview] = []
    monkeypatch.setattr(window, "show_register_preview", _recording(window.show_register_preview, previews))
    try:
        with qtbot.waitSignal(window.registerPopulated, timeout=20000):
            session.preview_register()
        assert len(previews) == 1  # the rows were shown first
        assert behind_the_box == [(RegisterPage.LOADING, 0)]
        assert _shown_titles(session) == list(reversed(TITLES))  # and come back once the register opens
    finally:
        session.close()
        holder.close()


def _recording(method, into: list):  # type: ignore[no-untyped-def]
    def record(preview):  # type: ignore[no-untyped-def]
        into.append(preview)
        return method(preview)

    return record
