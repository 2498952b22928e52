"""Fixtures for the document builders: the sample incident of factories.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.db.database import Database
from app.documents.context import DocumentContext
from app.paths import DataPaths
from tests import register_template
from tests.documents.builders.factories import context


@pytest.fixture
def ctx() -> DocumentContext:
    return context()


@pytest.fixture
def db(data_paths: DataPaths) -> Iterator[Database]:
    database = Database.open(register_template.seed(data_paths))
    yield database
    database.close()
