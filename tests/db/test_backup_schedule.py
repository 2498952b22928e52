"""Properties of the retention schedule (app/db/backups.py `to_keep`): what it must never throw away."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.db.backups import DEFAULT_RETENTION, to_keep

NOW = dt.datetime(2027, 7, 1, 3, tzinfo=dt.UTC)
ages = st.lists(st.integers(min_value=0, max_value=3 * 365 * 24 * 60), max_size=300)


def _stamps(minutes: list[int]) -> list[dt.datetime]:
    return [NOW - dt.timedelta(minutes=m) for m in minutes]


@settings(max_examples=200, deadline=None)
@given(ages)
def test_the_newest_copies_and_the_last_day_are_always_kept(minutes: list[int]) -> None:
    stamps = _stamps(minutes)
    kept = to_keep(stamps, NOW)
    assert set(sorted(set(stamps), reverse=True)[:3]) <= kept
    assert {s for s in stamps if NOW - s <= dt.timedelta(days=1)} <= kept
    assert kept <= set(stamps)


@settings(max_examples=200, deadline=None)
@given(ages)
def test_rotating_twice_removes_nothing_more_and_the_total_stays_bounded(minutes: list[int]) -> None:
    kept = to_keep(_stamps(minutes), NOW)
    assert to_keep(sorted(kept), NOW) == kept
    within_day = [s for s in kept if NOW - s <= DEFAULT_RETENTION.within]
    assert (
        len(kept)
        <= len(within_day) + DEFAULT_RETENTION.daily + DEFAULT_RETENTION.monthly + DEFAULT_RETENTION.newest
    )


@settings(max_examples=100, deadline=None)
@given(ages)
def test_nothing_older_than_the_schedule_survives_unless_among_the_newest(minutes: list[int]) -> None:
    stamps = _stamps(minutes)
    kept = to_keep(stamps, NOW)
    newest = set(sorted(set(stamps), reverse=True)[:3])
    assert all(NOW - s < dt.timedelta(days=367) for s in kept - newest)
