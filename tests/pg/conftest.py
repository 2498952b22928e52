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
    """The register opened as every start after an office's first opens it: already up to date (a copy of the
    server's template, see `pg_url`). Migrating an empty database stays tested where it is the subject:
    tests/pg/test_upgrade.py, test_selftest.py and tests/gui/test_team_mode_window.py."""
    database = Database.open(data_paths, pg_url)
    yield database
    database.close()


@pytest.fixture
def pg_admin(pg_url: str) -> Iterator[Engine]:
    """The same database as its owner, outside BreachDesk: what a database tool (psql, pgAdmin) would do."""
    engine = create_engine(pg_url)
    yield engine
    engine.dispose()
