"""Team-mode fixtures: the register opened on a fresh PostgreSQL database, through the real Database.open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from app.db.database import Database
from app.paths import DataPaths


@pytest.fixture
def pg_db(data_paths: DataPaths, pg_url: str) -> Iterator[Database]:
    """Migrated to head from an empty database, as the first window of an office would do it."""
    database = Database.open(data_paths, pg_url)
    yield database
    database.close()


@pytest.fixture
def pg_admin(pg_url: str) -> Iterator[Engine]:
    """The same database as its owner, outside BreachDesk: what a database tool (psql, pgAdmin) would do."""
    engine = create_engine(pg_url)
    yield engine
    engine.dispose()
