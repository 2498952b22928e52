"""What the office files or sends, as recorded in the register: each kind stops one clock (issue 5 records them,
issue 6 counts down to them, issue 7 produces their documents)."""

from __future__ import annotations

from enum import StrEnum

from app.i18n import N_, _


class FilingKind(StrEnum):
    SOKUHO = "sokuho"  # 速報 to the PPC / ministry
    KAKUHO = "kakuho"  # 確報
    SOKUHO_KAKUHO = "sokuho_kakuho"  # one filing serving as both (GL 3-5-3-4 ※1)
    TSUIKAN = "tsuikan"  # 追完: supplement after the 確報
    INDIVIDUAL_NOTICE = "individual_notice"  # 本人通知
    ENTRUSTOR_NOTICE = "entrustor_notice"  # 委託元への通知 (the office is the 委託先)
    PUBLICATION = "publication"  # 公表 (also as 代替措置)
    PMARK_SOKUHO = "pmark_sokuho"  # Pマーク 速報 to the 審査機関
    PMARK_KAKUHO = "pmark_kakuho"  # Pマーク 確報
    GDPR_SA = "gdpr_sa"  # GDPR Art. 33 notification to the supervisory authority

    def label(self) -> str:
        return _(_LABELS[self])


_LABELS = {
    FilingKind.SOKUHO: N_("Preliminary report (sokuho)"),
    FilingKind.KAKUHO: N_("Final report (kakuho)"),
    FilingKind.SOKUHO_KAKUHO: N_("Preliminary and final report in one"),
    FilingKind.TSUIKAN: N_("Supplementary report"),
    FilingKind.INDIVIDUAL_NOTICE: N_("Notice to individuals"),
    FilingKind.ENTRUSTOR_NOTICE: N_("Notice to the entrusting business"),
    FilingKind.PUBLICATION: N_("Public announcement"),
    FilingKind.PMARK_SOKUHO: N_("Privacy Mark preliminary report"),
    FilingKind.PMARK_KAKUHO: N_("Privacy Mark final report"),
    FilingKind.GDPR_SA: N_("GDPR notification to the supervisory authority"),
}
