"""JIPDEC's incident statistics categories (docs/domain.md §8, seed 000): 発生事象, 事象分類, 原因, as dropdown data.

Codes are stored in `incidents.jipdec_*`, so they never change; the labels are JIPDEC's own Japanese words (with an
English gloss for the English UI), which is what lets the office compare itself with the national statistics.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.incident_kind import IncidentKind


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    ja: str
    en: str
    group: str = ""  # 原因 only: "person" (担当者) or "organisation" (組織)

    def label(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


C = Category

# PMK500 incident kinds ①〜⑨ (PM-2 QA11 1-1).
EVENTS: tuple[Category, ...] = (
    C("leak", "漏えい", "Leak"),
    C("loss", "紛失", "Loss"),
    C("destruction", "滅失・き損", "Destruction or damage"),
    C("alteration", "改ざん、正確性の未確保", "Alteration, inaccuracy"),
    C("improper_acquisition", "不正・不適正取得", "Improper acquisition"),
    C("purpose_violation", "目的外利用・提供", "Use or provision beyond the purpose"),
    C("misuse", "不正利用", "Misuse"),
    C("refused_request", "開示等の求め等の拒否", "Refusal of a disclosure request"),
    C("possibility", "上記事象のおそれ", "Possibility of the above"),
)

# 事象分類 of the FY2023 statistics (SEED000), plus "other" for what fits none of them.
CATEGORIES: tuple[Category, ...] = (
    C("misdelivery", "誤配達・誤交付", "Misdelivery or handed to the wrong person"),
    C("missend", "誤送信", "Sent to the wrong address"),
    C("loss", "紛失・滅失・き損", "Lost, destroyed or damaged"),
    C("unauthorized_access", "不正アクセス", "Unauthorised access"),
    C("misregistration", "誤登録", "Registered wrongly"),
    C("malware", "マルウェア・ウイルス", "Malware or virus"),
    C("misdisplay", "誤表示", "Displayed wrongly"),
    C("misdisposal", "誤廃棄", "Disposed of by mistake"),
    C("theft", "盗難", "Theft"),
    C("insider", "内部不正行為", "Insider wrongdoing"),
    C("other", "その他", "Other"),
)

# 原因 of the FY2022 statistics; the source list is truncated after "SQL対策…", and the split into person/organisation
# causes follows the training deck's grouping (担当者 / 組織) as far as it is legible.
CAUSES: tuple[Category, ...] = (
    C("rule_violation", "手順・ルール違反の作業・操作", "Work against the procedure or rules", "person"),
    C("operation_error", "作業・操作ミス", "Operating error", "person"),
    C("insufficient_check", "確認不足", "Insufficient checking", "person"),
    C("insufficient_training", "従業員教育不十分", "Insufficient staff training", "organisation"),
    C("risk_analysis", "リスク特定・分析・評価不十分", "Insufficient risk analysis", "organisation"),
    C("weak_password", "簡易なパスワード設定", "Weak password", "organisation"),
    C("access_control", "アクセス制御不備", "Inadequate access control", "organisation"),
    C("program_design", "プログラム設計・設定の不備", "Program design or configuration flaw", "organisation"),
    C("patching", "バージョン・パッチ適用の不備", "Missing version update or patch", "organisation"),
    C("sql_measures", "SQL対策の不備", "Missing SQL injection measures", "organisation"),
    C("other", "その他", "Other", ""),
)

CAUSE_GROUPS: dict[str, tuple[str, str]] = {
    "person": ("担当者", "Staff"),
    "organisation": ("組織", "Organisation"),
}

_SUGGESTED_CATEGORY: dict[IncidentKind, str] = {
    IncidentKind.EMAIL_MISSEND: "missend",
    IncidentKind.MISDELIVERY: "misdelivery",
    IncidentKind.LOSS: "loss",
    IncidentKind.THEFT: "theft",
    IncidentKind.UNAUTHORIZED_ACCESS: "unauthorized_access",
    IncidentKind.RANSOMWARE: "malware",
    IncidentKind.ERRONEOUS_DISPOSAL: "misdisposal",
    IncidentKind.SYSTEM_FAULT: "misdisplay",
}


def find(categories: tuple[Category, ...], code: str | None) -> Category | None:
    return next((c for c in categories if c.code == code), None)


def suggested_category(kind: IncidentKind | None) -> str | None:
    """The 事象分類 that usually fits the wizard's "what happened"; the officer confirms or changes it."""
    return _SUGGESTED_CATEGORY.get(kind) if kind is not None else None
