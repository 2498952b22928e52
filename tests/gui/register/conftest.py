"""A register file with a few incidents made through the real services, and a way to reopen it (a restart)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from app.db.codec import encode
from app.db.database import Database
from app.paths import DataPaths
from app.rules import assess
from app.rules.facts_json import parse_facts
from app.services.incidents import IncidentService
from tests import register_template

TODAY = dt.date(2027, 7, 3)


@pytest.fixture
def register_db(data_paths: DataPaths) -> Iterator[Database]:
    database = Database.open(register_template.seed(data_paths), busy_timeout=0.2)
    yield database
    database.close()


def add_assessed(db: Database, title: str, kind: str = "email_missend", **changes: object) -> int:
    data: dict[str, object] = {
        "role": "controller",
        "event": "leak",
        "learned_date": "2027-07-01",
        "data_items": ["name", "health_checkup_result"],
        "affected_count": 3,
    }
    data.update(changes)
    facts = parse_facts(data)
    return IncidentService(db).create(title, encode(facts), encode(assess(facts)), kind)


def reopen(data_paths: DataPaths) -> Database:
    return Database.open(data_paths, busy_timeout=0.2)
