"""事実経過 entries BreachDesk writes itself: the wizard's 発生 and 発覚 when an incident is created, and one entry
for each filing (速報, 確報, …) and each 本人通知 run or delivery event recorded (issue 18 point 6).

Written in the caller's transaction, each with its own audit entry (entity "timeline_entry", so `verify` sees a
row BreachDesk wrote, docs/architecture.md "Evidence"). The text is Japanese whatever the window's language: the
事実経過 is copied into the Japanese reports (app/domain/report.py `outside_timeline`). It never names a
notified person, whose name must not reach the PPC's file (`timeline_warnings`): a mailing is a count and a
channel. The wizard's 「最初に気付いた人」 is a member of staff (or a branch), as the officer typed it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from app.db import audit
from app.db.models import TimelineEntry
from app.domain.dates import JST, now_utc
from app.domain.filing import _LABELS as FILING_LABELS
from app.domain.filing import FilingKind
from app.i18n import N_, load_translation

MAX_NAME = 200  # the wizard's field is capped at 200 characters too

_CHANNELS = {
    "ppc_form": N_("PPC online form"),
    "ministry": N_("To the ministry (e-mail or paper)"),
    "post": N_("Post"),
    "email": N_("sent by e-mail"),
    "phone": N_("Telephone"),
    "website": N_("Web site"),
    "pmark_portal": N_("Privacy Mark portal"),
    "hand": N_("Handed over in person"),
    "other": N_("Other"),
}
_DELIVERY_EVENTS = {
    "returned": N_("A notice to one person came back (address unknown)."),
    "bounced": N_("A notice e-mail to one person bounced."),
    "delivered": N_("A notice to one person was confirmed as delivered."),
    "resent": N_("A notice was sent again to one person at a corrected address."),
}


@cache
def _ja() -> Any:
    return load_translation("ja")


def ja(message: str) -> str:
    """The Japanese of a catalog message: the stored 事実経過 reads the same whatever the UI language was."""
    return str(_ja().gettext(message))


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=JST)


def opening_entries(facts: Mapping[str, Any]) -> list[tuple[dt.datetime, str]]:
    """発生 and 発覚 (with who noticed first) from the wizard's answers, as stored in the facts JSON."""
    entries: list[tuple[dt.datetime, str]] = []
    occurred = _as_date(facts.get("occurred_date"))
    if occurred is not None:
        entries.append((_start_of(occurred), ja("The incident occurred (date as answered in the wizard).")))
    learned_at = _as_moment(facts.get("learned_at"))
    learned_day = _as_date(facts.get("learned_date"))
    moment = learned_at or (_start_of(learned_day) if learned_day is not None else None)
    if moment is not None:
        who = " ".join(str(facts.get("learned_by") or "").split())[:MAX_NAME]
        text = (
            ja("The office learned of the incident; first noticed by: {who}.").format(who=who)
            if who
            else ja("The office learned of the incident.")
        )
        entries.append((moment, text))
    return entries


def filing_text(kind: str, channel: str, receipt_number: str | None = None) -> str:
    label = ja(FILING_LABELS[FilingKind(kind)])
    how = ja(_CHANNELS.get(channel, N_("Other")))
    if receipt_number:
        return ja("{kind} was filed ({channel}, receipt number {number}).").format(
            kind=label, channel=how, number=receipt_number
        )
    return ja("{kind} was filed ({channel}).").format(kind=label, channel=how)


def mailing_text(count: int, channel: str) -> str:
    """A run of 本人通知: how many and how, never to whom."""
    message = _ja().ngettext(
        "A notice to individuals was sent to {count} person ({channel}).",
        "A notice to individuals was sent to {count} people ({channel}).",
        count,
    )
    how = ja(N_("letter by post")) if channel == "letter" else ja(N_("sent by e-mail"))
    return str(message).format(count=count, channel=how)


def delivery_event_text(status: str) -> str:
    return ja(_DELIVERY_EVENTS[status])


def add(session: Session, incident_id: int, occurred_at: dt.datetime, text: str, actor: str) -> int:
    """One automatic entry and its audit entry, in the caller's transaction."""
    entry = TimelineEntry(
        incident_id=incident_id,
        occurred_at=occurred_at,
        recorded_at=now_utc(),
        actor=actor,
        text=text,
        corrects_id=None,
    )
    session.add(entry)
    session.flush()
    audit.append(
        session,
        action="append",
        entity="timeline_entry",
        entity_id=entry.id,
        after={
            "incident_id": incident_id,
            "occurred_at": occurred_at,
            "text": text,
            "corrects_id": None,
            "automatic": True,
        },
        actor=actor,
    )
    return entry.id


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.astimezone(JST).date() if value.tzinfo else value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _as_moment(value: object) -> dt.datetime | None:
    moment: dt.datetime | None = None
    if isinstance(value, dt.datetime):
        moment = value
    elif value:
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except ValueError:
            return None
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=JST)
