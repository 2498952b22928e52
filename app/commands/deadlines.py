"""`main.py deadlines`: the clocks of an incident (facts file) or of a bare start date, with why a deadline moved."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any, TextIO

from app.errors import InputError
from app.i18n import _, current_language

ORDER = 20
HELP = "compute the report deadlines for a facts file, or for --start DATE --days 30|60"


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


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:

    if (args.facts is None) == (args.start is None):
        raise InputError(_("Give either a facts file or --start, not both and not neither."))
    report = _from_facts(args.facts) if args.facts is not None else _from_start(args.start, args.days)
    if args.format == "text":
        out.write("\n".join(_text_lines(report)) + "\n")
    else:
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return 0


def _from_start(value: str, days: int) -> dict[str, Any]:
    from app import deadlines
    from app.rules.facts_json import LATEST_LEARNED_DATE

    try:
        start = dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        start = None
    first = dt.date(deadlines.FIRST_SUPPORTED_YEAR, 1, 1)
    if start is None or not first <= start <= LATEST_LEARNED_DATE:
        raise InputError(
            _(
                "The option --start must be a real date written as YYYY-MM-DD, between {first} and {last}."
            ).format(first=first.isoformat(), last=LATEST_LEARNED_DATE.isoformat())
        )
    return {
        "clock_start": start.isoformat(),
        "sokuho_window": deadlines.sokuho_window(start).to_json(),
        "kakuho": _kakuho_json(deadlines.kakuho_deadline(start, days)),
    }


def _from_facts(source: str) -> dict[str, Any]:
    from app import deadlines
    from app.commands.assess import read_facts_text
    from app.rules import assess
    from app.rules.facts_json import parse_facts_text

    facts = parse_facts_text(read_facts_text(source))
    assessment = assess(facts)
    report: dict[str, Any] = {
        "applicable_items": list(assessment.applicable_items),
        "clock_start": assessment.clock_start.isoformat() if assessment.clock_start else None,
        "sokuho_window": assessment.sokuho_window.to_json() if assessment.sokuho_window else None,
        "kakuho": _kakuho_json(assessment.kakuho) if assessment.kakuho else None,
        "entrustor_notice_window": (
            assessment.entrustor_notice_window.to_json() if assessment.entrustor_notice_window else None
        ),
        "pmark": None,
        "gdpr": assessment.gdpr.to_json() if assessment.gdpr else None,
    }
    pmark = assessment.pmark
    if pmark is not None and pmark.report_required:
        # P-mark counts from 発覚日 with no published method: the PPC counting is reused (convention, docs/domain.md §8).
        report["pmark"] = {
            "sokuho_window": deadlines.sokuho_window(facts.learned_date).to_json()
            if pmark.sokuho_required
            else None,
            "kakuho": _kakuho_json(deadlines.kakuho_deadline(facts.learned_date, pmark.kakuho_days)),
            "convention": True,
        }
    return report


def _kakuho_json(kakuho: Any) -> dict[str, Any]:
    from app import deadlines

    data: dict[str, Any] = kakuho.to_json()
    data["skipped"] = [
        {"date": day.isoformat(), "reason_ja": ja, "reason_en": en}
        for day, ja, en in deadlines.skipped_days(kakuho)
    ]
    return data


def _words(value: str) -> str:
    from app.rules.wording import date_words

    pair = date_words(dt.date.fromisoformat(value))
    return pair[0] if current_language() == "ja" else pair[1]


def _month_day(value: str) -> str:
    from app.rules.wording import month_day_words

    pair = month_day_words(dt.date.fromisoformat(value))
    return pair[0] if current_language() == "ja" else pair[1]


def _text_lines(report: dict[str, Any]) -> list[str]:

    lines: list[str] = []
    if report["clock_start"] is None:
        return [_("Not a reportable situation: there is no report deadline.")]
    lines.append(_("Clock start (day 1): {date}").format(date=_words(report["clock_start"])))
    window = report.get("entrustor_notice_window")
    if window:
        lines.append(
            _("Notice to the controller (guide, day 3 to day 5): {start} to {end}").format(
                start=_words(window["from"]), end=_words(window["to"])
            )
        )
    window = report.get("sokuho_window")
    if window:
        lines.append(
            _("Preliminary report (guide, day 3 to day 5): {start} to {end}").format(
                start=_words(window["from"]), end=_words(window["to"])
            )
        )
    if report.get("kakuho"):
        lines.extend(_kakuho_lines(report["kakuho"], _("Final report")))
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
    return lines


def _kakuho_lines(kakuho: dict[str, Any], title: str) -> list[str]:

    ja = current_language() == "ja"
    lines = [
        _("{title} ({days} days): day {days} is {nth}; the deadline is {deadline}").format(
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
