"""The kinds of clock and their states, with the words and legal basis the officer reads for each."""

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
}

_STOPPED_BY: dict[ClockKind, frozenset[FilingKind]] = {
    ClockKind.SOKUHO: frozenset({FilingKind.SOKUHO, FilingKind.SOKUHO_KAKUHO}),
    ClockKind.KAKUHO: frozenset({FilingKind.KAKUHO, FilingKind.SOKUHO_KAKUHO}),
    ClockKind.ENTRUSTOR_NOTICE: frozenset({FilingKind.ENTRUSTOR_NOTICE}),
    ClockKind.INDIVIDUAL_NOTICE: frozenset({FilingKind.INDIVIDUAL_NOTICE}),
    ClockKind.PUBLICATION: frozenset({FilingKind.PUBLICATION}),
    ClockKind.PMARK_SOKUHO: frozenset({FilingKind.PMARK_SOKUHO}),
    ClockKind.PMARK_KAKUHO: frozenset({FilingKind.PMARK_KAKUHO}),
    ClockKind.GDPR: frozenset({FilingKind.GDPR_SA}),
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
