"""When to remind the officer of a clock, and how to do it exactly once (issue 6, "no deadline is ever missed").

Each reminder has a key made of the incident, the clock kind, the due date (or instant) and the lead time, never of
the moment it was computed. A restart, a time-zone change or a system clock set back therefore finds the same key
already fired and stays silent; a reminder whose moment passed while the app was closed still fires once. Every
moment is timezone-aware; the morning hour is Japan time whatever zone the computer is set to.

A clock that stands for the 第7条 and the 番号法 duty at once (`Clock.joint`) keeps the 第7条 kind in its keys, and
a reminder already shown for the 番号法 clock alone (before a re-assessment made the two coincide) counts as shown:
one deadline, one reminder. The 番号法 effort report (努力義務) is no deadline and is never reminded.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.calendar.office_calendar import AUTHORITIES, OfficeCalendar
from app.db.codec import Schema, decode, encode
from app.deadlines import workdays
from app.deadlines.clocks import Clock, ClockState, urgency_key
from app.domain.dates import JST
from app.i18n import N_

log = logging.getLogger(__name__)

SETTINGS_KEY = "reminders.settings"
FIRED_KEY = "reminders.fired"
UNDATED_KEYS_KEPT_DAYS = 14  # daily keys of 速やかに duties older than this can no longer fire: prune them


@dataclass(frozen=True)
class ReminderSettings:
    """Per office (kept with the register). Leads in days are reminded at `morning_hour` Japan time."""

    enabled: bool = True
    date_leads_days: tuple[int, ...] = (2, 0)  # 2 days before, and the morning of the due day
    morning_hour: int = 9
    gdpr_leads_hours: tuple[int, ...] = (24, 6)
    undated_daily: bool = True  # 本人通知・公表 (速やかに): every morning until the filing is recorded


def _leads(data: dict[str, Any], name: str, limit: int) -> None:
    """Whole days (hours) from 0 to `limit`, largest first, each once; anything else is dropped with a warning."""
    value = data.get(name)
    if isinstance(value, list) and all(
        isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= limit for v in value
    ):
        data[name] = sorted(set(value), reverse=True)
    elif name in data:
        if value is not None:
            log.warning("ignoring reminder setting %s=%r", name, value)
        del data[name]


def _drop_damaged_settings(data: dict[str, Any]) -> dict[str, Any]:
    """Tolerant: a damaged or foreign value falls back field by field to the defaults, never to silence."""
    repaired = dict(data)
    _leads(repaired, "date_leads_days", 60)
    _leads(repaired, "gdpr_leads_hours", 72)
    hour = repaired.get("morning_hour")
    if not (isinstance(hour, int) and not isinstance(hour, bool) and 0 <= hour <= 23):
        repaired.pop("morning_hour", None)
    for flag in ("enabled", "undated_daily"):
        if flag in repaired:
            repaired[flag] = bool(repaired[flag])
    return repaired


# Version 1 is also what BreachDesk stored before the settings said their version (no "version" key).
REMINDER_SETTINGS = Schema(
    name=N_("reminder settings"),
    cls=ReminderSettings,
    version=1,
    version_of=lambda data: int(data.get("version", 1)),
    version_key="version",
    repair=_drop_damaged_settings,
)


def settings_json(settings: ReminderSettings) -> dict[str, Any]:
    data: dict[str, Any] = encode(settings, REMINDER_SETTINGS)
    return data


def read_reminder_settings(data: object) -> ReminderSettings:
    """The defaults when nothing was saved; StoredDataError when what was saved is not settings at all."""
    if data is None:
        return ReminderSettings()
    settings: ReminderSettings = decode(REMINDER_SETTINGS, data)
    return settings


@dataclass(frozen=True)
class Reminder:
    """One notification to show. `supersedes` are older keys of the same clock that passed unseen (the app was
    closed): they are recorded as fired with this one, so the officer gets one message, not a burst."""

    key: str
    clock: Clock
    fire_at: dt.datetime
    lead: str  # "2d", "0d", "24h", "6h", "daily"
    supersedes: tuple[str, ...] = field(default=())

    @property
    def all_keys(self) -> tuple[str, ...]:
        return (self.key, *self.supersedes)


def _morning(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), JST)


def _daily_key(base: str, day: dt.date) -> str:
    return f"{base}:daily:{day.isoformat()}"


def _kind_values(clock: Clock) -> tuple[str, ...]:
    """The kinds whose keys are this clock's: its own, and for a joint clock the 番号法 one it also stands for."""
    counterpart = clock.kind.bango_counterpart if clock.joint else None
    return (clock.kind.value,) + ((counterpart.value,) if counterpart is not None else ())


def _fired(key: str, clock: Clock, already_fired: set[str] | frozenset[str]) -> bool:
    head, _kind, rest = key.split(":", 2)
    return any(f"{head}:{value}:{rest}" in already_fired for value in _kind_values(clock))


def latest_daily_fired(already_fired: Iterable[str]) -> dict[str, str]:
    """The latest day (ISO) whose daily reminder was shown, per "incident:kind": read once per check, so the
    test below costs one look-up per clock instead of a pass over every stored key (issue 18 point 4: 23,000 clocks
    against ~10,000 keys took seconds of the worker, holding the GIL the window needs)."""
    latest: dict[str, str] = {}
    for key in already_fired:
        head, marker, day = key.rpartition(":daily:")
        if marker and day > latest.get(head, ""):
            latest[head] = day
    return latest


def _later_daily_fired(clock: Clock, now: dt.datetime, latest_daily: Mapping[str, str]) -> bool:
    """A clock set back must not bring back a day's nag: a later day's reminder of the clock was already shown."""
    today = now.astimezone(JST).date().isoformat()
    return any(latest_daily.get(f"{clock.incident_id}:{value}", "") > today for value in _kind_values(clock))


def schedule(
    clock: Clock, settings: ReminderSettings, now: dt.datetime
) -> list[tuple[str, dt.datetime, str]]:
    """(key, fire_at, lead) for each reminder of one open clock, earliest first; the undated one is today's."""
    base = f"{clock.incident_id}:{clock.kind.value}"
    out: list[tuple[str, dt.datetime, str]] = []
    if clock.kind.effort_only:
        return out
    if clock.due_at is not None:
        due = clock.due_at.astimezone(dt.UTC)
        for hours in settings.gdpr_leads_hours:
            out.append((f"{base}:{due:%Y%m%dT%H%MZ}:h{hours}", due - dt.timedelta(hours=hours), f"{hours}h"))
    elif clock.due_date is not None:
        for days in settings.date_leads_days:
            fire_at = _morning(clock.due_date - dt.timedelta(days=days), settings.morning_hour)
            out.append((f"{base}:{clock.due_date.isoformat()}:d{days}", fire_at, f"{days}d"))
    elif clock.state is ClockState.OPEN_NO_DATE and settings.undated_daily:
        today = now.astimezone(JST).date()
        if clock.start is None or today >= clock.start:
            out.append((_daily_key(base, today), _morning(today, settings.morning_hour), "daily"))
    return sorted(out, key=lambda item: item[1])


def due_reminders(
    clocks: Iterable[Clock],
    settings: ReminderSettings,
    now: dt.datetime,
    already_fired: set[str] | frozenset[str],
) -> list[Reminder]:
    """Reminders whose moment has come and that were never shown; at most one per clock (the latest), most urgent
    first. A done clock reminds of nothing."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if not settings.enabled:
        return []
    result: list[Reminder] = []
    latest_daily: dict[str, str] | None = None  # worked out at the first undated clock that needs it
    for clock in sorted(clocks, key=urgency_key):
        if clock.state.done:
            continue
        passed = [(key, at, lead) for key, at, lead in schedule(clock, settings, now) if at <= now]
        fresh = [item for item in passed if not _fired(item[0], clock, already_fired)]
        if not fresh:
            continue
        if clock.state is ClockState.OPEN_NO_DATE:
            if latest_daily is None:
                latest_daily = latest_daily_fired(already_fired)
            if _later_daily_fired(clock, now, latest_daily):
                continue
        key, fire_at, lead = fresh[-1]
        older = tuple(k for k, _, _ in fresh[:-1])
        result.append(Reminder(key, clock, fire_at, lead, older))
    return result


def incident_of(key: str) -> int | None:
    head = key.split(":", 1)[0]
    return int(head) if head.isdigit() else None


def prune_fired(fired: Mapping[str, str], open_incident_ids: Iterable[int], today: dt.date) -> dict[str, str]:
    """Drop keys of incidents no longer open, and daily keys too old to come back; everything else must stay,
    or a reminder would fire a second time."""
    open_ids = set(open_incident_ids)
    kept: dict[str, str] = {}
    horizon = today - dt.timedelta(days=UNDATED_KEYS_KEPT_DAYS)
    for key, fired_at in fired.items():
        if incident_of(key) not in open_ids:
            continue
        parts = key.split(":")
        if len(parts) == 4 and parts[2] == "daily":
            try:
                if dt.date.fromisoformat(parts[3]) < horizon:
                    continue
            except ValueError:
                continue
        kept[key] = fired_at
    return kept


def startup_summary(
    clocks: Iterable[Clock], calendar: OfficeCalendar = AUTHORITIES, *, include_undated: bool = False
) -> list[Clock]:
    """What the officer must see on opening the app: overdue, due today or soon (workdays.SOON_WORKING_DAYS working
    days of the office `calendar`), most urgent first; with `include_undated`, the 速やかに duties too (they are due
    now, with no date to count down to), but not the 番号法 effort report, which is no duty."""
    urgent = [
        c
        for c in clocks
        if c.state in (ClockState.OVERDUE, ClockState.DUE_TODAY)
        or (c.state is ClockState.UPCOMING and _soon(c, calendar))
        or (include_undated and c.state is ClockState.OPEN_NO_DATE and not c.kind.effort_only)
    ]
    return sorted(urgent, key=urgency_key)


def _soon(clock: Clock, calendar: OfficeCalendar) -> bool:
    due = clock.due_day()
    if due is None or clock.days_left is None:
        return False
    return workdays.is_soon(due - dt.timedelta(days=clock.days_left), due, calendar)
