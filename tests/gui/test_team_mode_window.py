"""The window on a register on a real PostgreSQL server (issue 19 points 1 and 3): it opens there, an incident saved
through its services is on screen after a restart, the status bar names the server without the password, the
file-only actions (backups, encryption) are off, and a server that is not running gets the server's wording with
もう一度試す — no data folder, no other folder — and opens once the server is back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from app.db.database import Database
from app.db.faults import DatabaseFault
from app.i18n import set_language
from app.paths import DataPaths
from app.settings import SettingsStore
from tests.gui.screen_checks import LAPTOP_AT_150, screen_problems
from tests.gui.test_startup_faults import AnswerStorageBox
from tests.pg_server import PgServer, start_server
from ui.register.view import Column
from ui.shell.application import GuiSession
from ui.shell.dialogs import StorageErrorBox
from ui.shell.translations import install_qt_translators

TITLE = "顧客名簿を添付したメールの誤送信"


def _open(qapp: QApplication, qtbot, paths: DataPaths, url: str) -> GuiSession:  # type: ignore[no-untyped-def]
    session = GuiSession(qapp, paths, SettingsStore(paths.settings_file), database_url=url)
    window = session.start()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: session.services is not None, timeout=20000)
    return session


def _titles(session: GuiSession) -> list[str]:
    model = session.window.register.model  # type: ignore[union-attr]
    return [model.data(model.index(row, Column.TITLE)) for row in range(model.rowCount())]


def test_the_window_keeps_its_register_on_the_server(
    qapp, qtbot, data_paths: DataPaths, pg_server: PgServer, pg_url: str
) -> None:
    database = pg_url.rsplit("/", 1)[1]
    url = pg_server.url(
        database, password="hunter2-not-checked"
    )  # the test server trusts; the URL carries one
    session = _open(qapp, qtbot, data_paths, url)
    try:
        window = session.window
        assert window is not None
        label = window.location_label
        assert (
            label.text()
            == f"データベース: postgresql://breachdesk_admin@127.0.0.1:{pg_server.port}/{database}"
        )
        assert "hunter2" not in label.text() + label.toolTip() and "***" not in label.text()
        window.grab().save("/tmp/q2_team_window.png")
        # The server keeps its own backups (pg_dump) and does its own encryption: nothing of that offered here.
        assert not window.backup_now_action.isEnabled() and not window.restore_backup_action.isEnabled()
        assert not window.encrypt_action.isEnabled() and window.plain_button.isHidden()
        assert window.new_incident_action.isEnabled()
        assert session.services is not None
        session.services.incidents.create(TITLE, {"learned_date": "2027-07-01"}, None, None)
    finally:
        session.close()

    session = _open(qapp, qtbot, data_paths, url)
    try:
        assert _titles(session) == [TITLE]
        assert session.window is not None and session.window.count_label.text() == "事案 1 件"
    finally:
        session.close()
    assert not data_paths.db_file.exists()  # nothing went to a SQLite file on this PC


def _restart(server: PgServer) -> None:
    """Start the stopped server again on its folder and port (tests/pg_server.py's own options)."""
    sockets = server.folder / "sockets"
    server._run(
        "pg_ctl",
        "-D",
        str(server.folder / "data"),
        "-o",
        f"-p {server.port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off",
        "-l",
        str(server.folder / "server.log"),
        "-w",
        "start",
    )


@pytest.fixture
def stopped_server() -> Iterator[tuple[PgServer, str]]:
    """A server of this test's own, stopped after its register was created: the session's server stays up."""
    server = start_server()
    try:
        url = server.url(server.new_database())
        Database.open(DataPaths(server.folder / "setup"), url).close()
        server._run("pg_ctl", "-D", str(server.folder / "data"), "-m", "fast", "-w", "stop")
        yield server, url
    finally:
        server.stop()


def test_a_stopped_server_gets_the_servers_wording_and_try_again(
    qapp, qtbot, data_paths: DataPaths, stopped_server: tuple[PgServer, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, url = stopped_server

    class ServerBack(AnswerStorageBox):
        def _exec(self, box):  # type: ignore[no-untyped-def]
            box.show()
            box.grab().save("/tmp/q2_server_stopped.png")
            self.problems = screen_problems(box, LAPTOP_AT_150)
            _restart(server)  # the administrator started it again; the officer clicks もう一度試す
            return super()._exec(box)

    answers = ServerBack(monkeypatch, "retry")
    session = _open(qapp, qtbot, data_paths, url)
    try:
        [seen] = answers.seen
        assert seen["title"] == "台帳を開けません"
        assert "データベースに接続できません" in str(seen["text"]) and url.rsplit("/", 1)[1] in str(
            seen["text"]
        )
        assert "データベースサーバーに保存されている" in str(seen["info"])
        assert seen["buttons"] == {"もう一度試す", "終了"}  # no 別のフォルダー, no backup of this PC
        assert "データフォルダー" not in str(seen["info"]) and str(data_paths.root) not in str(seen["info"])
        assert answers.problems == []
        assert session.window is not None and session.window.new_incident_action.isEnabled()
    finally:
        session.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_server_box_is_clean_in_both_languages(
    qapp, qtbot, data_paths: DataPaths, stopped_server: tuple[PgServer, str], lang: str
) -> None:
    _server, url = stopped_server
    set_language(lang)
    install_qt_translators(qapp, lang)
    with pytest.raises(DatabaseFault) as caught:
        Database.open(data_paths, url)
    box = StorageErrorBox(None, caught.value, data_paths, None)
    qtbot.addWidget(box)
    box.show()
    box.grab().save(f"/tmp/q2_server_box_{lang}.png")
    assert screen_problems(box, LAPTOP_AT_150) == []
    assert box.retry_button is not None and box.defaultButton() is box.retry_button
    assert box.folder_button is None and box.restore_button is None
    if lang == "en":
        assert "kept on the database server" in box.informativeText()
        assert {b.text() for b in box.buttons()} == {"Try again", "Quit"}
