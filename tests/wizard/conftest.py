"""Wizard tests without a display: answers built like the pages build them, a fresh register when needed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from app.db.database import Database
from app.domain.dates import JST
from app.paths import DataPaths
from tests import register_template

NOW = dt.datetime(2027, 6, 2, 10, 0, tzinfo=JST)  # the day after the usual "learned" date below
LEARNED_AT = "2027-06-01T09:30:00+09:00"  # Tuesday


@pytest.fixture
def db(data_paths: DataPaths) -> Iterator[Database]:
    database = Database.open(register_template.seed(data_paths))
    yield database
    database.close()


NO_SIGNS = {"signs": [], "none": True, "acquiring": False, "confirmed": False}


def answers(kind: str, data: list[str], count: int = 1, **extra: Any) -> dict[str, Any]:
    """A complete new-incident answer set with ordinary defaults; `extra` overrides by question id.

    The defaults are the innocent answers (no My Number, a staff member's mistake, no signs of wrongdoing); answers
    to questions that do not apply to `kind` are dropped by the flow (prune)."""
    base: dict[str, Any] = {
        "mode": "new",
        "kind": kind,
        "data": data,
        "my_number": "no",
        "scope": "personal_data",
        "count": {"mode": "exact", "value": count, "contact_all": "yes"},
        "learned": {
            "learned_at": LEARNED_AT,
            "learned_by": "受付の山田",
            "occurred_date": None,
            "officer_date": None,
        },
        "cause": "employee_mistake",
        "indicators": NO_SIGNS,
        "role": "own",
        "office": {"gdpr": False},
        "title": "テスト事案",
    }
    base.update(extra)
    return base
