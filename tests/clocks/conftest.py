"""A frozen "now" for the clock tests: nothing here may depend on the machine's clock or zone."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import register_template
from tests.clocks.helpers import jst


@pytest.fixture
def now() -> dt.datetime:
    """Thursday 2027-07-01 10:00 in Japan: the day the office learned of the incident in most tests."""
    return jst(2027, 7, 1)


@pytest.fixture
def db(data_paths):  # type: ignore[no-untyped-def]
    from app.db.database import Database

    database = Database.open(register_template.seed(data_paths))
    yield database
    database.close()
