"""The 事実経過 writes itself: the wizard's 発生 and 発覚 (and who noticed), each filing, each mailing and what
happened to a letter afterwards; in Japanese, audited, and never with the name of a person who was notified."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.db.database import Database
from app.db.models import AuditEntry, TimelineEntry
from app.documents.context import Recipient
from app.domain.dates import JST
from app.domain.filing import FilingKind
from app.domain.office import OfficeProfile
from app.domain.report import ReportDraft, outside_timeline, timeline_warnings
from app.i18n import set_language
from app.services.assessments import AssessmentService
from app.services.audit_check import check_audit_chain, check_tables_in
from app.services.notices import Delivery, NoticeService
from app.services.workspace.timeline import TimelineService
from tests.review.conftest import filed, incident
from tests.wizard.conftest import NOW, answers

NAMES = ("山田 花子", "佐藤 一郎")


def _wizard_incident(db: Database, **learned: object) -> int:
    given = answers("loss", ["name", "address"], count=300, loss_place="outside", recovered="no")
    given["encryption"] = {"encrypted": "no"}
    given["learned"] = {**given["learned"], **learned}
    return AssessmentService(db).create_from_wizard(given, OfficeProfile(name="さくら会計事務所"), now=NOW)


def test_a_new_incident_starts_with_occurred_and_learned_by_whom(db: Database) -> None:
    set_language("en")  # the record is Japanese whatever the window's language
    incident_id = _wizard_incident(db, occurred_date="2027-05-31")

    entries = TimelineService(db).entries(incident_id)

    assert [e.occurred_at.astimezone(JST).date() for e in entries] == [
        dt.date(2027, 5, 31),
        dt.date(2027, 6, 1),
    ]
    assert entries[0].text == "事案が発生（ウィザードで回答した発生日）"
    assert entries[1].text == "事業者内で事案を把握（最初に気付いた人：受付の山田）"
    assert entries[1].occurred_at == dt.datetime(2027, 6, 1, 9, 30, tzinfo=JST)


def test_without_an_occurred_date_or_a_name_only_the_learning_is_recorded(db: Database) -> None:
    incident_id = _wizard_incident(db, learned_by="  ")
    assert [e.text for e in TimelineService(db).entries(incident_id)] == ["事業者内で事案を把握"]


def test_the_entries_are_written_with_the_incident_and_audited(db: Database) -> None:
    _wizard_incident(db, occurred_date="2027-05-31")
    with db.session_scope() as session:
        audited = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "timeline_entry")
        )
        assert audited == 2
        assert check_tables_in(session).ok  # verify sees rows BreachDesk wrote, not rows added outside it
    assert check_audit_chain(db).ok


def test_filings_and_mailings_add_entries_without_names(db: Database) -> None:
    incident_id = incident(db, "2026-06-01")
    filed(db, incident_id, FilingKind.SOKUHO, "2026-06-03")
    filed(db, incident_id, FilingKind.KAKUHO, "2026-06-20", channel="email")
    notices = NoticeService(db)
    people = [Recipient(key=f"K{i}", name=name) for i, name in enumerate(NAMES)]
    notices.record_sent(
        incident_id,
        [Delivery(p, (), "0" * 64, letter_text=f"{p.name} 様") for p in people],
        channel="letter",
        sent_at=dt.datetime(2026, 6, 10, 10, tzinfo=JST),
    )
    notices.record_event(incident_id, "K0", "returned", happened_on=dt.date(2026, 6, 14))

    texts = [e.text for e in TimelineService(db).entries(incident_id)]

    assert texts == [
        "速報を提出（個人情報保護委員会の報告フォーム）",
        "本人通知を2名に送付（郵送）",
        "本人通知1件が宛先不明で返送",
        "確報を提出（電子メール）",
    ]
    joined = "\n".join(texts)
    assert not any(part in joined for name in NAMES for part in name.split())
    with db.session_scope() as session:
        assert session.scalar(select(func.count()).select_from(TimelineEntry)) == 4
        assert check_tables_in(session).ok
    draft = ReportDraft()
    proposed = outside_timeline(TimelineService(db).entries(incident_id))
    assert "郵送" in proposed
    assert not timeline_warnings(_with_timeline(draft, proposed), (), NAMES)


def _with_timeline(draft: ReportDraft, text: str) -> ReportDraft:
    import dataclasses

    return dataclasses.replace(draft, overview=dataclasses.replace(draft.overview, timeline=text))
