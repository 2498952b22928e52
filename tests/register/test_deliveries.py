"""Each 本人通知 as sent, per person, and what happened to it afterwards (issue 15, point 5).

Through the real services on a register file: a run of letters is produced by the mail merge and recorded, two
come back 宛先不明, one e-mail bounces, one is sent again; the count for the 代替措置 follows, and survives a restart.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.database import Database
from app.db.models import AuditEntry, NoticeDeliveryEvent
from app.documents.context import DocumentKind
from app.documents.mailmerge import merge
from app.domain.dates import JST, today_jst
from app.errors import InputError
from app.paths import DataPaths
from app.services.documents import DocumentService
from app.services.notices import NoticeService, deliveries_from
from tests.documents.builders.factories import recipient, seed_incident

SENT_ON = today_jst() - dt.timedelta(days=30)
SENT_AT = dt.datetime.combine(SENT_ON, dt.time(10, 0), tzinfo=JST)


def day(n: int) -> dt.date:
    """The n-th day after the letters went out."""
    return SENT_ON + dt.timedelta(days=n)


def record_five(db: Database, tmp_path: Path) -> int:
    incident_id = seed_incident(db)
    ctx = DocumentService(db).context(incident_id, DocumentKind.NOTICE_LETTER, today=dt.date(2027, 7, 5))
    people = [recipient(n, key=f"C{n}") for n in range(1, 6)]
    result = merge.write(ctx, merge.plan(ctx, people, merge.MergeMode.COMBINED), tmp_path / "letters.pdf")
    NoticeService(db).record_sent(
        incident_id, deliveries_from(result), channel="letter", sent_at=SENT_AT, document=result.document
    )
    return incident_id


def test_returned_and_bounced_notices_count_until_sent_again_and_survive_a_restart(
    data_paths: DataPaths, tmp_path: Path
) -> None:
    db = Database.open(data_paths)
    try:
        incident_id = record_five(db, tmp_path)
        notices = NoticeService(db)
        assert notices.summary(incident_id).not_reached == 0
        notices.record_event(incident_id, "C1", "returned", happened_on=day(4), note="宛先不明")
        notices.record_event(incident_id, "C2", "returned", happened_on=day(5))
        notices.record_event(incident_id, "C3", "bounced", happened_on=day(1))
        notices.record_event(incident_id, "C1", "resent", happened_on=day(7), note="転居先へ")
        notices.record_event(incident_id, "C4", "delivered", happened_on=day(2))
    finally:
        db.close()

    db = Database.open(data_paths)  # a restart: everything comes from the file
    try:
        notices = NoticeService(db)
        summary = notices.summary(incident_id)
        assert (summary.total, summary.not_reached, summary.reached) == (5, 2, 3)
        assert (summary.returned, summary.bounced, summary.resent, summary.delivered) == (1, 1, 1, 1)
        by_key = {record.recipient_key: record for record in notices.deliveries(incident_id)}
        assert [(k, r.status) for k, r in by_key.items()] == [
            ("C1", "resent"),
            ("C2", "returned"),
            ("C3", "bounced"),
            ("C4", "delivered"),
            ("C5", "sent"),
        ]
        assert [(e.status, e.happened_on, e.note) for e in by_key["C1"].events] == [
            ("returned", day(4), "宛先不明"),
            ("resent", day(7), "転居先へ"),
        ]
        assert not by_key["C2"].reached and by_key["C1"].reached
        copy = notices.letter_copy(incident_id, "C2")
        assert "髙橋 一郎2" in copy and "〒100-0005" in copy and "お知らせ】" in copy
        with db.session_scope() as session:
            events = session.scalars(select(NoticeDeliveryEvent.status)).all()
            audited = session.scalars(
                select(AuditEntry.entity).where(AuditEntry.entity == "notice_delivery_event")
            ).all()
        assert sorted(events) == ["bounced", "delivered", "resent", "returned", "returned"]
        assert len(audited) == 5  # one audit entry per event
    finally:
        db.close()


def test_an_event_needs_a_person_who_was_sent_a_notice_and_a_plausible_date(
    data_paths: DataPaths, tmp_path: Path
) -> None:
    db = Database.open(data_paths)
    try:
        incident_id = record_five(db, tmp_path)
        notices = NoticeService(db)
        with pytest.raises(InputError, match="C9"):
            notices.record_event(incident_id, "C9", "returned", happened_on=day(4))
        with pytest.raises(InputError, match="より前"):
            notices.record_event(incident_id, "C1", "returned", happened_on=day(-1))
        with pytest.raises(InputError, match="未来"):
            notices.record_event(
                incident_id, "C1", "returned", happened_on=today_jst() + dt.timedelta(days=1)
            )
        assert notices.summary(incident_id).not_reached == 0  # nothing half-recorded
    finally:
        db.close()
