"""What happened, in the officer's words: the wizard's first question, stored in `incidents.incident_kind`."""

from __future__ import annotations

from enum import StrEnum

from app.i18n import N_, _


class IncidentKind(StrEnum):
    """Codes are stored in the register: extend, never rename."""

    EMAIL_MISSEND = "email_missend"  # メール誤送信
    MISDELIVERY = "misdelivery"  # 誤送付・誤交付
    LOSS = "loss"  # 紛失・置き忘れ
    THEFT = "theft"  # 盗難
    UNAUTHORIZED_ACCESS = "unauthorized_access"  # 不正アクセス
    RANSOMWARE = "ransomware"  # ランサムウェア・マルウェア
    ERRONEOUS_DISPOSAL = "erroneous_disposal"  # 誤廃棄・誤削除
    SYSTEM_FAULT = "system_fault"  # システム不具合
    PROCESSOR_REPORT = "processor_report"  # 委託先からの報告 (the office is the 委託元)
    OTHER = "other"  # その他

    def label(self) -> str:
        return _(_LABELS[self])

    @classmethod
    def parse(cls, value: str | None) -> IncidentKind | None:
        """Unknown or missing codes (an older register, a hand-made row) read as None instead of failing."""
        if value is None:
            return None
        try:
            return cls(value)
        except ValueError:
            return None


_LABELS = {
    IncidentKind.EMAIL_MISSEND: N_("E-mail sent to the wrong address"),
    IncidentKind.MISDELIVERY: N_("Documents sent or handed to the wrong person"),
    IncidentKind.LOSS: N_("Lost or left behind"),
    IncidentKind.THEFT: N_("Stolen"),
    IncidentKind.UNAUTHORIZED_ACCESS: N_("Unauthorised access"),
    IncidentKind.RANSOMWARE: N_("Ransomware or other malware"),
    IncidentKind.ERRONEOUS_DISPOSAL: N_("Thrown away or deleted by mistake"),
    IncidentKind.SYSTEM_FAULT: N_("System fault or misconfiguration"),
    IncidentKind.PROCESSOR_REPORT: N_("Reported to us by a contractor handling our data"),
    IncidentKind.OTHER: N_("Something else"),
}
