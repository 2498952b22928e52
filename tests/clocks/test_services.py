"""Clocks and reminders read from a real register: open incidents only, latest assessment, filings, restarts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event, update

from app.db.codec import encode
from app.db.database import Database
from app.db.models import Assessment, Filing, Incident
from app.deadlines.clocks import ClockKind, ClockState
from app.deadlines.reminders import ReminderSettings
from app.domain.facts import MaliciousBasis
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus
from app.paths import DataPaths
from app.services.clocks import ClockService
from app.services.incidents import IncidentService
from app.services.reminders import ReminderService
from tests.clocks.helpers import assessed, jst
from tests.rules.factories import DataItem, make_facts

SENSITIVE = (DataItem.NAME, DataItem.DIAGNOSIS)


def add_incident(db: Database, title: str = "診断書の誤送付", **facts: Any) -> int:
    facts.setdefault("data_items", SENSITIVE)
    return IncidentService(db).create(title, encode(make_facts(**facts)), assessed(**facts), "missend")


def add_filing(db: Database, incident_id: int, kind: FilingKind, filed_at: dt.datetime) -> None:
    with db.session_scope() as session:
        session.add(
            Filing(incident_id=incident_id, kind=kind.value, filed_at=filed_at, channel="ppc_form", actor="t")
        )


def reassess(db: Database, incident_id: int, **facts: Any) -> None:
    facts.setdefault("data_items", SENSITIVE)
    with db.session_scope() as session:
        session.add(
            Assessment(
                incident_id=incident_id,
                rules_version="x",
                facts=encode(make_facts(**facts)),
                assessment=assessed(**facts),
                reason="持ち出しの痕跡",
                actor="t",
            )
        )


def close(db: Database, incident_id: int) -> None:
    with db.session_scope() as session:
        session.execute(
            update(Incident).where(Incident.id == incident_id).values(status=IncidentStatus.CLOSED.value)
        )


def test_open_clocks_use_the_latest_assessment_and_the_filings(db: Database) -> None:
    first = add_incident(db)
    second = add_incident(db, "USBメモリの紛失", learned_date=dt.date(2027, 7, 10))
    closed = add_incident(db, "完了した事案")
    close(db, closed)
    reassess(db, first, malicious=True, malicious_basis=MaliciousBasis.UNAUTHORIZED_ACCESS)
    add_filing(db, first, FilingKind.SOKUHO, jst(2027, 7, 4))

    clocks = ClockService(db).open_clocks(jst(2027, 7, 14))
    found = {(c.incident_id, c.kind): c for c in clocks}
    assert {i for i, _ in found} == {first, second}
    assert found[(first, ClockKind.KAKUHO)].due_date == dt.date(2027, 8, 30)  # 60 days after re-assessment
    assert found[(first, ClockKind.SOKUHO)].state is ClockState.DONE_ON_TIME
    assert found[(second, ClockKind.SOKUHO)].state is ClockState.DUE_TODAY
    assert clocks[0].kind is ClockKind.SOKUHO and clocks[0].incident_id == second  # most urgent first
    assert clocks[-1].state is ClockState.DONE_ON_TIME
    assert ClockService(db).open_incident_ids() == {first, second}
    # A closed incident's own export still works.
    assert ClockService(db).clocks_for_incident(closed, jst(2027, 7, 14))


def test_reading_all_clocks_takes_the_same_few_queries_for_1_or_30_incidents(
    db: Database, data_paths: DataPaths
) -> None:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    add_incident(db)
    event.listen(db.engine, "before_cursor_execute", count)
    ClockService(db).open_clocks(jst(2027, 7, 2))
    one = len(statements)
    event.remove(db.engine, "before_cursor_execute", count)
    for n in range(29):
        incident = add_incident(db, f"事案{n}")
        add_filing(db, incident, FilingKind.SOKUHO, jst(2027, 7, 3))
    statements.clear()
    event.listen(db.engine, "before_cursor_execute", count)
    assert len(ClockService(db).open_clocks(jst(2027, 7, 2))) == 90
    event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == one <= 8


def test_substitute_publication_choice_is_kept_per_incident(db: Database) -> None:
    incident = add_incident(db, notification_difficult=True)
    other = add_incident(db, notification_difficult=True)
    service = ClockService(db)
    service.set_substitute_publication(incident, True)
    kinds = {(c.incident_id, c.kind) for c in service.open_clocks(jst(2027, 7, 2))}
    assert (incident, ClockKind.PUBLICATION) in kinds
    assert (other, ClockKind.PUBLICATION) not in kinds
    assert service.substitute_publication(incident) and not service.substitute_publication(other)


def test_find_incident_by_number_or_id(db: Database) -> None:
    incident = add_incident(db)
    service = ClockService(db)
    reference = service.incident_reference(incident)
    assert reference is not None
    assert service.find_incident_id(reference) == incident
    assert service.find_incident_id(str(incident)) == incident
    assert service.find_incident_id("1999-0001") is None


def test_reminders_fire_once_across_a_restart_and_a_clock_set_back(data_paths: DataPaths) -> None:
    db = Database.open(data_paths)
    incident = add_incident(db)
    service = ReminderService(db)
    shown = service.pending(jst(2027, 7, 28, 9, 1))
    # The 速報 window closed on 7/5 unseen: its reminder still comes, once, with the 確報 and the notice.
    assert [r.clock.kind for r in shown] == [ClockKind.SOKUHO, ClockKind.KAKUHO, ClockKind.INDIVIDUAL_NOTICE]
    service.mark_fired(shown, jst(2027, 7, 28, 9, 1))
    db.close()

    db = Database.open(data_paths)  # restart
    service = ReminderService(db)
    assert service.pending(jst(2027, 7, 28, 9, 2)) == []
    assert service.pending(jst(2027, 7, 27, 9, 2)) == []  # the clock set back a day
    assert [r.key for r in service.pending(jst(2027, 7, 30, 9, 0))] == [
        f"{incident}:kakuho:2027-07-30:d0",
        f"{incident}:individual_notice:daily:2027-07-30",
    ]
    db.close()


def test_settings_are_kept_with_the_register_and_audited(db: Database) -> None:
    service = ReminderService(db)
    assert service.settings() == ReminderSettings()
    custom = ReminderSettings(
        date_leads_days=(5, 1), morning_hour=8, gdpr_leads_hours=(12,), undated_daily=False
    )
    service.save_settings(custom)
    assert ReminderService(db).settings() == custom


def test_prune_forgets_reminders_of_closed_incidents(db: Database) -> None:
    keep = add_incident(db)
    gone = add_incident(db, "完了予定")
    service = ReminderService(db)
    service.mark_fired(service.pending(jst(2027, 7, 28, 9)), jst(2027, 7, 28, 9))
    assert {k.split(":")[0] for k in service.fired()} == {str(keep), str(gone)}
    close(db, gone)
    service.prune(jst(2027, 7, 28, 10))
    assert {k.split(":")[0] for k in service.fired()} == {str(keep)}


def test_calendar_uid_domain_is_created_once(db: Database) -> None:
    first = ReminderService(db).calendar_uid_domain()
    assert first.endswith(".breachdesk")
    assert ReminderService(db).calendar_uid_domain() == first


def test_my_number_clocks_from_the_register_with_the_filing_channel(db: Database) -> None:
    """番号法 only (§15.5 example 3), and a 速報 to the ministry beside one to the PPC when filed separately."""
    mine = add_incident(
        db, "マイナンバー一覧の誤送信", data_items=(DataItem.NAME, DataItem.MY_NUMBER), affected_count=150
    )
    separate = add_incident(
        db,
        "給与PCのランサムウェア",
        data_items=(DataItem.NAME, DataItem.MY_NUMBER),
        malicious=True,
        malicious_basis=MaliciousBasis.RANSOMWARE,
        delegated_sector=True,
    )
    with db.session_scope() as session:
        session.add(
            Filing(
                incident_id=separate,
                kind=FilingKind.SOKUHO.value,
                filed_at=jst(2027, 7, 3),
                channel="ministry",
                actor="t",
            )
        )
    found = {(c.incident_id, c.kind): c for c in ClockService(db).open_clocks(jst(2027, 7, 4))}
    assert {kind for i, kind in found if i == mine} == {
        ClockKind.BANGO_SOKUHO,
        ClockKind.BANGO_KAKUHO,
        ClockKind.BANGO_INDIVIDUAL_NOTICE,
    }
    assert found[(mine, ClockKind.BANGO_KAKUHO)].due_date == dt.date(2027, 7, 30)
    assert found[(separate, ClockKind.SOKUHO)].state is ClockState.DONE_ON_TIME  # the ministry has it
    assert found[(separate, ClockKind.BANGO_SOKUHO)].state is ClockState.UPCOMING  # the PPC does not yet
