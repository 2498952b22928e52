"""`main.py selftest --database-url URL` checks THAT database and names it (issue 19 point 1), without the password."""

from __future__ import annotations

import io

from sqlalchemy import create_engine, text

from app.cli import build_parser, run_command
from app.db.database import Database
from app.paths import DataPaths
from app.services.incidents import IncidentService
from tests.pg_server import PgServer


def _selftest(data_paths: DataPaths, url: str, lang: str = "ja") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["--lang", lang, "--data-dir", str(data_paths.root), "--database-url", url, "selftest"]
    code = run_command(build_parser().parse_args(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_selftest_opens_migrates_and_verifies_the_given_database(
    data_paths: DataPaths, pg_url: str, pg_server: PgServer
) -> None:
    with Database.open(data_paths, pg_url) as db:
        IncidentService(db).create("自己診断前の事案", {"learned_date": "2027-07-01"}, None, None)
    database = pg_url.rsplit("/", 1)[1]
    code, out, err = _selftest(data_paths, pg_url)
    assert code == 0, err
    assert f"データベースサーバー: postgresql://breachdesk_admin@127.0.0.1:{pg_server.port}/{database}" in out
    assert "事案 1 件" in out and "監査ログ" in out
    assert str(data_paths.db_file) not in out and not data_paths.db_file.exists()  # no SQLite file was used
    assert out.rstrip().endswith("自己診断に合格しました。")


def test_selftest_fails_on_a_tampered_chain_and_in_english(data_paths: DataPaths, pg_url: str) -> None:
    with Database.open(data_paths, pg_url) as db:
        IncidentService(db).create("改ざんされる事案", {"learned_date": "2027-07-01"}, None, None)
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("UPDATE audit_log SET actor = 'intruder'"))
    engine.dispose()
    code, out, _err = _selftest(data_paths, pg_url, lang="en")
    assert code == 1
    assert "Database server: postgresql://" in out and "has been altered" in out


def test_the_password_is_never_printed(data_paths: DataPaths, pg_server: PgServer, pg_url: str) -> None:
    database = pg_url.rsplit("/", 1)[1]
    url = pg_server.url(database, password="hunter2-not-checked")  # trust auth ignores it
    code, out, err = _selftest(data_paths, url)
    assert code == 0, err
    assert "hunter2" not in out + err and "***" in out
    logs = "".join(p.read_text(errors="replace") for p in data_paths.root.rglob("*.log"))
    assert "hunter2" not in logs
