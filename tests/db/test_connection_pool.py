"""Each thread gets a connection of its own for as long as it uses it, plain or encrypted (app/db/database.py
`_engine`). SQLAlchemy's SQLCipher dialect chose SingletonThreadPool: past five threads it closed a connection
another thread was reading from, and a read inside a write on one thread shared the writer's connection."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import text

from app.db.cipher import RegisterKey
from app.db.database import Database
from app.domain.register import RegisterQuery
from app.paths import DataPaths
from app.services.incidents import IncidentService
from app.services.register import RegisterService
from tests.db.conftest import SHORT_BUSY

KEY = RegisterKey(bytes(range(32)))
THREADS = 8  # more than SingletonThreadPool's five


@pytest.fixture(params=["plain", "encrypted"])
def db(request: pytest.FixtureRequest, data_paths: DataPaths):  # type: ignore[no-untyped-def]
    opened = Database.open(
        data_paths, busy_timeout=SHORT_BUSY, key=KEY if request.param == "encrypted" else None
    )
    for n in range(20):
        IncidentService(opened).create(f"顧客リストの誤送信 {n}", {"learned_date": "2027-07-01"}, None, None)
    yield opened
    opened.close()


def test_many_threads_read_at_once_without_losing_their_connection(db: Database) -> None:
    register = RegisterService(db)
    start = threading.Barrier(THREADS)
    failures: list[BaseException] = []
    found: list[int] = []

    def read() -> None:
        try:
            start.wait(timeout=30)
            for _ in range(15):
                ids, _total = register.search(RegisterQuery(text="誤送"), dt.date(2027, 7, 3), count_all=True)
                found.append(len(ids))
                with db.read_scope() as session:
                    session.execute(text("SELECT count(*) FROM incidents")).scalar_one()
        except BaseException as error:  # reported below with the thread's error, not lost in the thread
            failures.append(error)

    threads = [threading.Thread(target=read) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures[:3]
    assert found == [20] * (THREADS * 15)


def test_a_read_inside_a_write_has_a_connection_of_its_own(db: Database) -> None:
    with db.session_scope() as writing, db.read_scope() as reading:
        assert writing.connection().connection.dbapi_connection is not (
            reading.connection().connection.dbapi_connection
        )
