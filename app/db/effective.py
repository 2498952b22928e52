"""The effective record: a filing with its corrections applied, a delivery event unless withdrawn (schema 0006).

A wrong filing or delivery event is never edited: a new, audited row withdraws (取消) or corrects (訂正) it
(issue 18 point 3). Every reader that weighs duties — the status and next deadline, the clocks, the 確報's
reference to the 速報, the annual review, the delivery counts — reads through these expressions, so a withdrawn
filing no longer counts as filed and a corrected date is the date. The filings tab alone shows the history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select

from app.db.tables import delivery_event_withdrawals, filing_corrections, filings, notice_delivery_events

WITHDRAW = "withdraw"
CORRECT = "correct"


def withdrawn_filing_ids() -> Select[tuple[int]]:
    return select(filing_corrections.c.filing_id).where(filing_corrections.c.action == WITHDRAW)


def live_filing() -> ColumnElement[bool]:
    """True for a filing that was not withdrawn (use in a query over `filings` or the ORM `Filing`)."""
    return filings.c.id.not_in(withdrawn_filing_ids())


def _latest_correction(value: Any) -> Any:
    return (
        select(value)
        .where(
            filing_corrections.c.filing_id == filings.c.id,
            filing_corrections.c.action == CORRECT,
            value.is_not(None),
        )
        .order_by(filing_corrections.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def effective_filed_at() -> ColumnElement[dt.datetime]:
    """The filing moment after its latest correction of the date (the recorded one if never corrected)."""
    return func.coalesce(_latest_correction(filing_corrections.c.filed_at), filings.c.filed_at).label(
        "filed_at"
    )


def effective_receipt_number() -> ColumnElement[str | None]:
    return func.coalesce(
        _latest_correction(filing_corrections.c.receipt_number), filings.c.receipt_number
    ).label("receipt_number")


def live_delivery_event() -> ColumnElement[bool]:
    """True for a delivery event that was not withdrawn."""
    return notice_delivery_events.c.id.not_in(select(delivery_event_withdrawals.c.event_id))
