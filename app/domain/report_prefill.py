"""What the register's facts already say about the report's items, in the words a reviewer reads.

A reviewer at the PPC checks each 号 against the facts that make it apply, whether it is 漏えい, 滅失 or 毀損 and
whether it happened or may have happened, the 媒体・種類 of the data and who caused it (規則8条1項, GL 3-5-3-3;
docs/domain.md §7.1). Each helper answers one of those from the facts and returns "" where the facts are silent,
so the report says （調査中） only where the register really has nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from app.domain.facts import (
    DATA_ITEM_LABELS,
    SENSITIVE_ITEMS,
    CausedBy,
    DataItem,
    Event,
    Facts,
    MaliciousBasis,
)
from app.domain.incident_kind import IncidentKind

FINANCIAL_ITEMS = (
    DataItem.CARD_NUMBER_FULL,
    DataItem.CARD_LAST4,
    DataItem.CARD_EXPIRY,
    DataItem.BANK_ACCOUNT,
    DataItem.LOGIN_ID,
    DataItem.PASSWORD,
)
EVENT_WORDS = {Event.LEAK: "漏えい", Event.LOSS: "滅失", Event.DAMAGE: "毀損"}
# 3号: the act with a wrongful purpose, as GL 3-5-3-1(3) names its examples.
MALICIOUS_ACTS = {
    MaliciousBasis.UNAUTHORIZED_ACCESS: "第三者による不正アクセス",
    MaliciousBasis.RANSOMWARE: "ランサムウェアによる暗号化",
    MaliciousBasis.THEFT: "盗難",
    MaliciousBasis.INSIDER_EXFILTRATION: "従業者による個人データの不正な持ち出し",
    MaliciousBasis.INFO_STEALING_MALWARE: "情報窃取型マルウェアへの感染",
    MaliciousBasis.C2_TRAFFIC: "C&Cサーバとの通信を伴う不正な行為",
    MaliciousBasis.WEB_SKIMMING: "入力ページの改ざん（ウェブスキミング）",
    MaliciousBasis.THIRD_PARTY_NOTICE_WITH_EVIDENCE: "公的機関・専門家から根拠を示して通知された不正な行為",
    MaliciousBasis.OTHER: "その他の不正の目的をもって行われたおそれがある行為",
}
CAUSES = {
    MaliciousBasis.UNAUTHORIZED_ACCESS: "第三者による不正アクセス",
    MaliciousBasis.RANSOMWARE: "第三者による不正アクセス（ランサムウェア）",
    MaliciousBasis.THEFT: "第三者による盗難",
    MaliciousBasis.INSIDER_EXFILTRATION: "従業者による個人データの不正な持ち出し",
    MaliciousBasis.INFO_STEALING_MALWARE: "情報窃取型マルウェアへの感染",
    MaliciousBasis.C2_TRAFFIC: "マルウェア感染による外部（C&Cサーバ）との不正な通信",
    MaliciousBasis.WEB_SKIMMING: "第三者による入力ページの改ざん（ウェブスキミング）",
}
KIND_ACTS = {
    IncidentKind.EMAIL_MISSEND: "電子メールの誤送信",
    IncidentKind.MISDELIVERY: "書類の誤送付・誤交付",
    IncidentKind.LOSS: "紛失",
    IncidentKind.THEFT: "盗難",
    IncidentKind.UNAUTHORIZED_ACCESS: "不正アクセス",
    IncidentKind.RANSOMWARE: "ランサムウェアへの感染",
    IncidentKind.ERRONEOUS_DISPOSAL: "誤廃棄・誤削除",
    IncidentKind.SYSTEM_FAULT: "システムの不具合・設定の誤り",
}
ACTORS = {
    CausedBy.OUTSIDER: "第三者",
    CausedBy.EMPLOYEE_ON_PURPOSE: "従業者",
    CausedBy.EMPLOYEE_MISTAKE: "従業者",
    CausedBy.CONTRACTOR_ON_PURPOSE: "委託先",
    CausedBy.CONTRACTOR_MISTAKE: "委託先",
}
SERVER = "電子媒体（サーバ）"
# Words in the officer's description that name the medium, checked in this order.
MEDIUM_WORDS = (
    (("USB",), "電子媒体（USBメモリ）"),
    (("ノートPC", "ノートパソコン", "パソコン", "PC"), "電子媒体（パソコン）"),
    (("スマートフォン", "スマホ", "携帯電話", "タブレット"), "電子媒体（携帯端末）"),
    (("SDカード", "CD", "DVD", "外付け", "HDD", "ハードディスク"), "電子媒体（記録媒体）"),
    (("FAX", "ファクス", "ファックス"), "紙媒体（FAX）"),
    (
        (
            "書類",
            "紙",
            "封書",
            "封筒",
            "郵送",
            "郵便",
            "はがき",
            "ハガキ",
            "帳票",
            "伝票",
            "名簿",
            "ファイル綴",
        ),
        "紙媒体",
    ),
)
KIND_MEDIA = {
    IncidentKind.EMAIL_MISSEND: "電子媒体（電子メール）",
    IncidentKind.UNAUTHORIZED_ACCESS: SERVER,
    IncidentKind.RANSOMWARE: SERVER,
    IncidentKind.SYSTEM_FAULT: "電子媒体（システム）",
    IncidentKind.MISDELIVERY: "紙媒体",
}
CUSTOMER_WORDS = ("顧客", "お客様", "会員", "利用者", "患者", "取引先")
EMPLOYEE_WORDS = ("従業員", "社員", "職員", "従業者", "スタッフ", "給与", "人事")
CUSTOMER_ITEMS = frozenset(
    {DataItem.CONTRACT, DataItem.TRANSACTION_HISTORY, DataItem.CARD_NUMBER_FULL, DataItem.CARD_LAST4}
)
EMPLOYEE_ITEMS = frozenset({DataItem.MY_NUMBER})


def labels(items: Iterable[DataItem]) -> str:
    return "、".join(DATA_ITEM_LABELS[item][0] for item in items)


def event_statement(facts: Facts) -> str:
    """「漏えいのおそれ」 / 「滅失が発生」: which of the three, and whether it happened or may have (§1.2, §1.3)."""
    word = EVENT_WORDS.get(facts.event)
    if word is None:
        return ""
    return f"{word}のおそれ" if facts.possibility_only else f"{word}が発生"


def applicability(facts: Facts, items: Sequence[int], count_threshold: int = 1000) -> str:
    """For each 号 that applies, the facts that make it apply (one line per 号)."""
    lines = []
    for number in sorted(items):
        reason = _applies_because(facts, number, count_threshold)
        lines.append(f"{number}号：{reason}" if reason else f"{number}号")
    return "\n".join(lines)


def _applies_because(facts: Facts, number: int, threshold: int) -> str:
    if number == 1:
        found = [item for item in facts.data_items if item in SENSITIVE_ITEMS]
        named = f"（{labels(found)}）" if found else ""
        return f"要配慮個人情報{named}が含まれる"
    if number == 2:
        money = [item for item in FINANCIAL_ITEMS if item in facts.data_items]
        if facts.financial.card_number_full and DataItem.CARD_NUMBER_FULL not in money:
            money.insert(0, DataItem.CARD_NUMBER_FULL)
        named = labels(money)
        if facts.financial.payment_login_credentials:
            named = "、".join(filter(None, (named, "決済機能のあるサービスのログインID・パスワード")))
        return (
            f"不正に利用されることにより財産的被害が生じるおそれがある情報（{named}）が含まれる"
            if named
            else ""
        )
    if number == 3:
        act = MALICIOUS_ACTS.get(facts.malicious_basis) if facts.malicious_basis is not None else None
        if act is None and facts.caused_by in (CausedBy.EMPLOYEE_ON_PURPOSE, CausedBy.CONTRACTOR_ON_PURPOSE):
            act = f"{ACTORS[facts.caused_by]}による故意の行為"
        if act is None and facts.caused_by is CausedBy.OUTSIDER:
            act = "第三者による行為"
        return f"不正の目的をもって行われたおそれがある行為（{act}）による" if act else ""
    if number == 4:
        counted = count_for(facts)
        if counted is None:
            return ""
        count, is_max = counted
        prefix = "最大" if is_max else ""
        return f"本人の数が{prefix}{count:,}名（{threshold:,}人を超える）"
    return ""


def count_for(facts: Facts) -> tuple[int, bool] | None:
    """The 本人の数 to report and whether it is the largest possible one (§2.4: the maximum when unknown)."""
    if facts.affected_count_max is not None and (
        facts.affected_count is None or facts.affected_count_max > facts.affected_count
    ):
        return facts.affected_count_max, True
    if facts.affected_count is not None:
        return facts.affected_count, False
    return None


def medium_of(facts: Facts, kind: IncidentKind | None, description: str = "") -> str:
    """媒体: from the officer's own words first (a lost USB stick, a FAX), then from what happened."""
    for words, medium in MEDIUM_WORDS:
        if any(word in description for word in words):
            return medium
    if kind in KIND_MEDIA:
        return KIND_MEDIA[kind]
    if facts.malicious_basis in (
        MaliciousBasis.UNAUTHORIZED_ACCESS,
        MaliciousBasis.RANSOMWARE,
        MaliciousBasis.INFO_STEALING_MALWARE,
        MaliciousBasis.C2_TRAFFIC,
        MaliciousBasis.WEB_SKIMMING,
    ):
        return SERVER
    return ""


def data_kind_of(facts: Facts, description: str = "") -> str:
    """種類 (顧客情報, 従業員情報) only where the words or the items tell; the officer fills the rest."""
    customers = any(word in description for word in CUSTOMER_WORDS) or bool(
        CUSTOMER_ITEMS & set(facts.data_items)
    )
    employees = any(word in description for word in EMPLOYEE_WORDS) or bool(
        EMPLOYEE_ITEMS & set(facts.data_items)
    )
    return "、".join(name for name, found in (("顧客情報", customers), ("従業員情報", employees)) if found)


def cause_of(facts: Facts, kind: IncidentKind | None) -> str:
    """原因 as far as the facts say it: the act and who did it; "" when the register has nothing."""
    if facts.malicious_basis in CAUSES:
        return CAUSES[facts.malicious_basis]
    actor = ACTORS.get(facts.caused_by) if facts.caused_by is not None else None
    act = KIND_ACTS.get(kind) if kind is not None else None
    if facts.caused_by in (CausedBy.EMPLOYEE_ON_PURPOSE, CausedBy.CONTRACTOR_ON_PURPOSE):
        return f"{actor}による故意の行為" + (f"（{act}）" if act else "")
    if actor and act:
        return f"{actor}による{act}"
    if act:
        return act
    return f"{actor}の過失" if actor and facts.caused_by is not CausedBy.OUTSIDER else ""


def before_occurrence(moment: dt.datetime, occurred: dt.date | None, tz: dt.tzinfo) -> bool:
    """An entry dated before the 発生日 is worth a second look before it goes outside (a typo or an unrelated
    event)."""
    return occurred is not None and moment.astimezone(tz).date() < occurred
