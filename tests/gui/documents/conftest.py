"""A register with one assessed incident, its 速報 and 確報 drafts and a timeline: what the document dialogs show."""

from __future__ import annotations

import pytest

from app.db.database import Database
from tests.documents.builders.factories import seed_incident


@pytest.fixture
def incident_id(db: Database) -> int:
    return seed_incident(db)
