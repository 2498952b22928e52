"""The throw-away PostgreSQL server the team-mode tests run on (tests/pg_server.py) is real and usable."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from tests.pg_server import PgServer


def test_each_test_gets_an_empty_database_of_its_own(pg_url: str, pg_server: PgServer) -> None:
    engine = create_engine(pg_url)
    try:
        with engine.begin() as conn:
            version = conn.execute(text("SHOW server_version_num")).scalar_one()
            assert int(version) >= 140000  # PostgreSQL 14+ (issue 19 point 1)
            tables = conn.execute(
                text("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
            ).scalar_one()
            assert tables == 0
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))  # the register's search needs it
            assert conn.execute(text("SELECT similarity('漏えい', '漏えい等')")).scalar_one() > 0
    finally:
        engine.dispose()
    other = pg_server.new_database()
    assert other not in pg_url
    pg_server.drop_database(other)
