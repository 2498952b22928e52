"""年次レビュー tests: a real register file per test, incidents made through the services as the officer makes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from app.db.codec import encode
from app.db.database import Database
from app.domain.dates import JST
from app.domain.filing import FilingKind
from app.paths import DataPaths
from app.rules import assess
from app.rules.facts_json import parse_facts
from app.services.incidents import IncidentService
from app.services.workspace.filings import FilingService
from app.services.workspace.overview import OverviewService
from tests import register_template

AS_OF = dt.date(2027, 7, 3)


@pytest.fixture
def db(data_paths: DataPaths) -> Iterator[Database]:
    database = Database.open(register_template.seed(data_paths), busy_timeout=0.2)
    yield database
    database.close()


def incident(
    db: Database,
    learned: str,
    *,
    sensitive: bool = True,
    category: str | None = None,
    cause: str | None = None,
    occurred: str | None = None,
) -> int:
    """An assessed incident: a 要配慮 leak (reportable, 1号) or names only (not reportable)."""
    data: dict[str, Any] = {
        "role": "controller",
        "event": "leak",
        "learned_date": learned,
        "data_items": ["name", "health_checkup_result"] if sensitive else ["name"],
        "affected_count": 3,
    }
    if occurred:
        data["occurred_date"] = occurred
    facts = parse_facts(data)
    incident_id = IncidentService(db).create(
        "健診結果の誤送信 山田様", encode(facts), encode(assess(facts)), "email_missend"
    )
    overview = OverviewService(db)
    if category:
        overview.set_classification(incident_id, "category", category)
    if cause:
        overview.set_classification(incident_id, "cause", cause)
    return incident_id


def filed(db: Database, incident_id: int, kind: FilingKind, day: str, channel: str = "ppc_form") -> int:
    moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(15, 0), tzinfo=JST)
    return FilingService(db).record(incident_id, kind, moment, channel)
