"""The verdict in words for the live panel and the result page: one sentence, the clocks with days left, and for a
"not reportable" verdict what would change it. Pure: `today` is passed in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date as babel_format_date

from app import deadlines
from app.domain.assessment import Assessment, ExcludedBy, IndividualNotice, Reason, ReportTo
from app.domain.facts import Facts
from app.i18n import _, current_language
from app.jpdates import JST, format_date, format_month_day
from app.rules.rulesets import ruleset_for
from app.rules.texts import EXCLUSION_LABELS
from app.rules.triggers import find_triggers


def _ja() -> bool:
    return current_language() == "ja"


def items_words(items: tuple[int, ...]) -> str:
    """「1号・3号」 / "Item 1, Item 3", as the register writes them."""
    separator = "・" if _ja() else ", "
    return separator.join(_("Item {n}").format(n=n) for n in items)


def short_date(day: dt.date, today: dt.date) -> str:
    """6月3日 within the current year, 2028年1月4日 otherwise (June 3 / January 4, 2028)."""
    if _ja():
        return format_month_day(day) if day.year == today.year else format_date(day)
    pattern = "MMMM d" if day.year == today.year else "MMMM d, y"
    return str(babel_format_date(day, pattern, locale="en"))


def days_left(due: dt.date, today: dt.date) -> str:
    remaining = (due - today).days
    if remaining > 0:
        return _("{days} days to go").format(days=remaining)
    if remaining == 0:
        return _("the deadline is today")
    return _("{days} days past the deadline").format(days=-remaining)


def headline(assessment: Assessment) -> str:
    """The verdict in one sentence, e.g. 「個人情報保護委員会への報告が必要です（規則7条1号・3号）」."""
    items = items_words(assessment.applicable_items)
    if assessment.report_to is ReportTo.PPC:
        return _(
            "A report to the Personal Information Protection Commission is required (Rule 7, {items})"
        ).format(items=items)
    if assessment.report_to is ReportTo.DELEGATED_MINISTRY:
        return _("A report to the minister responsible for your sector is required (Rule 7, {items})").format(
            items=items
        )
    if assessment.report_to is ReportTo.ENTRUSTOR:
        return _("Notify the business that entrusted the data to you (Rule 7, {items} applies)").format(
            items=items
        )
    return _("No report to the Commission is required: this is not a reportable incident")


def requirement(assessment: Assessment) -> str:
    """Short form for the side panel."""
    if assessment.report_to is ReportTo.PPC:
        return _("Report required (Personal Information Protection Commission)")
    if assessment.report_to is ReportTo.DELEGATED_MINISTRY:
        return _("Report required (minister responsible for the sector)")
    if assessment.report_to is ReportTo.ENTRUSTOR:
        return _("Notify the entrusting business")
    return _("No report required")


def items_or_none(assessment: Assessment) -> str:
    return items_words(assessment.applicable_items) if assessment.applicable_items else _("No item applies")


@dataclass(frozen=True, slots=True)
class DeadlineLine:
    code: str  # sokuho, kakuho, entrustor_notice, individual_notice, pmark_sokuho, pmark_kakuho, gdpr
    label: str
    when: str
    note: str = ""


def deadline_lines(
    assessment: Assessment, today: dt.date, learned_date: dt.date | None = None
) -> list[DeadlineLine]:
    """速報: 6月3日〜6月5日, 確報: 7月30日（あと38日）, and the other clocks this verdict starts."""
    lines: list[DeadlineLine] = []
    window = assessment.sokuho_window
    if window is not None:
        span = _("from {start} to {end}").format(
            start=short_date(window.start, today), end=short_date(window.end, today)
        )
        lines.append(
            DeadlineLine("sokuho", _("Preliminary report (sokuho)"), span, days_left(window.end, today))
        )
    kakuho = assessment.kakuho
    if kakuho is not None:
        note = days_left(kakuho.deadline, today)
        if kakuho.moved:
            note = _("{left}; moved from {day}, a closed day").format(
                left=note, day=short_date(kakuho.nth_day, today)
            )
        lines.append(
            DeadlineLine("kakuho", _("Final report (kakuho)"), short_date(kakuho.deadline, today), note)
        )
    entrustor = assessment.entrustor_notice_window
    if entrustor is not None:
        span = _("from {start} to {end}").format(
            start=short_date(entrustor.start, today), end=short_date(entrustor.end, today)
        )
        lines.append(
            DeadlineLine(
                "entrustor_notice",
                _("Notice to the entrusting business"),
                span,
                days_left(entrustor.end, today),
            )
        )
    if assessment.individual_notice in (
        IndividualNotice.REQUIRED,
        IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED,
    ):
        lines.append(
            DeadlineLine(
                "individual_notice", _("Notice to individuals"), _("promptly, as the situation allows")
            )
        )
    start = assessment.clock_start or learned_date
    if assessment.pmark is not None and assessment.pmark.report_required and start is not None:
        if assessment.pmark.sokuho_required:
            pm_window = deadlines.sokuho_window(start)
            span = _("from {start} to {end}").format(
                start=short_date(pm_window.start, today), end=short_date(pm_window.end, today)
            )
            lines.append(
                DeadlineLine(
                    "pmark_sokuho",
                    _("Privacy Mark preliminary report"),
                    span,
                    _("a guide, not a legal deadline"),
                )
            )
        pm_kakuho = deadlines.kakuho_deadline(start, assessment.pmark.kakuho_days)
        lines.append(
            DeadlineLine(
                "pmark_kakuho",
                _("Privacy Mark final report"),
                short_date(pm_kakuho.deadline, today),
                days_left(pm_kakuho.deadline, today),
            )
        )
    if assessment.gdpr is not None:
        due = assessment.gdpr.art33_deadline.astimezone(JST)
        when = _("{day} at {time}").format(day=short_date(due.date(), today), time=due.strftime("%H:%M"))
        lines.append(
            DeadlineLine(
                "gdpr",
                _("GDPR notification to the supervisory authority"),
                when,
                _("72 hours from awareness"),
            )
        )
    return lines


def reason_text(reason: Reason) -> str:
    return reason.ja if _ja() else reason.en


def refs_text(reason: Reason) -> str:
    return ("、" if _ja() else "; ").join(reason.refs)


def exclusion_words(excluded: ExcludedBy) -> str:
    ja, en = EXCLUSION_LABELS[excluded.value]
    return ja if _ja() else en


def what_would_change(assessment: Assessment, facts: Facts | None = None) -> list[str]:
    """For a "not reportable" verdict: the facts that, if they came to light, would make it reportable.

    With the facts, items whose trigger is already present (held back only by an exclusion) are not listed.
    """
    changes: list[str] = []
    excluded = assessment.excluded_by
    if excluded is ExcludedBy.RECOVERED_BEFORE_VIEWED:
        changes.append(_("It turns out someone saw the data before it was recovered."))
    elif excluded is ExcludedBy.HIGH_GRADE_ENCRYPTION:
        changes.append(
            _("The key or password turns out to have leaked, or the encryption was weaker than thought.")
        )
    elif excluded is ExcludedBy.IDENTICAL_COPY_EXISTS:
        changes.append(
            _("Signs appear that data was taken out: it becomes a possible leak despite the copy.")
        )
    elif excluded is ExcludedBy.NOT_PERSONAL_DATA:
        changes.append(_("The data turns out to be part of organised records (personal data)."))
    elif excluded is ExcludedBy.PSEUDONYMIZED:
        changes.append(_("The data turns out to identify people after all (not pseudonymised)."))
    elif excluded is ExcludedBy.INTENTIONAL_PROVISION:
        changes.append(
            _("The data turns out to have been handed over by mistake, not by the office's decision.")
        )
    items = set(assessment.applicable_items)
    if facts is not None:
        items |= set(find_triggers(facts, ruleset_for(facts.learned_date)).items(acquiring_only=False))
    if 1 not in items:
        changes.append(
            _(
                "Special-care information (health, medical, criminal records…) turns out to be involved (item 1)."
            )
        )
    if 2 not in items:
        changes.append(
            _("Full card numbers or credentials of a payment service turn out to be involved (item 2).")
        )
    if 3 not in items:
        changes.append(_("Signs of unauthorised access, theft or other wrongdoing appear (item 3)."))
    if 4 not in items:
        changes.append(_("The number of people turns out to exceed 1,000 (item 4)."))
    return changes


def today_in_japan(now: dt.datetime) -> dt.date:
    return now.astimezone(JST).date()
