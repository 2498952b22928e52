"""The record of reminders shown is read whole only when it changed (issue 18 point 4), and stays right with several
windows (or PCs) on one register: what one stores, the other sees; neither loses the other's keys."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from app.db.database import Database
from app.deadlines.reminders import FIRED_KEY
from app.services.app_settings import AppSettingsService
from app.services.reminders import ReminderService
from tests.clocks.helpers import jst
from tests.clocks.test_services import add_incident


@contextmanager
def value_reads(db: Database) -> Iterator[list[str]]:
    """The statements that read the stored keys' value itself (not its length or the token)."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        values = tuple(parameters) if isinstance(parameters, tuple | list) else ()
        reads_value = statement.lstrip().upper().startswith("SELECT") and "length" not in statement.lower()
        if reads_value and FIRED_KEY in values:  # exactly the key: not "reminders.fired.mark"
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_an_unchanged_record_is_not_read_again(db: Database) -> None:
    add_incident(db)
    service = ReminderService(db)
    now = jst(2027, 7, 28, 9, 1)
    service.mark_fired(service.pending(now), now)
    with value_reads(db) as reads:
        first = service.fired()
        for _ in range(3):
            assert service.pending(now) == []
            assert service.fired() == first
    assert reads == []  # the service wrote it, so it knew it; three refreshes read two tiny values each
    assert first


def test_two_windows_see_each_others_keys_and_lose_none(db: Database) -> None:
    add_incident(db)
    one, other = ReminderService(db), ReminderService(db)
    now = jst(2027, 7, 28, 9, 1)
    shown = one.pending(now)
    assert len(shown) >= 2
    assert other.fired() == {}  # read (and cached) before the first window stores anything
    one.mark_fired(shown[:1], now)
    other.mark_fired(shown[1:], now)  # its cache is stale: it must re-read, not overwrite the first key
    expected = {key for reminder in shown for key in reminder.all_keys}
    assert set(one.fired()) == set(other.fired()) == expected
    assert one.pending(now) == [] and other.pending(now) == []


def test_a_writer_without_the_token_is_seen_too(db: Database) -> None:
    """An older BreachDesk on another PC writes the value alone: its length changes, so the cache is dropped."""
    add_incident(db)
    service = ReminderService(db)
    now = jst(2027, 7, 28, 9, 1)
    service.mark_fired(service.pending(now), now)
    assert service.fired()
    AppSettingsService(db).set(FIRED_KEY, {}, audited=False)
    assert service.fired() == {}
    assert service.pending(now) != []


def test_prune_writes_only_when_something_is_forgotten(db: Database) -> None:
    add_incident(db)
    service = ReminderService(db)
    now = jst(2027, 7, 28, 9, 1)
    service.mark_fired(service.pending(now), now)
    before = service.fired()
    token = AppSettingsService(db).get("reminders.fired.mark")
    service.prune(jst(2027, 7, 28, 10))
    assert service.fired() == before
    assert AppSettingsService(db).get("reminders.fired.mark") == token  # nothing rewritten
