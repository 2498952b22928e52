"""`main.py deadlines`: the clocks of an incident (facts file) or of a bare start date, with why a deadline moved."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING, Any, TextIO

from app.calendar import closed_days, day_count
from app.commands.assess import add_today_argument, read_facts, today_of
from app.db.codec import encode
from app.errors import InputError
from app.i18n import _, current_language, ngettext
from app.rules import assess
from app.rules.facts_json import LATEST_LEARNED_DATE
from app.rules.wording import date_words, month_day_words

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("facts", metavar="FACTS.json", nargs="?", help="facts file (- reads stdin)")
    parser.add_argument(
        "--start", metavar="DATE", help="clock start (day 1), YYYY-MM-DD, instead of a facts file"
    )
    parser.add_argument(
        "--days", type=int, choices=(30, 60), default=30, help="final-report period (default 30)"
    )
    parser.add_argument(
        "--format", choices=("json", "text"), default="json", help="output format (default json)"
    )
    add_today_argument(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    if (args.facts is None) == (args.start is None):
        raise InputError(_("Give either a facts file or --start, not both and not neither."))
    report = (
        _from_facts(args.facts, today_of(args))
        if args.facts is not None
        else _from_start(args.start, args.days)
    )
    if args.format == "text":
        out.write("\n".join(_text_lines(report)) + "\n")
    else:
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return 0


def _from_start(value: str, days: int) -> dict[str, Any]:
    try:
        start = dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        start = None
    first = dt.date(closed_days.FIRST_SUPPORTED_YEAR, 1, 1)
    if start is None or not first <= start <= LATEST_LEARNED_DATE:
        raise InputError(
            _(
                "The option --start must be a real date written as YYYY-MM-DD, between {first} and {last}."
            ).format(first=first.isoformat(), last=LATEST_LEARNED_DATE.isoformat())
        )
    return {
        "clock_start": start.isoformat(),
        "sokuho_window": encode(day_count.sokuho_window(start)),
        "kakuho": _kakuho_json(day_count.kakuho_deadline(start, days)),
    }


def _from_facts(source: str, today: dt.date) -> dict[str, Any]:
    facts = read_facts(source, today)
    assessment = assess(facts)
    report: dict[str, Any] = {
        "applicable_items": list(assessment.applicable_items),
        "clock_start": assessment.clock_start.isoformat() if assessment.clock_start else None,
        "sokuho_window": encode(assessment.sokuho_window) if assessment.sokuho_window else None,
        "kakuho": _kakuho_json(assessment.kakuho) if assessment.kakuho else None,
        "entrustor_notice_window": (
            encode(assessment.entrustor_notice_window) if assessment.entrustor_notice_window else None
        ),
        "pmark": None,
        "gdpr": encode(assessment.gdpr) if assessment.gdpr else None,
        "bango": _bango_json(assessment.bango),
    }
    pmark = assessment.pmark
    if pmark is not None and pmark.report_required:
        # P-mark counts from 発覚日 with no published method: the PPC counting is reused (convention, docs/domain.md §8).
        report["pmark"] = {
            "sokuho_window": encode(day_count.sokuho_window(facts.learned_date))
            if pmark.sokuho_required
            else None,
            "kakuho": _kakuho_json(day_count.kakuho_deadline(facts.learned_date, pmark.kakuho_days)),
            "convention": True,
        }
    return report


def _bango_json(bango: Any) -> dict[str, Any] | None:
    """The 番号法 track's own clocks (docs/domain.md §15.3 rule 11); None when no 個人番号 is involved."""
    if not bango.applies and not bango.effort_report:
        return None
    return {
        "categories": list(bango.categories),
        "effort_report": bango.effort_report,
        "clock_start": bango.clock_start.isoformat() if bango.clock_start else None,
        "sokuho_window": encode(bango.sokuho_window) if bango.sokuho_window else None,
        "kakuho": _kakuho_json(bango.kakuho) if bango.kakuho else None,
        "entrustor_notice_window": (
            encode(bango.entrustor_notice_window) if bango.entrustor_notice_window else None
        ),
    }


def _kakuho_json(kakuho: Any) -> dict[str, Any]:
    data: dict[str, Any] = encode(kakuho)
    data["skipped"] = [
        {"date": day.isoformat(), "reason_ja": ja, "reason_en": en}
        for day, ja, en in day_count.skipped_days(kakuho)
    ]
    return data


def _words(value: str) -> str:
    pair = date_words(dt.date.fromisoformat(value))
    return pair[0] if current_language() == "ja" else pair[1]


def _month_day(value: str) -> str:
    pair = month_day_words(dt.date.fromisoformat(value))
    return pair[0] if current_language() == "ja" else pair[1]


def _text_lines(report: dict[str, Any]) -> list[str]:

    lines: list[str] = []
    bango = report.get("bango") or {}
    if report["clock_start"] is None and bango.get("clock_start") is None:
        lines.append(_("Not a reportable situation: there is no report deadline."))
        if bango.get("effort_report"):
            lines.append(_bango_effort_line())
        return lines
    if report["clock_start"] is None:
        return _bango_lines(bango, shared={}, clock_start=None)
    lines.append(_("Clock start (day 1): {date}").format(date=_words(report["clock_start"])))
    both = _coinciding(report, bango)
    window = report.get("entrustor_notice_window")
    if window:
        lines.append(
            _("Notice to the controller (guide, day 3 to day 5): {start} to {end}").format(
                start=_words(window["from"]), end=_words(window["to"])
            )
        )
    window = report.get("sokuho_window")
    if window:
        title = (
            _("Preliminary report, APPI and My Number Act")
            if "sokuho_window" in both
            else _("Preliminary report")
        )
        lines.append(
            _("{title} (promptly; guide of about 3–5 days): by {end} at the latest").format(
                title=title, end=_words(window["to"])
            )
        )
    if report.get("kakuho"):
        title = _("Final report, APPI and My Number Act") if "kakuho" in both else _("Final report")
        lines.extend(_kakuho_lines(report["kakuho"], title))
    pmark = report.get("pmark")
    if pmark:
        lines.extend(
            _kakuho_lines(pmark["kakuho"], _("Privacy Mark final report (counting is a convention)"))
        )
    gdpr = report.get("gdpr")
    if gdpr:
        lines.append(
            _("GDPR Art. 33 notification: by {deadline} (72 hours from awareness at {awareness})").format(
                deadline=gdpr["art33_deadline"], awareness=gdpr["awareness"]
            )
        )
    if bango:
        lines.extend(_bango_lines(bango, both, clock_start=report["clock_start"]))
    return lines


def _coinciding(report: dict[str, Any], bango: dict[str, Any]) -> dict[str, bool]:
    """Clocks of both tracks that fall on the same dates are shown once, labelled for both laws."""
    same: dict[str, bool] = {}
    for key in ("sokuho_window", "kakuho", "entrustor_notice_window"):
        if report.get(key) and report.get(key) == bango.get(key):
            same[key] = True
    return same


def _bango_effort_line() -> str:
    return _(
        "My Number Act: not reportable, but the business shall endeavour to report it to the Commission (effort obligation, no fixed date)."
    )


def _bango_lines(bango: dict[str, Any], shared: dict[str, bool], clock_start: str | None) -> list[str]:
    lines: list[str] = []
    if bango.get("effort_report"):
        return [_bango_effort_line()]
    start = bango.get("clock_start")
    if start is None:
        return lines
    if start != clock_start:
        lines.append(_("My Number Act clock start (day 1): {date}").format(date=_words(start)))
    window = bango.get("entrustor_notice_window")
    if window and "entrustor_notice_window" not in shared:
        lines.append(
            _("My Number Act notice to the controller (promptly): by {end} at the latest").format(
                end=_words(window["to"])
            )
        )
    window = bango.get("sokuho_window")
    if window and "sokuho_window" not in shared:
        lines.append(
            _("My Number Act preliminary report (promptly): by {end} at the latest").format(
                end=_words(window["to"])
            )
        )
    if bango.get("kakuho") and "kakuho" not in shared:
        lines.extend(_kakuho_lines(bango["kakuho"], _("My Number Act final report")))
    return lines


def _kakuho_lines(kakuho: dict[str, Any], title: str) -> list[str]:

    ja = current_language() == "ja"
    lines = [
        ngettext(
            "{title} ({days} day): day {days} is {nth}; the deadline is {deadline}",
            "{title} ({days} days): day {days} is {nth}; the deadline is {deadline}",
            kakuho["days"],
        ).format(
            title=title,
            days=kakuho["days"],
            nth=_words(kakuho["nth_day"]),
            deadline=_words(kakuho["deadline"]),
        )
    ]
    if kakuho["moved"]:
        skipped = ("、" if ja else ", ").join(
            _("{day} is {reason}").format(
                day=_month_day(item["date"]), reason=item["reason_ja"] if ja else item["reason_en"]
            )
            for item in kakuho["skipped"]
        )
        lines.append("  " + _("Moved because {skipped}.").format(skipped=skipped))
    else:
        lines.append("  " + _("Not moved: day {days} is an open day.").format(days=kakuho["days"]))
    return lines
