"""The clocks of one incident as documents print them: counted in calendar and working days from the document's date.

Documents sit beside app/deadlines and may not import it (docs/architecture.md), so the service layer reads the
clocks (app/services/clocks.py, the same ones the countdown panel shows) and hands them over as plain
`DeadlineLine`s. Working days skip the days app/calendar/closed_days.py calls closed (weekends, national
holidays, 12/29–1/3), as every other count in BreachDesk does (docs/domain.md §5).
"""

from __future__ import annotations

import datetime as dt

from app.calendar.closed_days import is_closed_day
from app.db.database import Database
from app.deadlines.clocks import Clock
from app.documents.context import DeadlineLine
from app.domain.dates import JST, now_jst, today_jst
from app.services.clocks import ClockService


def working_days_until(first: dt.date, due: dt.date) -> int:
    """Open days after `first` up to and including `due`; negative (open days overdue) when `due` has passed."""
    if due >= first:
        span = ((first + dt.timedelta(days=i)) for i in range(1, (due - first).days + 1))
        return sum(1 for day in span if not is_closed_day(day))
    span = ((due + dt.timedelta(days=i)) for i in range(1, (first - due).days + 1))
    return -sum(1 for day in span if not is_closed_day(day))


def deadline_line(clock: Clock, on: dt.date) -> DeadlineLine:
    due = clock.due_day()
    return DeadlineLine(
        kind=clock.kind.value,
        label=clock.ja,
        due_date=due,
        due_from=clock.due_from,
        due_at=clock.due_at,
        moved=clock.moved,
        done_on=clock.filed_at.astimezone(JST).date() if clock.filed_at is not None else None,
        calendar_days=(due - on).days if due is not None else None,
        working_days=working_days_until(on, due) if due is not None else None,
        substitute_allowed=clock.substitute_allowed,
        effort_only=clock.kind.effort_only,
    )


def deadline_lines(db: Database, incident_id: int, on: dt.date) -> tuple[DeadlineLine, ...]:
    """The incident's clocks as they stand on `on` (at this moment when `on` is today, else at 09:00 that day),
    most urgent first."""
    now = now_jst() if on == today_jst() else dt.datetime.combine(on, dt.time(9), JST)
    return tuple(deadline_line(clock, on) for clock in ClockService(db).clocks_for_incident(incident_id, now))
