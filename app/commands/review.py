"""`main.py review --fiscal-year 2026 [--pdf FILE.pdf] [--csv FILE.csv]`: the 年次レビュー without a screen.

Prints the year's totals; `--pdf` writes the マネジメントレビュー PDF, `--csv` the incidents as `FILE.csv` and the
totals as `FILE_summary.csv` (app/services/review_export.py says why two files). Every file is owner-only (0600).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.domain.review import AnnualReview
from app.errors import InputError
from app.i18n import _, ngettext
from app.services.review import ReviewService
from app.services.review_export import write_csv, write_pdf

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fiscal-year",
        metavar="YEAR",
        type=int,
        help="the 年度, by the year it starts in (default: the current one)",
    )
    parser.add_argument(
        "--start-month",
        metavar="M",
        type=int,
        help="the month the fiscal year starts (default: the setting, April)",
    )
    parser.add_argument(
        "--pdf", metavar="FILE.pdf", help="write the review as a PDF for the management review"
    )
    parser.add_argument("--csv", metavar="FILE.csv", help="write one row per incident, and FILE_summary.csv")


def summary_lines(review: AnnualReview) -> list[str]:
    actions = review.open_actions
    return [
        _("Fiscal year {year} ({first} to {last})").format(
            year=review.fiscal_year, first=review.first_day.isoformat(), last=review.last_day.isoformat()
        ),
        ngettext("{count} incident", "{count} incidents", review.total).format(count=review.total),
        _("Reportable: {yes}, not reportable: {no}, not assessed: {unknown}").format(
            yes=review.reportable, no=review.not_reportable, unknown=review.not_assessed
        ),
        _(
            "Preliminary reports on time: {on_time}, late: {late}, not filed past the deadline: {overdue}"
        ).format(on_time=review.sokuho.on_time, late=review.sokuho.late, overdue=review.sokuho.overdue),
        _("Final reports on time: {on_time}, late: {late}, not filed past the deadline: {overdue}").format(
            on_time=review.kakuho.on_time, late=review.kakuho.late, overdue=review.kakuho.overdue
        ),
        _("Open checklist steps: {steps}, notices not delivered: {letters}").format(
            steps=actions.checklist_items, letters=actions.undelivered_letters
        ),
    ]


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    if args.start_month is not None and not 1 <= args.start_month <= 12:
        raise InputError(_("Choose a month from 1 to 12."), field="start_month")
    services = register()
    reviews = ReviewService(services.db)
    month = args.start_month or reviews.start_month()
    year = args.fiscal_year if args.fiscal_year is not None else reviews.fiscal_years(month)[0]
    review = reviews.review(year, start_month=month)
    for line in summary_lines(review):
        out.write(line + "\n")
    if args.pdf:
        written = write_pdf(services.db, review, services.office.load().name, Path(args.pdf))
        out.write(_("The review was written to {path}.").format(path=written.resolve()) + "\n")
    if args.csv:
        for path in write_csv(review, Path(args.csv)):
            out.write(_("The review was written to {path}.").format(path=path.resolve()) + "\n")
    return 0
