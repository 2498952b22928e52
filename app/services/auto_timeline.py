"""事実経過 entries BreachDesk writes itself: the wizard's 発生 and 発覚 when an incident is created, and one entry
for each filing (速報, 確報, …) and each 本人通知 run or delivery event recorded (issue 18 point 6).

Written in the caller's transaction, each with its own audit entry (entity "timeline_entry", so `verify` sees a
row BreachDesk wrote, docs/architecture.md "Evidence"). The text is Japanese whatever the window's language: the
事実経過 is copied into the Japanese reports (app/domain/report.py `outside_timeline`). It never names a
notified person, whose name must not reach the PPC's file (`timeline_warnings`): a mailing is a count and a
channel. The wizard's 「最初に気付いた人」 is a member of staff (or a branch), as the officer typed it: kept here, left
out of the outside form (app/domain/timeline_words.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.db import audit
from app.db.models import TimelineEntry
from app.domain.dates import JST, now_utc
from app.domain.filing import _LABELS as FILING_LABELS
from app.domain.filing import FilingKind
from app.domain.timeline_words import ja, japanese, learned_text
from app.i18n import N_

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

_STATUS_WORDS = {
    "returned": N_("Returned (address unknown)"),
    "bounced": N_("E-mail bounced"),
    "delivered": N_("Delivered"),
    "resent": N_("Sent again"),
}


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
        entries.append((moment, learned_text(who)))
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
    message = japanese().ngettext(
        "A notice to individuals was sent to {count} person ({channel}).",
        "A notice to individuals was sent to {count} people ({channel}).",
        count,
    )
    how = ja(N_("letter by post")) if channel == "letter" else ja(N_("sent by e-mail"))
    return str(message).format(count=count, channel=how)


def delivery_event_text(status: str) -> str:
    return ja(_DELIVERY_EVENTS[status])


def _reason(reason: str) -> str:
    return " ".join(reason.split())[:MAX_NAME]


def filing_withdrawn_text(kind: str, reason: str) -> str:
    """「速報の記録を取り消し（理由：…）」: the filing itself stays in the register, struck through."""
    return ja("The record of the {kind} was withdrawn (reason: {reason}).").format(
        kind=ja(FILING_LABELS[FilingKind(kind)]), reason=_reason(reason)
    )


def filing_corrected_text(
    kind: str, filed_on: dt.date | None, receipt_number: str | None, reason: str
) -> str:
    """「速報の記録を訂正（提出日 …、受付番号 …。理由：…）」: the corrected values, never who was involved."""
    changes = []
    if filed_on is not None:
        changes.append(ja("filing date {date}").format(date=filed_on.isoformat()))
    if receipt_number is not None:
        changes.append(ja("receipt number {number}").format(number=receipt_number or "-"))
    return ja("The record of the {kind} was corrected ({changes}; reason: {reason}).").format(
        kind=ja(FILING_LABELS[FilingKind(kind)]), changes="、".join(changes), reason=_reason(reason)
    )


def delivery_event_withdrawn_text(status: str, reason: str) -> str:
    """A follow-up recorded by mistake (「返送」 for the wrong person, say), withdrawn: still one person, no name."""
    return ja("A notice follow-up recorded by mistake was withdrawn ({status}; reason: {reason}).").format(
        status=ja(_STATUS_WORDS.get(status, N_("Other"))), reason=_reason(reason)
    )


def add(
    session: Session,
    incident_id: int,
    occurred_at: dt.datetime,
    text: str,
    actor: str,
    *,
    corrects_id: int | None = None,
    automatic: bool = True,
) -> int:
    """One 事実経過 entry and its audit entry, in the caller's transaction: the one writer of the timeline, for the
    automatic entries here and the officer's own (app/services/workspace/timeline.py)."""
    entry = TimelineEntry(
        incident_id=incident_id,
        occurred_at=occurred_at,
        recorded_at=now_utc(),
        actor=actor,
        text=text,
        corrects_id=corrects_id,
    )
    session.add(entry)
    session.flush()
    after: dict[str, Any] = {
        "incident_id": incident_id,
        "occurred_at": occurred_at,
        "text": text,
        "corrects_id": corrects_id,
    }
    if automatic:
        after["automatic"] = True
    audit.append(
        session,
        action="correct" if corrects_id is not None else "append",
        entity="timeline_entry",
        entity_id=entry.id,
        after=after,
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
