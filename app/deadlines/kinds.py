"""The kinds of clock and their states, with the words and legal basis the officer reads for each.

The 番号法 track (docs/domain.md §15) has kinds of its own: its duties are owed under another Act, and where they
fall on other days than the 第7条 ones the officer needs to see both. Where they fall on the same days they are
shown as one clock (app/deadlines/clocks.py), keyed by the 第7条 kind so that reminders already shown stay shown.
"""

from __future__ import annotations

from enum import StrEnum

from app.domain.filing import FilingKind
from app.i18n import N_, _


class ClockKind(StrEnum):
    SOKUHO = "sokuho"
    KAKUHO = "kakuho"
    ENTRUSTOR_NOTICE = "entrustor_notice"
    INDIVIDUAL_NOTICE = "individual_notice"
    PUBLICATION = "publication"
    PMARK_SOKUHO = "pmark_sokuho"
    PMARK_KAKUHO = "pmark_kakuho"
    GDPR = "gdpr"
    # 番号法29条の4 (docs/domain.md §15): appended, so the order of the older kinds (a tie-break) is unchanged.
    BANGO_SOKUHO = "bango_sokuho"
    BANGO_KAKUHO = "bango_kakuho"
    BANGO_ENTRUSTOR_NOTICE = "bango_entrustor_notice"
    BANGO_INDIVIDUAL_NOTICE = "bango_individual_notice"
    BANGO_EFFORT_REPORT = "bango_effort_report"  # 努力義務 (GL-B 別添2 3B): not a deadline, never reminded

    def label(self) -> str:
        return _(_KIND_TEXTS[self][0])

    def legal_basis(self) -> str:
        return _(_KIND_TEXTS[self][1])

    @property
    def basis_msgid(self) -> str:
        """The untranslated basis, for text that must be Japanese whatever the UI language (calendar files)."""
        return _KIND_TEXTS[self][1]

    @property
    def ja(self) -> str:
        """The Japanese name whatever the UI language: calendar files are written in Japanese."""
        return _KIND_JA[self]

    @property
    def stopped_by(self) -> frozenset[FilingKind]:
        return _STOPPED_BY[self]

    @property
    def bango(self) -> bool:
        """A duty under the 番号法 rather than the 個人情報保護法 (or the P-mark rules, or the GDPR)."""
        return self in _BANGO_OF.values() or self is ClockKind.BANGO_EFFORT_REPORT

    @property
    def bango_counterpart(self) -> ClockKind | None:
        """The 番号法 duty of the same kind (速報 → 番号法 速報), which one clock can stand for when both coincide."""
        return _BANGO_OF.get(self)

    @property
    def effort_only(self) -> bool:
        """Not a legal duty but an endeavour (努力義務): shown until done, with no date and no reminders."""
        return self is ClockKind.BANGO_EFFORT_REPORT


_KIND_TEXTS: dict[ClockKind, tuple[str, str]] = {
    ClockKind.SOKUHO: (
        N_("Preliminary report (sokuho)"),
        N_("Rule 8(1), Guidelines 3-5-3-3: promptly, as a guide within about 3 to 5 days"),
    ),
    ClockKind.KAKUHO: (
        N_("Final report (kakuho)"),
        N_(
            "Rule 8(2), Guidelines 3-5-3-4: within 30 days (60 days for item 3); a closed last day moves to the next open day"
        ),
    ),
    ClockKind.ENTRUSTOR_NOTICE: (
        N_("Notice to the entrusting business"),
        N_("Rule 9, Guidelines 3-5-3-5: promptly, as a guide within about 3 to 5 days"),
    ),
    ClockKind.INDIVIDUAL_NOTICE: (
        N_("Notice to individuals"),
        N_("Act Art. 26(2), Rule 10: promptly, according to the situation (no fixed date)"),
    ),
    ClockKind.PUBLICATION: (
        N_("Public announcement"),
        N_("Act Art. 26(2) proviso, Guidelines 3-5-4-5: substitute measure where notice is difficult"),
    ),
    ClockKind.PMARK_SOKUHO: (
        N_("Privacy Mark preliminary report"),
        N_("PrivacyMark (PMK500): about 3 to 5 days from discovery (counting is this app's convention)"),
    ),
    ClockKind.PMARK_KAKUHO: (
        N_("Privacy Mark final report"),
        N_(
            "PrivacyMark (PMK500): 30 days from discovery, 60 for a wrongful purpose (counting is this app's convention)"
        ),
    ),
    ClockKind.GDPR: (
        N_("GDPR Art. 33 notification"),
        N_("GDPR Art. 33: without undue delay and within 72 hours of becoming aware"),
    ),
    ClockKind.BANGO_SOKUHO: (
        N_("My Number Act preliminary report"),
        N_(
            "My Number Act Art. 29-4(1), Rule Art. 3(1), GL-B Annex 2 3D: promptly, as a guide within about 3 to 5 days"
        ),
    ),
    ClockKind.BANGO_KAKUHO: (
        N_("My Number Act final report"),
        N_(
            "My Number Act Art. 29-4(1), Rule Art. 3(2), GL-B Annex 2 3E: within 30 days (60 days for category 2); "
            "a closed last day moves to the next open day"
        ),
    ),
    ClockKind.BANGO_ENTRUSTOR_NOTICE: (
        N_("My Number Act notice to the entrusting business"),
        N_(
            "My Number Act Art. 29-4(1) proviso, Rule Art. 4, GL-B Annex 2 3F: promptly, as a guide within about "
            "3 to 5 days; only once it is made are the report and the notice to individuals not required"
        ),
    ),
    ClockKind.BANGO_INDIVIDUAL_NOTICE: (
        N_("My Number Act notice to individuals"),
        N_(
            "My Number Act Art. 29-4(2), Rule Art. 5, GL-B Annex 2 4: promptly, according to the situation "
            "(no fixed date)"
        ),
    ),
    ClockKind.BANGO_EFFORT_REPORT: (
        N_("My Number Act report (best effort)"),
        N_(
            "GL-B Annex 2 2 and 3B: not a reportable situation, but the business shall endeavour to report it "
            "to the PPC (not a legal duty; no fixed date)"
        ),
    ),
}
_BANGO_OF: dict[ClockKind, ClockKind] = {
    ClockKind.SOKUHO: ClockKind.BANGO_SOKUHO,
    ClockKind.KAKUHO: ClockKind.BANGO_KAKUHO,
    ClockKind.ENTRUSTOR_NOTICE: ClockKind.BANGO_ENTRUSTOR_NOTICE,
    ClockKind.INDIVIDUAL_NOTICE: ClockKind.BANGO_INDIVIDUAL_NOTICE,
}

_KIND_JA: dict[ClockKind, str] = {
    ClockKind.SOKUHO: "速報",
    ClockKind.KAKUHO: "確報",
    ClockKind.ENTRUSTOR_NOTICE: "委託元への通知",
    ClockKind.INDIVIDUAL_NOTICE: "本人通知",
    ClockKind.PUBLICATION: "公表（代替措置）",
    ClockKind.PMARK_SOKUHO: "Pマーク速報",
    ClockKind.PMARK_KAKUHO: "Pマーク確報",
    ClockKind.GDPR: "GDPR第33条通知（72時間）",
    ClockKind.BANGO_SOKUHO: "番号法 速報",
    ClockKind.BANGO_KAKUHO: "番号法 確報",
    ClockKind.BANGO_ENTRUSTOR_NOTICE: "番号法 委託元への通知",
    ClockKind.BANGO_INDIVIDUAL_NOTICE: "番号法 本人通知",
    ClockKind.BANGO_EFFORT_REPORT: "番号法 報告（努力義務）",
}

# A 確報 stops the 速報 clock too, as it meets the 速報 requirement in the register's status (app/domain/status.py):
# once the full report is in there is no 速報 left to make (docs/domain.md §5.2, GL 3-5-3-4 ※1). A 確報 made after
# the 速報's window ends the clock as done late, so the annual review still counts the 速報 as missed.
_STOPPED_BY: dict[ClockKind, frozenset[FilingKind]] = {
    ClockKind.SOKUHO: frozenset({FilingKind.SOKUHO, FilingKind.SOKUHO_KAKUHO, FilingKind.KAKUHO}),
    ClockKind.KAKUHO: frozenset({FilingKind.KAKUHO, FilingKind.SOKUHO_KAKUHO}),
    ClockKind.ENTRUSTOR_NOTICE: frozenset({FilingKind.ENTRUSTOR_NOTICE}),
    ClockKind.INDIVIDUAL_NOTICE: frozenset({FilingKind.INDIVIDUAL_NOTICE}),
    ClockKind.PUBLICATION: frozenset({FilingKind.PUBLICATION}),
    ClockKind.PMARK_SOKUHO: frozenset({FilingKind.PMARK_SOKUHO, FilingKind.PMARK_KAKUHO}),
    ClockKind.PMARK_KAKUHO: frozenset({FilingKind.PMARK_KAKUHO}),
    ClockKind.GDPR: frozenset({FilingKind.GDPR_SA}),
    # The PPC form's My Number path carries the 番号法 report: the same filings stop it (app/deadlines/clocks.py explains
    # the one case, 第7条 to a ministry, where the channel tells the two reports apart).
    ClockKind.BANGO_SOKUHO: frozenset({FilingKind.SOKUHO, FilingKind.SOKUHO_KAKUHO, FilingKind.KAKUHO}),
    ClockKind.BANGO_KAKUHO: frozenset({FilingKind.KAKUHO, FilingKind.SOKUHO_KAKUHO}),
    ClockKind.BANGO_ENTRUSTOR_NOTICE: frozenset({FilingKind.ENTRUSTOR_NOTICE}),
    ClockKind.BANGO_INDIVIDUAL_NOTICE: frozenset({FilingKind.INDIVIDUAL_NOTICE}),
    # Any report made through the PPC form: it is the one the guideline asks the business to endeavour to make.
    ClockKind.BANGO_EFFORT_REPORT: frozenset(
        {FilingKind.SOKUHO, FilingKind.KAKUHO, FilingKind.SOKUHO_KAKUHO}
    ),
}


class ClockState(StrEnum):
    UPCOMING = "upcoming"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OPEN_NO_DATE = "open_no_date"  # 速やかに: no date, reminded until a filing is recorded

    @property
    def done(self) -> bool:
        return self in (ClockState.DONE_ON_TIME, ClockState.DONE_LATE)

    def label(self) -> str:
        return _(_STATE_LABELS[self])


_STATE_LABELS = {
    ClockState.UPCOMING: N_("Upcoming"),
    ClockState.DUE_TODAY: N_("Due today"),
    ClockState.OVERDUE: N_("Overdue"),
    ClockState.DONE_ON_TIME: N_("Done on time"),
    ClockState.DONE_LATE: N_("Done late"),
    ClockState.OPEN_NO_DATE: N_("Promptly (no date)"),
}
