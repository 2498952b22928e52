"""A fake clock for the deadline widgets: tests move time forward by hand instead of sleeping."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.clocks.helpers import jst


class FakeClock:
    def __init__(self, start: dt.datetime) -> None:
        self.current = start

    def __call__(self) -> dt.datetime:
        return self.current

    def set(self, moment: dt.datetime) -> None:
        self.current = moment

    def advance(self, **delta: float) -> dt.datetime:
        self.current += dt.timedelta(**delta)
        return self.current


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(jst(2027, 7, 1, 10))
