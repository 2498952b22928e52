"""Team-mode faults (issue 19 point 1): a server that cannot be reached, an unknown host, a missing database, a
refused login, pg_trgm that the role may not create, and a server that goes away between two sessions each give
the officer a message in their language that names the server and database — never the password, never a
traceback — and the window offers 再試行."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from app.cli import build_parser, run_command
from app.db.database import Database
from app.db.faults import DatabaseFault, FaultKind
from app.db.models import Incident
from app.i18n import set_language
from app.paths import DataPaths
from app.services.incidents import IncidentService
from tests.pg_server import PgServer, start_server

SECRET = "s3cret-Pw"


def _open_fault(paths: DataPaths, url: str) -> DatabaseFault:
    with pytest.raises(DatabaseFault) as caught:
        Database.open(paths, url).close()
    text = caught.value.user_text()
    assert SECRET not in text and "Traceback" not in text and "psycopg" not in text
    return caught.value


@pytest.fixture
def password_role(pg_server: PgServer) -> Iterator[str]:
    """A role that must give its password (scram), on the session's trust-everyone test server."""
    hba = pg_server.folder / "data" / "pg_hba.conf"
    original = hba.read_text()
    hba.write_text("host all breachdesk_pw 127.0.0.1/32 scram-sha-256\n" + original)
    pg_server.sql(f"CREATE ROLE breachdesk_pw LOGIN PASSWORD '{SECRET}'")
    pg_server.sql("SELECT pg_reload_conf()")
    yield "breachdesk_pw"
    hba.write_text(original)
    pg_server.sql("SELECT pg_reload_conf()")
    pg_server.sql("DROP ROLE breachdesk_pw")


def test_a_server_that_is_not_running(data_paths: DataPaths) -> None:
    error = _open_fault(data_paths, f"postgresql+psycopg://office:{SECRET}@127.0.0.1:1/register")
    assert error.kind is FaultKind.UNREACHABLE
    assert "データベースに接続できません" in error.message
    assert "office:***@127.0.0.1:1/register" in error.message


def test_an_unknown_host(data_paths: DataPaths) -> None:
    error = _open_fault(data_paths, f"postgresql+psycopg://office:{SECRET}@db.invalid:5432/register")
    assert error.kind is FaultKind.SERVER_NOT_FOUND
    assert "サーバーの名前が見つかりません" in error.message and "db.invalid" in error.message


def test_a_missing_database(data_paths: DataPaths, pg_server: PgServer) -> None:
    error = _open_fault(data_paths, pg_server.url("no_such_register"))
    assert error.kind is FaultKind.DATABASE_MISSING
    assert "no_such_register" in error.message and "管理者" in error.hint


def test_an_unknown_role_and_a_wrong_password(
    data_paths: DataPaths, pg_server: PgServer, pg_url: str, password_role: str
) -> None:
    database = pg_url.rsplit("/", 1)[1]
    unknown = _open_fault(data_paths, pg_server.url(database, user="nobody", password=SECRET))
    wrong = _open_fault(data_paths, pg_server.url(database, user=password_role, password="wrong-" + SECRET))
    assert unknown.kind is wrong.kind is FaultKind.LOGIN_FAILED
    assert "ユーザー名またはパスワード" in wrong.message and database in wrong.message
    set_language("en")
    english = _open_fault(data_paths, pg_server.url(database, user=password_role, password="x"))
    assert english.message.startswith("The database server refused the user name or password")


def test_a_role_that_may_not_create_pg_trgm(data_paths: DataPaths, pg_server: PgServer) -> None:
    name = pg_server.new_database()
    pg_server.sql("DROP ROLE IF EXISTS breachdesk_plain")
    pg_server.sql("CREATE ROLE breachdesk_plain LOGIN")
    pg_server.sql("GRANT ALL ON SCHEMA public TO breachdesk_plain", database=name)
    try:
        error = _open_fault(data_paths, pg_server.url(name, user="breachdesk_plain"))
        assert error.kind is FaultKind.EXTENSION_MISSING
        assert "CREATE EXTENSION pg_trgm" in error.hint
        pg_server.sql("CREATE EXTENSION pg_trgm", database=name)  # what the administrator does
        Database.open(data_paths, pg_server.url(name, user="breachdesk_plain")).close()
    finally:
        pg_server.drop_database(name)
        pg_server.sql("DROP ROLE breachdesk_plain")


def test_a_server_that_goes_away_between_two_sessions(data_paths: DataPaths) -> None:
    """Its own server: stopping the session's one would break the other tests."""
    server = start_server()
    try:
        url = server.url(server.new_database())
        db = Database.open(data_paths, url)
        incidents = IncidentService(db)
        first = incidents.create("サーバー停止前の事案", {"learned_date": "2027-07-01"}, None, None)
        server._run("pg_ctl", "-D", str(server.folder / "data"), "-m", "fast", "-w", "stop")
        with pytest.raises(DatabaseFault) as caught:
            incidents.create("サーバー停止中の事案", {"learned_date": "2027-07-01"}, None, None)
        assert caught.value.kind in (FaultKind.UNREACHABLE, FaultKind.CONNECTION_LOST)
        assert url.rsplit("/", 1)[1] in caught.value.message
        db.close()
        server._run(
            "pg_ctl",
            "-D",
            str(server.folder / "data"),
            "-o",
            f"-p {server.port} -k {server.folder / 'sockets'} -c listen_addresses=127.0.0.1",
            "-l",
            str(server.folder / "server.log"),
            "-w",
            "start",
        )
        db = Database.open(data_paths, url)
        with db.read_scope() as session:
            assert session.scalar(select(func.count(Incident.id))) == 1  # nothing half-written
        assert IncidentService(db).get(first) is not None
        db.close()
    finally:
        server.stop()


def test_the_command_line_says_it_in_one_line(data_paths: DataPaths) -> None:
    out, err = io.StringIO(), io.StringIO()
    url = f"postgresql+psycopg://office:{SECRET}@127.0.0.1:1/register"
    args = build_parser().parse_args(["--data-dir", str(data_paths.root), "--database-url", url, "verify"])
    code = run_command(args, out, err)
    assert code != 0 and "Traceback" not in err.getvalue() and SECRET not in err.getvalue()
    assert "データベースに接続できません" in err.getvalue()


@pytest.mark.gui
@pytest.mark.parametrize("kind", [FaultKind.UNREACHABLE, FaultKind.LOGIN_FAILED, FaultKind.CONNECTION_LOST])
def test_the_window_offers_to_try_again(qtbot: object, data_paths: DataPaths, kind: FaultKind) -> None:
    from app.db.faults import fault
    from ui.shell.dialogs import StorageErrorBox

    box = StorageErrorBox(None, fault(kind, "postgresql://office@db.example:5432/register"), data_paths, None)
    assert box.retry_button is not None and box.retry_button.text() == "もう一度試す"
    assert box.defaultButton() is box.retry_button and box.restore_button is None
    assert "db.example:5432/register" in box.text()
    box.deleteLater()
