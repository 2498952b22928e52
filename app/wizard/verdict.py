"""The verdict in words for the live panel and the result page: one sentence, the clocks with days left, and for a
"not reportable" verdict what would change it. Pure: `today` is passed in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date as babel_format_date

from app.calendar import day_count
from app.domain.assessment import (
    Assessment,
    BangoAssessment,
    DateWindow,
    ExcludedBy,
    Filing,
    IndividualNotice,
    Kakuho,
    Reason,
    ReportTo,
)
from app.domain.dates import JST, format_date, format_month_day
from app.domain.facts import Facts
from app.i18n import _, current_language, ngettext
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
        return ngettext("{days} day to go", "{days} days to go", remaining).format(days=remaining)
    if remaining == 0:
        return _("the deadline is today")
    return ngettext("{days} day past the deadline", "{days} days past the deadline", -remaining).format(
        days=-remaining
    )


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


# --- the 番号法 verdict beside the 第7条 one (docs/domain.md §15.4) ----------------------------------------------
def bango_shown(bango: BangoAssessment) -> bool:
    """My Numbers were in the data, so the 番号法 verdict is shown, even when outside any file (an effort report)."""
    return bango.applies or bango.excluded_by is not None or bango.effort_report


def bango_headline(bango: BangoAssessment) -> str:
    """「個人情報保護委員会への報告が必要です（規則2条4号）」, the effort duty, or no report; shown under the law's name."""
    items = items_words(bango.categories)
    if bango.report_to is ReportTo.PPC:
        return _(
            "A report to the Personal Information Protection Commission is required (Rules Art. 2, {items})"
        ).format(items=items)
    if bango.report_to is ReportTo.ENTRUSTOR:
        return _("Notify the business that entrusted the data to you (Rules Art. 2, {items} applies)").format(
            items=items
        )
    if bango.effort_report:
        return _(
            "No duty to report, but the office should endeavour to report to the Commission (effort duty)"
        )
    return _("No report to the Commission is required under the My Number Act")


def bango_requirement(bango: BangoAssessment) -> str:
    """Short form for the side panel."""
    if bango.report_to is ReportTo.PPC:
        return _("Report required (Personal Information Protection Commission)")
    if bango.report_to is ReportTo.ENTRUSTOR:
        return _("Notify the entrusting business")
    if bango.effort_report:
        return _("Report as an effort duty (not required)")
    return _("No report required")


def bango_items_or_none(bango: BangoAssessment) -> str:
    return items_words(bango.categories) if bango.categories else _("No item applies")


def filing_words(bango: BangoAssessment) -> str:
    """How to file, in plain words (CONV-BANGO-FILING); empty when nothing is filed with the Commission."""
    words = {
        Filing.JOINT: _("One filing for both laws, through the My Number path of the Commission's form"),
        Filing.SEPARATE: _(
            "Two filings: the APPI report to the minister responsible for the sector, the My Number Act report to the Commission"
        ),
        Filing.BANGO_ONLY: _(
            "My Number Act report only, through the My Number path of the Commission's form"
        ),
        Filing.APPI_ONLY: _(
            "APPI report only, but through the My Number path of the Commission's form (My Numbers are involved)"
        ),
    }
    return words[bango.filing] if bango.filing is not None else ""


def bango_what_would_change(bango: BangoAssessment) -> list[str]:
    """For a 番号法 verdict without a duty to report: what would make it one (規則2条2〜4号)."""
    if bango.reportable or not bango.applies or bango.excluded_by is not None:
        return []
    return [
        _("Signs appear that someone acted with a wrongful purpose (My Number Act, item 2)."),
        _("The My Numbers turn out to have been viewable online by people outside the office (item 3)."),
        _("More than 100 people's My Numbers turn out to be involved (item 4)."),
    ]


@dataclass(frozen=True, slots=True)
class DeadlineLine:
    # sokuho, kakuho, entrustor_notice, individual_notice (第7条, or both laws when they coincide),
    # bango_sokuho, bango_kakuho, bango_entrustor_notice, bango_individual_notice, pmark_sokuho, pmark_kakuho, gdpr
    code: str
    label: str
    when: str
    note: str = ""


APPI, BANGO = "appi", "bango"


def law_words(laws: tuple[str, ...]) -> str:
    """「個人情報保護法・番号法」 / "APPI and My Number Act"."""
    names = {APPI: _("APPI"), BANGO: _("My Number Act")}
    return ("・" if _ja() else " and ").join(names[law] for law in laws)


def _labelled(label: str, laws: tuple[str, ...], by_law: bool) -> str:
    """「確報（個人情報保護法・番号法）」: the laws are named only when My Numbers put both tracks on the table."""
    return _("{clock} ({laws})").format(clock=label, laws=law_words(laws)) if by_law else label


def promptly_by(window: DateWindow, today: dt.date) -> str:
    """「速やかに（遅くとも6月5日まで）」: the duty is 速やかに; day 5 is the guideline's outer bound (CONV-SOKUHO)."""
    return _("promptly ({end} at the latest)").format(end=short_date(window.end, today))


def _window_lines(
    code: str,
    label: str,
    appi: DateWindow | None,
    bango: DateWindow | None,
    today: dt.date,
    by_law: bool,
) -> list[DeadlineLine]:
    def line(line_code: str, window: DateWindow, laws: tuple[str, ...]) -> DeadlineLine:
        return DeadlineLine(
            line_code,
            _labelled(label, laws, by_law),
            promptly_by(window, today),
            days_left(window.end, today),
        )

    if appi is not None and appi == bango:
        return [line(code, appi, (APPI, BANGO))]
    found = [line(code, appi, (APPI,))] if appi is not None else []
    return found + ([line(f"bango_{code}", bango, (BANGO,))] if bango is not None else [])


def _kakuho_lines(assessment: Assessment, today: dt.date, by_law: bool) -> list[DeadlineLine]:
    def line(line_code: str, kakuho: Kakuho, laws: tuple[str, ...]) -> DeadlineLine:
        note = days_left(kakuho.deadline, today)
        if kakuho.moved:
            note = _("{left}; moved from {day}, a closed day").format(
                left=note, day=short_date(kakuho.nth_day, today)
            )
        label = _labelled(_("Final report (kakuho)"), laws, by_law)
        return DeadlineLine(line_code, label, short_date(kakuho.deadline, today), note)

    appi, bango = assessment.kakuho, assessment.bango.kakuho
    if appi is not None and bango is not None and appi.deadline == bango.deadline:
        return [line("kakuho", appi, (APPI, BANGO))]
    found = [line("kakuho", appi, (APPI,))] if appi is not None else []
    return found + ([line("bango_kakuho", bango, (BANGO,))] if bango is not None else [])


_NOTIFY = (IndividualNotice.REQUIRED, IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED)


def deadline_lines(
    assessment: Assessment, today: dt.date, learned_date: dt.date | None = None
) -> list[DeadlineLine]:
    """速報: 速やかに（遅くとも6月5日まで）, 確報: 7月30日（あと38日）, and the other clocks this verdict starts.

    With My Numbers, each line names its law, and a date both laws share is one line: 「確報（個人情報保護法・番号法）」.
    """
    bango = assessment.bango
    by_law = bango_shown(bango)
    lines = _window_lines(
        "sokuho",
        _("Preliminary report (sokuho)"),
        assessment.sokuho_window,
        bango.sokuho_window,
        today,
        by_law,
    )
    lines += _kakuho_lines(assessment, today, by_law)
    lines += _window_lines(
        "entrustor_notice",
        _("Notice to the entrusting business"),
        assessment.entrustor_notice_window,
        bango.entrustor_notice_window,
        today,
        by_law,
    )
    laws = tuple(
        law
        for law, notice in ((APPI, assessment.individual_notice), (BANGO, bango.individual_notice))
        if notice in _NOTIFY
    )
    if laws:
        code = "bango_individual_notice" if laws == (BANGO,) else "individual_notice"
        label = _labelled(_("Notice to individuals"), laws, by_law)
        lines.append(DeadlineLine(code, label, _("promptly, as the situation allows")))
    start = assessment.clock_start or bango.clock_start or learned_date
    if assessment.pmark is not None and assessment.pmark.report_required and start is not None:
        if assessment.pmark.sokuho_required:
            pm_window = day_count.sokuho_window(start)
            lines.append(
                DeadlineLine(
                    "pmark_sokuho",
                    _("Privacy Mark preliminary report"),
                    promptly_by(pm_window, today),
                    _("a guide, not a legal deadline"),
                )
            )
        pm_kakuho = day_count.kakuho_deadline(start, assessment.pmark.kakuho_days)
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
