"""年次レビュー: a fiscal year of the register in figures, for the マネジメントレビュー (issue 18 point 6).

One read-only pass through the register's Core tables (the same schema and query style as app/services/register.py):
the incidents whose 発覚日 falls in the 年度, their latest assessment (for the 速報/確報 deadlines it computed,
docs/domain.md §5), their filings, open checklist steps and 本人通知 that did not arrive. The 件名 and every name
stay in the register: the figures carry 番号, dates and JIPDEC codes only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select

from app.db.codec import read_assessment
from app.db.database import Database
from app.db.effective import effective_filed_at, live_delivery_event, live_filing
from app.db.tables import assessments, checklist_items, filings, incidents, notice_deliveries
from app.db.tables import notice_delivery_events as events
from app.domain.assessment import Assessment
from app.domain.dates import JST, today_jst
from app.domain.filing import FilingKind
from app.domain.review import (
    DEFAULT_START_MONTH,
    AnnualReview,
    FilingTiming,
    OpenActions,
    ReviewRow,
    Timing,
    TimingCounts,
    fiscal_months,
    fiscal_year_bounds,
    fiscal_year_of,
)
from app.errors import InputError
from app.i18n import _
from app.services.app_settings import AppSettingsService

START_MONTH_KEY = "review.fiscal_year_start_month"
SOKUHO_KINDS = frozenset({FilingKind.SOKUHO.value, FilingKind.SOKUHO_KAKUHO.value})
KAKUHO_KINDS = frozenset({FilingKind.KAKUHO.value, FilingKind.SOKUHO_KAKUHO.value})
NOT_REACHED = frozenset({"returned", "bounced"})
inc = incidents.c
COLUMNS = (
    inc.id, inc.reference, inc.learned_date, inc.facts, inc.status, inc.reportable,
    inc.jipdec_event, inc.jipdec_category, inc.jipdec_cause, inc.closed_at,
)  # fmt: skip


def _timing(
    learned: dt.date | None, deadline: dt.date | None, filed: dt.date | None, today: dt.date
) -> FilingTiming | None:
    if deadline is None:
        return None
    if filed is not None:
        timing = Timing.ON_TIME if filed <= deadline else Timing.LATE
    else:
        timing = Timing.OVERDUE if today > deadline else Timing.PENDING
    return FilingTiming(
        deadline=deadline,
        filed_on=filed,
        days_taken=(filed - learned).days if filed is not None and learned is not None else None,
        days_allowed=(deadline - learned).days if learned is not None else None,
        timing=timing,
    )


def _deadlines(assessment: Assessment | None) -> tuple[dt.date | None, dt.date | None]:
    """速報 and 確報 deadlines under 第7条, else under the 番号法 track (the one that applies)."""
    if assessment is None:
        return None, None
    window = assessment.sokuho_window or assessment.bango.sokuho_window
    kakuho = assessment.kakuho or assessment.bango.kakuho
    return (window.end if window is not None else None), (kakuho.deadline if kakuho is not None else None)


def _counts(timings: Iterable[FilingTiming | None]) -> TimingCounts:
    seen = Counter(t.timing for t in timings if t is not None)
    return TimingCounts(seen[Timing.ON_TIME], seen[Timing.LATE], seen[Timing.OVERDUE], seen[Timing.PENDING])


def _ranked(codes: Iterable[str | None]) -> tuple[tuple[str, int], ...]:
    counted = Counter(code or "" for code in codes)
    return tuple(sorted(counted.items(), key=lambda item: (-item[1], item[0] == "", item[0])))


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def summarise(
    year: int, month: int, first: dt.date, last: dt.date, as_of: dt.date, rows: tuple[ReviewRow, ...]
) -> AnnualReview:
    """The year's figures from its rows (pure, so the totals can be checked as properties)."""
    per_month = Counter((r.learned_date.year, r.learned_date.month) for r in rows if r.learned_date)
    return AnnualReview(
        fiscal_year=year,
        start_month=month,
        first_day=first,
        last_day=last,
        as_of=as_of,
        per_month=tuple((ym, per_month.get(ym, 0)) for ym in fiscal_months(year, month)),
        by_category=_ranked(r.category for r in rows),
        by_cause=_ranked(r.cause for r in rows),
        reportable=sum(1 for r in rows if r.reportable is True),
        not_reportable=sum(1 for r in rows if r.reportable is False),
        not_assessed=sum(1 for r in rows if r.reportable is None),
        sokuho=_counts(r.sokuho for r in rows),
        kakuho=_counts(r.kakuho for r in rows),
        open_actions=OpenActions(
            checklist_items=sum(r.open_checklist for r in rows),
            undelivered_letters=sum(r.undelivered_letters for r in rows),
            missing_filings=sum(len(r.missing_filings) for r in rows),
            incidents_with_open_actions=sum(
                1 for r in rows if r.open_checklist or r.undelivered_letters or r.missing_filings
            ),
        ),
        rows=rows,
    )


class ReviewService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.settings = AppSettingsService(db)

    def start_month(self) -> int:
        """The month the office's 年度 starts (April unless set otherwise)."""
        value = self.settings.get(START_MONTH_KEY, DEFAULT_START_MONTH)
        return value if isinstance(value, int) and 1 <= value <= 12 else DEFAULT_START_MONTH

    def set_start_month(self, month: int, actor: str | None = None) -> None:
        if not 1 <= month <= 12:
            raise InputError(_("Choose a month from 1 to 12."), field="start_month")
        self.settings.set(START_MONTH_KEY, month, actor=actor)

    def fiscal_years(self, start_month: int | None = None) -> list[int]:
        """Every 年度 from the newest 発覚日 back to the oldest (the current one when the register is empty)."""
        month = start_month or self.start_month()
        with self.db.session_scope() as session:
            first, last = session.execute(
                select(func.min(inc.learned_date), func.max(inc.learned_date))
            ).one()
        today = today_jst()
        newest = max(fiscal_year_of(last, month) if last else 0, fiscal_year_of(today, month))
        oldest = fiscal_year_of(first, month) if first else newest
        return list(range(newest, oldest - 1, -1))

    def review(
        self, fiscal_year: int, *, start_month: int | None = None, today: dt.date | None = None
    ) -> AnnualReview:
        month = start_month or self.start_month()
        first, last = fiscal_year_bounds(fiscal_year, month)
        as_of = today or today_jst()
        with self.db.session_scope() as session:
            rows = session.execute(
                select(*COLUMNS)
                .where(inc.learned_date.between(first, last))
                .order_by(inc.learned_date, inc.id)
            ).all()
            ids = [row.id for row in rows]
            latest = (
                select(func.max(assessments.c.id))
                .where(assessments.c.incident_id.in_(ids))
                .group_by(assessments.c.incident_id)
            )
            assessed: dict[int, Any] = dict(
                session.execute(
                    select(assessments.c.incident_id, assessments.c.assessment).where(
                        assessments.c.id.in_(latest)
                    )
                ).all()
            )
            filed = session.execute(
                select(filings.c.incident_id, filings.c.kind, effective_filed_at()).where(
                    filings.c.incident_id.in_(ids), live_filing()
                )
            ).all()
            open_steps: dict[int, int] = dict(
                session.execute(
                    select(checklist_items.c.incident_id, func.count())
                    .where(checklist_items.c.incident_id.in_(ids), checklist_items.c.done_at.is_(None))
                    .group_by(checklist_items.c.incident_id)
                ).all()
            )
            deliveries = session.execute(
                select(notice_deliveries.c.id, notice_deliveries.c.incident_id).where(
                    notice_deliveries.c.incident_id.in_(ids)
                )
            ).all()
            delivery_events = session.execute(
                select(events.c.delivery_id, events.c.status)
                .where(events.c.incident_id.in_(ids), live_delivery_event())
                .order_by(events.c.happened_on, events.c.id)
            ).all()
        latest_status = {delivery: status for delivery, status in delivery_events}  # the last one wins
        undelivered = Counter(
            incident for delivery, incident in deliveries if latest_status.get(delivery) in NOT_REACHED
        )
        first_filed = self._first_filed(filed)
        review_rows = tuple(
            self._row(row, assessed.get(row.id), first_filed, open_steps, undelivered, as_of) for row in rows
        )
        return summarise(fiscal_year, month, first, last, as_of, review_rows)

    @staticmethod
    def _first_filed(filed: Iterable[Any]) -> dict[tuple[int, str], dt.date]:
        """The day (in Japan) of the first 速報 and 確報 of each incident; a combined filing counts as both."""
        found: dict[tuple[int, str], dt.date] = {}
        for incident_id, kind, filed_at in filed:
            day = filed_at.astimezone(JST).date()
            for name, kinds in (("sokuho", SOKUHO_KINDS), ("kakuho", KAKUHO_KINDS)):
                key = (incident_id, name)
                if kind in kinds and (key not in found or day < found[key]):
                    found[key] = day
        return found

    @staticmethod
    def _row(
        row: Any,
        assessment_json: Mapping[str, Any] | None,
        first_filed: Mapping[tuple[int, str], dt.date],
        open_steps: Mapping[int, int],
        undelivered: Mapping[int, int],
        today: dt.date,
    ) -> ReviewRow:
        assessment = read_assessment(dict(assessment_json)) if assessment_json else None
        sokuho_deadline, kakuho_deadline = _deadlines(assessment)
        learned = row.learned_date
        open_now = row.closed_at is None
        return ReviewRow(
            reference=row.reference,
            learned_date=learned,
            occurred_date=_day((row.facts or {}).get("occurred_date")),
            status=row.status,
            reportable=row.reportable,
            event=row.jipdec_event,
            category=row.jipdec_category,
            cause=row.jipdec_cause,
            sokuho=_timing(learned, sokuho_deadline, first_filed.get((row.id, "sokuho")), today),
            kakuho=_timing(learned, kakuho_deadline, first_filed.get((row.id, "kakuho")), today),
            open_checklist=int(open_steps.get(row.id, 0)) if open_now else 0,
            undelivered_letters=int(undelivered.get(row.id, 0)),
        )
