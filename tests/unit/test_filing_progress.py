"""Which steps the live filings have done, for the wizard's re-assessment (issue 18: no advice to file a 速報 already
filed). The rule is the clocks' own (app/deadlines/clocks.py); these cases pin what the result page relies on."""

from __future__ import annotations

import datetime as dt

from app.deadlines.advice import LiveFiling, filing_progress, reasons_for_today
from app.deadlines.kinds import ClockKind
from app.domain.assessment import Assessment
from app.domain.dates import JST
from app.domain.filing import FilingKind
from app.domain.office import OfficeProfile
from app.rules import assess
from app.wizard.mapping import answers_to_facts
from tests.wizard.conftest import NOW, answers

OFFICE = OfficeProfile(name="さくら会計事務所")
DAY4 = dt.datetime(2027, 6, 4, 9, 0, tzinfo=JST)  # learned 6/1: day 4, inside the 速報 guide window
FILED = dt.datetime(2027, 6, 2, 11, 0, tzinfo=JST)


def payroll(**extra: object) -> Assessment:
    """Health data and 150 My Numbers by e-mail to a wrong address: 第7条 1号 and 番号法 4号, one joint filing."""
    given = answers(
        "email_missend",
        ["name", "health_checkup_result"],
        count=150,
        my_number="yes",
        bango_count={"mode": "exact", "value": 150},
        bango_crossing={"when": "from_start"},
        recovered="no",
        encryption={"encrypted": "no"},
        bango={
            "viewable": "no",
            "recipient": "mistaken",
            "use": "no",
            "violation": "no",
            "gov_system": False,
        },
        **extra,
    )
    return assess(answers_to_facts(given, OFFICE, now=NOW))


def sokuho_advice(assessment: Assessment, kinds: frozenset[FilingKind]) -> str:
    return next(r.ja for r in reasons_for_today(assessment, DAY4.date(), kinds) if r.code == "R8-1")


def test_without_filings_every_step_is_open_as_for_a_new_incident() -> None:
    assessment = payroll()
    progress = filing_progress(assessment, [], OFFICE, DAY4)
    assert progress.done == {}
    assert {ClockKind.SOKUHO, ClockKind.KAKUHO, ClockKind.INDIVIDUAL_NOTICE} <= progress.clocks
    assert FilingKind.SOKUHO in progress.open_kinds
    assert "本日中の報告をお勧めします" in sokuho_advice(assessment, progress.open_kinds)
    assert all(progress.for_reason(r) is None for r in assessment.reasons)


def test_a_filed_sokuho_does_the_step_of_both_laws_and_leaves_the_kakuho_open() -> None:
    assessment = payroll()
    filing = LiveFiling(FilingKind.SOKUHO, FILED, "ppc_form", "R-0042")
    progress = filing_progress(assessment, [filing], OFFICE, DAY4)
    r81 = next(r for r in assessment.reasons if r.code == "R8-1")
    step = progress.for_reason(r81)
    assert step is not None and (step.filed_at, step.receipt_number) == (FILED, "R-0042")
    assert step.clock is ClockKind.SOKUHO and step.filing is FilingKind.SOKUHO
    bango_sokuho = next(r for r in assessment.bango.reasons if r.code == "BANGO-SOKUHO")
    bango_step = progress.for_reason(bango_sokuho)
    assert bango_step is not None and bango_step.clock is ClockKind.BANGO_SOKUHO  # one joint filing
    codes = {"sokuho", "kakuho", "individual_notice"}
    assert progress.for_line("sokuho", codes) is not None
    assert progress.for_line("kakuho", codes) is None
    assert progress.for_line("individual_notice", codes) is None
    r82 = next(r for r in assessment.reasons if r.code == "R8-2")
    assert progress.for_reason(r82) is None
    assert FilingKind.SOKUHO not in progress.open_kinds
    assert progress.for_checklist_step("file_sokuho_ppc") == step
    assert progress.for_checklist_step("file_kakuho") is None


def test_a_kakuho_alone_meets_the_sokuho_too() -> None:
    """As in the register's status (app/domain/status.py): once the full report is in, no 速報 is left to make, so
    the wizard neither advises one nor counts it down."""
    progress = filing_progress(payroll(), [LiveFiling(FilingKind.KAKUHO, FILED)], OFFICE, DAY4)
    assert {ClockKind.SOKUHO, ClockKind.KAKUHO, ClockKind.BANGO_SOKUHO, ClockKind.BANGO_KAKUHO} <= set(
        progress.done
    )
    assert FilingKind.SOKUHO not in progress.open_kinds


def test_a_processor_s_notice_to_its_entrustor_is_done_once_sent() -> None:
    given = answers(
        "email_missend", ["diagnosis"], recovered="no", encryption={"encrypted": "no"}, role="processor"
    )
    assessment = assess(answers_to_facts(given, OFFICE, now=NOW))
    open_progress = filing_progress(assessment, [], OFFICE, DAY4)
    assert FilingKind.ENTRUSTOR_NOTICE in open_progress.open_kinds
    r9 = next(r for r in assessment.reasons if r.code == "R9")
    assert "本日中の通知をお勧めします" in next(
        r.ja for r in reasons_for_today(assessment, DAY4.date(), open_progress.open_kinds) if r.code == "R9"
    )
    sent = LiveFiling(FilingKind.ENTRUSTOR_NOTICE, FILED, "email")
    progress = filing_progress(assessment, [sent], OFFICE, DAY4)
    step = progress.for_reason(r9)
    assert step is not None and step.clock is ClockKind.ENTRUSTOR_NOTICE
    assert progress.for_line("entrustor_notice", {"entrustor_notice"}) == step
    assert progress.for_checklist_step("notify_entrustor") == step
