"""Moments are stored in UTC and shown in Japan time; a naive datetime is a bug and is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from app.db.database import Database
from app.db.models import TimelineEntry
from app.domain.dates import to_jst
from app.services.incidents import IncidentService

JST = dt.timezone(dt.timedelta(hours=9))


def test_moment_entered_in_japan_time_comes_back_as_the_same_instant(db: Database) -> None:
    incident_id = IncidentService(db).create("宛先誤りのFAX", {}, None, None)
    sent = dt.datetime(2027, 7, 1, 9, 30, tzinfo=JST)
    with db.session_scope() as session:
        session.add(
            TimelineEntry(incident_id=incident_id, occurred_at=sent, actor="tanaka", text="FAXを送信")
        )
    with db.session_scope() as session:
        entry = session.scalars(select(TimelineEntry)).one()
    assert entry.occurred_at == sent
    assert entry.occurred_at.tzinfo is dt.UTC
    assert to_jst(entry.occurred_at).strftime("%Y-%m-%d %H:%M") == "2027-07-01 09:30"


def test_naive_datetimes_are_refused(db: Database) -> None:
    incident_id = IncidentService(db).create("時刻の確認", {}, None, None)
    with pytest.raises(StatementError, match="timezone-aware"), db.session_scope() as session:
        session.add(
            TimelineEntry(
                incident_id=incident_id, occurred_at=dt.datetime(2027, 7, 1, 9, 30), actor="x", text="y"
            )
        )
    with pytest.raises(ValueError, match="naive datetime"):
        to_jst(dt.datetime(2027, 7, 1, 9, 30))
