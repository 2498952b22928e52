"""The incident's lifecycle status and next deadline, derived from the record instead of typed by hand.

調査中 → 速報済 → 確報済 → 本人通知済 → 完了, or 非該当（記録のみ）. The status shows the furthest step the
filings prove; "closed" is the only state the officer sets, and closing asks first when a filing the assessment
requires is missing. For a 委託先 whose 委託元 reports, the notice to the 委託元 is its report (LAW26-1 proviso).
The 番号法 track (docs/domain.md §15) asks for the same kinds of filing (its report goes through the PPC form's My
Number path, CONV-BANGO-FILING): an incident reportable under either law is reportable, and its dates count too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from app.domain.assessment import Assessment, IndividualNotice, ReportTo
from app.domain.filing import FilingKind
from app.domain.incident import IncidentStatus

K = FilingKind
# A requirement is met by any one of these kinds.
_SATISFIED_BY: dict[FilingKind, frozenset[FilingKind]] = {
    K.SOKUHO: frozenset({K.SOKUHO, K.SOKUHO_KAKUHO, K.KAKUHO}),
    K.KAKUHO: frozenset({K.KAKUHO, K.SOKUHO_KAKUHO}),
    K.INDIVIDUAL_NOTICE: frozenset({K.INDIVIDUAL_NOTICE}),
    K.ENTRUSTOR_NOTICE: frozenset({K.ENTRUSTOR_NOTICE}),
    K.PMARK_SOKUHO: frozenset({K.PMARK_SOKUHO, K.PMARK_KAKUHO}),
    K.PMARK_KAKUHO: frozenset({K.PMARK_KAKUHO}),
    K.GDPR_SA: frozenset({K.GDPR_SA}),
}


@dataclass(frozen=True, slots=True)
class PendingDeadline:
    kind: FilingKind
    due: (
        dt.date
    )  # the 確報 deadline, or the last day of a guide window (速報, 委託元通知), or the GDPR 72 h date


def _kinds(filed: Collection[FilingKind | str]) -> frozenset[FilingKind]:
    return frozenset(FilingKind(k) for k in filed)


def required_filings(assessment: Assessment | None) -> tuple[FilingKind, ...]:
    """What the assessment asks this office to file; nothing before an assessment or when not reportable."""
    if assessment is None:
        return ()
    required: list[FilingKind] = []
    bango = assessment.bango
    if ReportTo.ENTRUSTOR in (assessment.report_to, bango.report_to):
        required.append(K.ENTRUSTOR_NOTICE)
    elif assessment.ppc_report_required or bango.report_required:
        required += [K.SOKUHO, K.KAKUHO]
    if (
        assessment.individual_notice
        in (IndividualNotice.REQUIRED, IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED)
        or bango.notify_required
    ):
        required.append(K.INDIVIDUAL_NOTICE)
    if assessment.pmark is not None and assessment.pmark.report_required:
        if assessment.pmark.sokuho_required:
            required.append(K.PMARK_SOKUHO)
        required.append(K.PMARK_KAKUHO)
    if assessment.gdpr is not None:
        required.append(K.GDPR_SA)
    return tuple(required)


def is_met(
    requirement: FilingKind, filed: Collection[FilingKind | str], assessment: Assessment | None
) -> bool:
    kinds = _kinds(filed)
    accepted = set(_SATISFIED_BY.get(requirement, {requirement}))
    if (
        requirement is K.INDIVIDUAL_NOTICE
        and assessment is not None
        and assessment.individual_notice is IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED
    ):
        accepted.add(K.PUBLICATION)  # 代替措置 where notice is difficult (GL 3-5-4-5)
    return bool(kinds & accepted)


def missing_filings(
    assessment: Assessment | None, filed: Collection[FilingKind | str]
) -> tuple[FilingKind, ...]:
    return tuple(r for r in required_filings(assessment) if not is_met(r, filed, assessment))


def derive_status(
    assessment: Assessment | None, filed: Collection[FilingKind | str], closed: bool
) -> IncidentStatus:
    if closed:
        return IncidentStatus.CLOSED
    if assessment is not None and not assessment.any_reportable:
        return IncidentStatus.NOT_REPORTABLE
    kinds = _kinds(filed)
    reported = is_met(K.KAKUHO, kinds, assessment) or (
        assessment is not None
        and ReportTo.ENTRUSTOR in (assessment.report_to, assessment.bango.report_to)
        and is_met(K.ENTRUSTOR_NOTICE, kinds, assessment)
    )
    notified = is_met(K.INDIVIDUAL_NOTICE, kinds, assessment)
    reports = assessment is not None and (assessment.ppc_report_required or assessment.bango.report_required)
    if notified and (reported or (assessment is not None and not reports)):
        return IncidentStatus.INDIVIDUALS_NOTIFIED
    if reported:
        return IncidentStatus.KAKUHO_FILED
    if is_met(K.SOKUHO, kinds, assessment):
        return IncidentStatus.SOKUHO_FILED
    return IncidentStatus.INVESTIGATING


def pending_deadlines(
    assessment: Assessment | None, filed: Collection[FilingKind | str], closed: bool
) -> tuple[PendingDeadline, ...]:
    """Dated obligations not yet met, earliest first; 本人通知 has no date (速やかに) and Pマーク dates are issue 6's."""
    if closed or assessment is None or not assessment.any_reportable:
        return ()
    pending: list[PendingDeadline] = []
    missing = set(missing_filings(assessment, filed))

    def add(item: PendingDeadline) -> None:
        if item not in pending:  # a day both laws share is listed once
            pending.append(item)

    for track in (assessment, assessment.bango):
        if K.SOKUHO in missing and track.sokuho_window is not None:
            add(PendingDeadline(K.SOKUHO, track.sokuho_window.end))
        if K.KAKUHO in missing and track.kakuho is not None:
            add(PendingDeadline(K.KAKUHO, track.kakuho.deadline))
        if K.ENTRUSTOR_NOTICE in missing and track.entrustor_notice_window is not None:
            add(PendingDeadline(K.ENTRUSTOR_NOTICE, track.entrustor_notice_window.end))
    if K.GDPR_SA in missing and assessment.gdpr is not None:
        add(PendingDeadline(K.GDPR_SA, assessment.gdpr.art33_deadline.date()))
    return tuple(sorted(pending, key=lambda p: p.due))


def next_deadline(
    assessment: Assessment | None, filed: Collection[FilingKind | str], closed: bool
) -> dt.date | None:
    pending = pending_deadlines(assessment, filed, closed)
    return pending[0].due if pending else None
