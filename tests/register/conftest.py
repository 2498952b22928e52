"""Register and workspace tests: a fresh register file per test, and incidents made through the real services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from app.db.codec import encode
from app.db.database import Database
from app.domain.facts import Facts
from app.paths import DataPaths
from app.rules import assess
from app.rules.facts_json import parse_facts
from app.services.incidents import IncidentService
from tests import register_template

TODAY = dt.date(2027, 7, 3)
MY_NUMBER = ["name", "my_number"]  # 個人番号 in the data: the 番号法 track applies too


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_db(request: pytest.FixtureRequest, data_paths: DataPaths) -> Iterator[Database]:
    """One register as two PCs see it: the register file, or a fresh database on the test server (`pg_url`,
    skipped when the PostgreSQL server binaries are missing)."""
    if request.param == "postgresql":
        database = Database.open(data_paths, request.getfixturevalue("pg_url"))
    else:
        database = Database.open(data_paths, busy_timeout=0.2)
    yield database
    database.close()


@pytest.fixture
def db(data_paths: DataPaths) -> Iterator[Database]:
    database = Database.open(register_template.seed(data_paths), busy_timeout=0.2)
    yield database
    database.close()


def facts(**changes: Any) -> Facts:
    data: dict[str, Any] = {
        "role": "controller",
        "event": "leak",
        "learned_date": "2027-07-01",
        "data_items": ["name", "health_checkup_result"],
        "affected_count": 3,
    }
    data.update(changes)
    return parse_facts(data)


def assessed(db: Database, title: str, kind: str | None = "email_missend", **changes: Any) -> int:
    """An incident as the wizard saves it: facts, their assessment, and the kind of incident."""
    f = facts(**changes)
    return IncidentService(db).create(title, encode(f), encode(assess(f)), kind)


def quick(db: Database, title: str, learned: str = "2027-07-02") -> int:
    """A quick record: title and date only, not assessed."""
    return IncidentService(db).create(title, {"learned_date": learned}, None, None)


def legacy(db: Database, title: str, **changes: Any) -> int:
    """Saved by a version without the 番号法 track: the same assessment, without its "bango" object."""
    f = facts(**changes)
    saved = {k: v for k, v in encode(assess(f)).items() if k != "bango"}
    return IncidentService(db).create(title, encode(f), saved, "email_missend")
