"""The status is derived from the record: assessment, filings made, closed or not — never typed by hand."""

from __future__ import annotations

import datetime as dt

from app.domain.filing import FilingKind as K
from app.domain.incident import IncidentStatus as S
from app.domain.status import derive_status, missing_filings, next_deadline, pending_deadlines
from app.rules import assess
from tests.register.conftest import facts

REPORTABLE = assess(facts())  # 1号: 速報 7/3–7/5, 確報 7/30, notice required
NOT_REPORTABLE = assess(facts(recovered_before_viewed=True))
PROCESSOR = assess(facts(role="processor"))


def test_lifecycle_follows_the_filings() -> None:
    assert derive_status(REPORTABLE, [], closed=False) is S.INVESTIGATING
    assert derive_status(REPORTABLE, [K.SOKUHO], closed=False) is S.SOKUHO_FILED
    assert derive_status(REPORTABLE, [K.SOKUHO, K.KAKUHO], closed=False) is S.KAKUHO_FILED
    assert (
        derive_status(REPORTABLE, ["sokuho", "kakuho", "individual_notice"], closed=False)
        is S.INDIVIDUALS_NOTIFIED
    )
    assert derive_status(REPORTABLE, [K.SOKUHO_KAKUHO], closed=False) is S.KAKUHO_FILED
    assert derive_status(REPORTABLE, [K.SOKUHO], closed=True) is S.CLOSED


def test_notice_before_the_final_report_does_not_skip_a_step() -> None:
    assert derive_status(REPORTABLE, [K.SOKUHO, K.INDIVIDUAL_NOTICE], closed=False) is S.SOKUHO_FILED


def test_not_reportable_and_not_assessed() -> None:
    assert derive_status(NOT_REPORTABLE, [], closed=False) is S.NOT_REPORTABLE
    assert derive_status(None, [], closed=False) is S.INVESTIGATING
    assert missing_filings(NOT_REPORTABLE, []) == ()
    assert next_deadline(NOT_REPORTABLE, [], closed=False) is None


def test_next_deadline_is_the_earliest_obligation_still_open() -> None:
    assert next_deadline(REPORTABLE, [], closed=False) == dt.date(2027, 7, 5)  # end of the 速報 guide window
    assert next_deadline(REPORTABLE, [K.SOKUHO], closed=False) == dt.date(2027, 7, 30)  # 確報, day 30
    assert next_deadline(REPORTABLE, [K.SOKUHO, K.KAKUHO], closed=False) is None  # 本人通知 has no date
    assert next_deadline(REPORTABLE, [], closed=True) is None
    assert [p.kind for p in pending_deadlines(REPORTABLE, [], closed=False)] == [K.SOKUHO, K.KAKUHO]


def test_missing_filings_name_what_closing_would_leave_undone() -> None:
    assert missing_filings(REPORTABLE, [K.SOKUHO]) == (K.KAKUHO, K.INDIVIDUAL_NOTICE)
    assert missing_filings(REPORTABLE, [K.SOKUHO_KAKUHO, K.INDIVIDUAL_NOTICE]) == ()


def test_a_processor_reports_to_its_entrusting_business() -> None:
    assert missing_filings(PROCESSOR, []) == (K.ENTRUSTOR_NOTICE,)
    assert derive_status(PROCESSOR, [K.ENTRUSTOR_NOTICE], closed=False) is S.KAKUHO_FILED
    assert next_deadline(PROCESSOR, [], closed=False) == PROCESSOR.entrustor_notice_window.end  # type: ignore[union-attr]


def test_publication_stands_in_for_notice_when_notice_is_difficult() -> None:
    difficult = assess(facts(notification_difficult=True))
    assert K.INDIVIDUAL_NOTICE not in missing_filings(difficult, [K.PUBLICATION])
    assert K.INDIVIDUAL_NOTICE in missing_filings(REPORTABLE, [K.PUBLICATION])
