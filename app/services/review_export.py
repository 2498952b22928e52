"""The 年次レビュー written out: a PDF for the マネジメントレビュー and CSV for Excel (issue 18 point 6).

CSV is two files, because Excel filters and pivots one table per sheet: `NAME.csv` has one row per incident
(番号, dates, JIPDEC codes, deadlines met, open actions; no 件名, no names), and `NAME_summary.csv` the year's
totals (by month, category, cause, reportable, deadlines, open actions). Both UTF-8 with BOM and CRLF, as the
register's export (app/services/register_io.py), so Japanese Excel opens them by double-click. Every file is
written owner-only (0600) through the same writer as the other exports.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from app.db import audit
from app.db.database import Database
from app.documents.kinds import annual_review
from app.documents.mailmerge.merge import write_file
from app.documents.render.template import audit_anchor_text
from app.domain import jipdec
from app.domain.incident import IncidentStatus
from app.domain.review import AnnualReview, FilingTiming, TimingCounts
from app.i18n import _, current_language


def summary_path(csv_path: Path) -> Path:
    return csv_path.with_name(f"{csv_path.stem}_summary{csv_path.suffix or '.csv'}")


def _csv(rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def category_label(choices: tuple[jipdec.Category, ...], code: str | None) -> str:
    found = jipdec.find(choices, code) if code else None
    return found.label(current_language()) if found is not None else (code or _("Not classified"))


def _status(value: str) -> str:
    return IncidentStatus.stored(value).label()


def _timing(timing: FilingTiming | None) -> list[object]:
    if timing is None:
        return ["", "", "", ""]
    filed = timing.filed_on.isoformat() if timing.filed_on else ""
    taken = timing.days_taken if timing.days_taken is not None else ""
    return [timing.deadline.isoformat(), filed, taken, timing.timing.label()]


def incidents_csv(review: AnnualReview) -> bytes:
    yes_no = {True: _("Yes"), False: _("No"), None: _("Not assessed")}
    header = [
        _("No."), _("Occurred on"), _("Learned on"), _("Status"), _("Reportable"),
        _("JIPDEC incident type"), _("JIPDEC category"), _("JIPDEC cause"),
        _("Preliminary report deadline"), _("Preliminary report filed on"), _("Days to the preliminary report"),
        _("Preliminary report"),
        _("Final report deadline"), _("Final report filed on"), _("Days to the final report"), _("Final report"),
        _("Open checklist steps"), _("Notices not delivered"),
    ]  # fmt: skip
    rows: list[Sequence[object]] = [header]
    for r in review.rows:
        rows.append(
            [
                r.reference,
                r.occurred_date.isoformat() if r.occurred_date else "",
                r.learned_date.isoformat() if r.learned_date else "",
                _status(r.status),
                yes_no[r.reportable],
                category_label(jipdec.EVENTS, r.event) if r.event else "",
                category_label(jipdec.CATEGORIES, r.category),
                category_label(jipdec.CAUSES, r.cause),
                *_timing(r.sokuho),
                *_timing(r.kakuho),
                r.open_checklist,
                r.undelivered_letters,
            ]
        )
    return _csv(rows)


def _timing_rows(name: str, counts: TimingCounts) -> list[list[object]]:
    return [
        [name, _("On time"), counts.on_time],
        [name, _("Filed late"), counts.late],
        [name, _("Not filed, past the deadline"), counts.overdue],
        [name, _("Not filed yet, deadline ahead"), counts.pending],
    ]


def summary_csv(review: AnnualReview) -> bytes:
    period = _("Fiscal year")
    month = _("Month")
    category = _("JIPDEC category")
    cause = _("JIPDEC cause")
    reportable = _("Reportable")
    actions = _("Open actions")
    rows: list[Sequence[object]] = [
        [_("Group"), _("Breakdown"), _("Count")],
        [period, str(review.fiscal_year), review.total],
        [period, _("From"), review.first_day.isoformat()],
        [period, _("To"), review.last_day.isoformat()],
        [period, _("As of"), review.as_of.isoformat()],
    ]
    rows += [[month, f"{y:04d}-{m:02d}", n] for (y, m), n in review.per_month]
    rows += [[category, category_label(jipdec.CATEGORIES, c), n] for c, n in review.by_category]
    rows += [[cause, category_label(jipdec.CAUSES, c), n] for c, n in review.by_cause]
    rows += [
        [reportable, _("Yes"), review.reportable],
        [reportable, _("No"), review.not_reportable],
        [reportable, _("Not assessed"), review.not_assessed],
    ]
    rows += _timing_rows(_("Preliminary report"), review.sokuho)
    rows += _timing_rows(_("Final report"), review.kakuho)
    rows += [
        [actions, _("Open checklist steps"), review.open_actions.checklist_items],
        [actions, _("Notices not delivered"), review.open_actions.undelivered_letters],
        [actions, _("Reports not filed by their deadline"), review.open_actions.missing_filings],
    ]
    return _csv(rows)


def review_pdf(db: Database, review: AnnualReview, office_name: str) -> bytes:
    """The PDF with the audit chain's anchor in its footer, like the other reports (docs/architecture.md)."""
    with db.session_scope() as session:
        head = audit.count_and_head(session)
    return annual_review.build(review, office_name=office_name, footer_note=audit_anchor_text(head))


def write_csv(review: AnnualReview, path: Path) -> tuple[Path, Path]:
    """Both CSV files; returns their paths (incidents, summary)."""
    write_file(path, incidents_csv(review))
    summary = summary_path(path)
    write_file(summary, summary_csv(review), folder_checked=True)
    return path, summary


def write_pdf(db: Database, review: AnnualReview, office_name: str, path: Path) -> Path:
    write_file(path, review_pdf(db, review, office_name))
    return path
