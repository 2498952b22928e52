"""Deadlines as an iCalendar (.ics) file that Outlook and Google Calendar import, with alarms at the reminder leads.

Date deadlines are all-day events (a 速やかに window spans day 1 to its outer bound, day 5); the GDPR clock is a
timed event in UTC. Each event's UID is fixed per incident and clock, so importing a newer export updates the event
instead of adding a second one; a clock already filed is kept as "提出済" without alarms so the update also
silences it. The text is Japanese whatever the UI language (the office's calendar), and carries nothing about
people beyond the title.
A clock for both the 個人情報保護法 and the 番号法 (app/deadlines/clocks.py) is one event naming both laws and both bases, with
the 第7条 clock's UID, so an older export's event is updated rather than doubled.
A date alarm rings on a working day: a reminder day that is closed (weekend, holiday, 12/29–1/3: app/calendar/closed_days.py,
docs/domain.md §5.7) moves back to the last open day before it, at the morning hour, so "2 days before" a Monday deadline
rings on Friday rather than on an unattended Saturday (issue 15 point 5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache

from icalendar import Alarm, Calendar, Event

from app import APP_NAME, __version__
from app.calendar.closed_days import closed_days_between, is_closed_day
from app.deadlines.clocks import Clock
from app.deadlines.reminders import ReminderSettings
from app.domain.dates import JST, format_date, format_month_day
from app.i18n import load_translation

PRODID = f"-//{APP_NAME}//Deadlines {__version__}//JA"
GDPR_EVENT_MINUTES = 15  # a timed deadline needs some length to show in a day view


@cache
def _ja(msgid: str) -> str:
    """The Japanese catalog's wording, so the legal basis reads the same here as in the window."""
    return load_translation("ja").gettext(msgid)


def _basis_lines(clock: Clock) -> list[str]:
    return [f"根拠：{_ja(msgid)}" for msgid in clock.basis_msgids]


def uid_for(clock: Clock, uid_domain: str) -> str:
    return f"{clock.incident_id}-{clock.kind.value}@{uid_domain}"


def summary_for(clock: Clock) -> str:
    done = "・提出済" if clock.state.done else ""
    guide = "（目安）" if clock.due_from is not None and not done else ""
    return f"【{clock.ja}{guide}{done}】{clock.reference} {clock.title}"


def _due_words(clock: Clock) -> str:
    if clock.due_at is not None:
        local = clock.due_at.astimezone(JST)
        return f"期限：{format_date(local.date(), weekday=True)} {local:%H:%M}（日本時間）"
    assert clock.due_date is not None
    if clock.due_from is not None:
        return (
            f"期限：速やかに（遅くとも{format_date(clock.due_date, weekday=True)}まで。目安は概ね3〜5日以内）"
        )
    return f"期限：{format_date(clock.due_date, weekday=True)}"


def description_for(clock: Clock) -> str:
    lines = [f"事案：{clock.reference} {clock.title}", clock.ja, _due_words(clock)]
    if clock.moved and clock.nth_day is not None and clock.due_date is not None:
        skipped = [
            f"{format_month_day(day)}は{ja}"
            for day, ja, _en in closed_days_between(clock.nth_day, clock.due_date)
        ]
        lines.append(f"（{'、'.join(skipped)}のため、翌開庁日に繰り下げ）")
    if clock.filed_at is not None:
        local = clock.filed_at.astimezone(JST)
        lines.append(f"提出・通知済み：{format_date(local.date())} {local:%H:%M}")
    lines.extend(_basis_lines(clock))
    lines.append(f"{APP_NAME}（漏えい等対応デスク）から書き出し")
    return "\n".join(lines)


def alarm_day(due: dt.date, days_before: int) -> dt.date:
    """The last working day on or before the reminder day: nobody reads an alarm in a closed office."""
    day = due - dt.timedelta(days=days_before)
    while is_closed_day(day):
        day -= dt.timedelta(days=1)
    return day


def _alarm(trigger: dt.timedelta, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", trigger)
    return alarm


def event_for(clock: Clock, settings: ReminderSettings, now: dt.datetime, uid_domain: str) -> Event | None:
    """None for a clock with no date (本人通知・公表: 速やかに), which a calendar cannot place."""
    if clock.due_at is None and clock.due_date is None:
        return None
    event = Event()
    event.add("uid", uid_for(clock, uid_domain))
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("last-modified", now.astimezone(dt.UTC))
    # Outlook replaces an imported event only when the sequence grows: minutes since the epoch always do.
    event.add("sequence", int(now.timestamp()) // 60)
    event.add("summary", summary_for(clock))
    event.add("description", description_for(clock))
    event.add("categories", [APP_NAME, clock.ja])
    event.add("transp", "TRANSPARENT")
    alarm_text = f"{clock.ja}の期限が近づいています：{clock.reference} {clock.title}"
    if clock.due_at is not None:
        start = clock.due_at.astimezone(dt.UTC)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=GDPR_EVENT_MINUTES))
        leads = [] if clock.state.done else [dt.timedelta(hours=-h) for h in settings.gdpr_leads_hours]
    else:
        assert clock.due_date is not None
        # A guide window (速報, 委託元通知) runs from day 1: the duty is 速やかに, day 5 only its outer bound.
        first = (clock.start or clock.due_from or clock.due_date) if clock.due_from else clock.due_date
        event.add("dtstart", first)
        event.add("dtend", clock.due_date + dt.timedelta(days=1))
        # Relative to the event's start at local midnight: the working day on or before N days before the last
        # day, at the morning hour; two leads that land on the same working day ring once.
        morning = dt.timedelta(hours=settings.morning_hour)
        days = sorted({alarm_day(clock.due_date, lead) for lead in settings.date_leads_days})
        leads = [] if clock.state.done else [dt.timedelta(days=(day - first).days) + morning for day in days]
    if settings.enabled:
        for trigger in leads:
            event.add_component(_alarm(trigger, alarm_text))
    return event


def calendar_bytes(
    clocks: Iterable[Clock],
    settings: ReminderSettings,
    now: dt.datetime,
    uid_domain: str,
    name: str = "BreachDesk 期限",
) -> bytes:
    """One VCALENDAR with an event per dated clock; `uid_domain` is the register's own id (see ReminderService)."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    for clock in clocks:
        event = event_for(clock, settings, now, uid_domain)
        if event is not None:
            calendar.add_component(event)
    return bytes(calendar.to_ical())
