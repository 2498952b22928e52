"""Working days beside calendar days, and the one meaning of "soon" (docs/domain.md §5.7, CONV-WORKDAYS).

Calendar days say how long the law gives; working days say how many days the office can still act in. "Soon" is
counted in working days, so a deadline after Golden Week or 年末年始 is soon while the calendar still says 「あと6日」.
The register's filter, its colour, the countdown panel, the tray and their wording all read SOON_WORKING_DAYS.
"""

from __future__ import annotations

import datetime as dt

from app.calendar.office_calendar import OfficeCalendar
from app.domain.dates import WEEKDAYS_EN, WEEKDAYS_JA
from app.i18n import _, current_language, ngettext

# A deadline is soon when at most this many office working days are left before it (the due day included).
SOON_WORKING_DAYS = 2


def is_soon(today: dt.date, due: dt.date, calendar: OfficeCalendar) -> bool:
    """Upcoming (not today, not past) with at most SOON_WORKING_DAYS working days left."""
    return due > today and calendar.working_days_left(today, due) <= SOON_WORKING_DAYS


def soon_horizon(today: dt.date, calendar: OfficeCalendar) -> int:
    """The largest number of calendar days ahead that is still soon: the register filters on dates with it.

    Working days left grow with the due day, so "soon" is every due day up to the day before the
    (SOON_WORKING_DAYS + 1)-th working day after today.
    """
    day, found = today, 0
    while True:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            found += 1
            if found > SOON_WORKING_DAYS:
                return (day - today).days - 1


def soon_words() -> str:
    """「営業日2日以内」 / "within 2 working days": how every screen names the soon group."""
    return ngettext("within {n} working day", "within {n} working days", SOON_WORKING_DAYS).format(
        n=SOON_WORKING_DAYS
    )


def working_days_words(count: int) -> str:
    """「営業日 1日」 / "1 working day"."""
    return ngettext("{n} working day", "{n} working days", count).format(n=count)


def days_left_words(days: int, working: int) -> str:
    """「あと4日（営業日 1日）」 / "4 days left (1 working day)"."""
    return ngettext("{days} day left ({working})", "{days} days left ({working})", days).format(
        days=days, working=working_days_words(working)
    )


def days_left_compact(days: int, working: int) -> str:
    """「あと4日（営業日 1日）」 / "4 days (1 working)": the register's narrow column (issue 18 point 2).

    The English sentence of days_left_words is twice as wide as the Japanese one and pushed the column behind the
    scroll bar at 1024 px; calendar and working days still stand side by side (issue 18 point 1), and the cell's
    tooltip and accessible text keep the whole sentence."""
    return ngettext("{days} day ({working} working)", "{days} days ({working} working)", days).format(
        days=days, working=working
    )


def days_left_two_lines(days: int, working: int) -> str:
    """「あと4日」 over 「営業日 1日」 / "4 days" over "1 working": the register's column in a narrow window."""
    return ngettext("{days} day\n{working} working", "{days} days\n{working} working", days).format(
        days=days, working=working
    )


def short_day(day: dt.date) -> str:
    """4/30（金） / Fri 4/30."""
    if current_language() == "ja":
        return f"{day.month}/{day.day}（{WEEKDAYS_JA[day.weekday()]}）"
    return f"{WEEKDAYS_EN[day.weekday()]} {day.month}/{day.day}"


def closed_run_warning(today: dt.date, due: dt.date, calendar: OfficeCalendar) -> str | None:
    """「5/1（土）〜5/5（水）は休業日です。提出は4/30（金）までをお勧めします。」 when a run of closed days lies
    ahead just before the due day (at most SOON_WORKING_DAYS working days after it, or over the due day itself);
    None when there is none, or the due day is today or past."""
    run = calendar.closed_run(today, due)
    if run is None or calendar.working_days_left(run.last, due) > SOON_WORKING_DAYS:
        return None  # a long weekend weeks before the deadline changes nothing about when to submit
    if run.submit_by is None:
        return _("{first} to {last} are closed days, and no working day is left before the deadline.").format(
            first=short_day(run.first), last=short_day(run.last)
        )
    if run.submit_by == today:
        return _("{first} to {last} are closed days. Submitting today is recommended.").format(
            first=short_day(run.first), last=short_day(run.last)
        )
    return _("{first} to {last} are closed days. Submitting by {day} is recommended.").format(
        first=short_day(run.first), last=short_day(run.last), day=short_day(run.submit_by)
    )
