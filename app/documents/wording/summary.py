"""The 概要 for outside readers proposed from the facts, how the people concerned are addressed, and why a case is
not reportable — the wording that goes outside instead of the internal 件名 (issue 15 point 2; docs/domain.md §6, §12).

Everything here is built from codes (event, data items, incident kind), never from the officer's free text, so a
proposal cannot carry an internal name or a person's name; the officer edits it before it is sent.
"""

from __future__ import annotations

from app.domain.assessment import AssessedEvent, Assessment, ExcludedBy
from app.domain.dates import format_date
from app.domain.facts import DATA_ITEM_LABELS, DataItem, Event, Facts
from app.domain.incident_kind import IncidentKind
from app.domain.office import DateStyle

CUSTOMERS = "お客様"
EMPLOYEES = "従業員の皆様"
APPLICANTS = "応募者の皆様"
PATIENTS = "患者の皆様"
MEMBERS = "会員の皆様"

# Data that an office holds about its own staff rather than its customers (健康診断, 個人番号 for 源泉徴収).
_EMPLOYEE_ITEMS = frozenset({DataItem.HEALTH_CHECKUP_RESULT, DataItem.MY_NUMBER})
# Data that only customers' records carry: with it, the people are customers even beside a 個人番号.
_CUSTOMER_ITEMS = frozenset(
    {
        DataItem.CARD_NUMBER_FULL,
        DataItem.CARD_LAST4,
        DataItem.CARD_EXPIRY,
        DataItem.TRANSACTION_HISTORY,
        DataItem.LOGIN_ID,
        DataItem.PASSWORD,
    }
)
# Words of the report's 種類 (顧客情報, 従業員情報 …) and the address they call for, first match wins.
_KIND_WORDS = (
    ("応募", APPLICANTS),
    ("採用", APPLICANTS),
    ("従業員", EMPLOYEES),
    ("職員", EMPLOYEES),
    ("社員", EMPLOYEES),
    ("患者", PATIENTS),
    ("会員", MEMBERS),
    ("顧客", CUSTOMERS),
)
# Contact data says little about what happened; the proposal names the other items first.
_CONTACT_ITEMS = frozenset({DataItem.NAME, DataItem.ADDRESS, DataItem.PHONE, DataItem.EMAIL})

_WHAT_HAPPENED: dict[IncidentKind, str] = {
    IncidentKind.EMAIL_MISSEND: "当社から送信したメールが誤った宛先に届き、",
    IncidentKind.MISDELIVERY: "当社がお送りした書類が誤った宛先に届き、",
    IncidentKind.LOSS: "当社において、個人データを含む書類又は記録媒体を紛失し、",
    IncidentKind.THEFT: "当社において、個人データを含む機器又は書類が盗難に遭い、",
    IncidentKind.UNAUTHORIZED_ACCESS: "当社のシステムが第三者による不正アクセスを受け、",
    IncidentKind.RANSOMWARE: "当社のサーバがランサムウェアに感染し、",
    IncidentKind.ERRONEOUS_DISPOSAL: "当社において、個人データを含む書類又は記録を誤って廃棄又は削除し、",
    IncidentKind.SYSTEM_FAULT: "当社のシステムの不具合又は設定の誤りにより、",
    IncidentKind.PROCESSOR_REPORT: "当社が個人データの取扱いを委託している委託先において事故が発生し、",
}
_VERBS = {"leak": "漏えいした", "loss": "滅失した", "damage": "毀損した"}

# Why an excluded case is not a 漏えい等 (GL 3-5-1-2〜4), as the office tells its 委託元 or a reader.
EXCLUSION_REASONS: dict[ExcludedBy, str] = {
    ExcludedBy.HIGH_GRADE_ENCRYPTION: (
        "対象のデータには高度な暗号化その他の個人の権利利益を保護するために必要な措置が講じられており、"
        "復号に必要な鍵も第三者の手に渡っていないため"
    ),
    ExcludedBy.RECOVERED_BEFORE_VIEWED: "対象のデータは第三者に閲覧される前にすべて回収できたため",
    ExcludedBy.INTENTIONAL_PROVISION: "当社の意思に基づく提供であり、漏えいには当たらないため",
    ExcludedBy.IDENTICAL_COPY_EXISTS: "同じ内容のデータが別に保管されており、滅失又は毀損には当たらないため",
    ExcludedBy.PSEUDONYMIZED: "対象の情報は仮名加工情報であり、報告の対象とならないため",
    ExcludedBy.NOT_PERSONAL_DATA: "対象の情報は個人データに当たらないため",
}
NOT_REPORTABLE_REASON = (
    "個人の権利利益を害するおそれが大きい事態として個人情報保護委員会への報告を要する事態には当たらないため"
)


def propose_addressing(facts: Facts | None, data_kind: str = "") -> str:
    """How a letter addresses the people concerned: the report's 種類 when it says, else what the data items tell
    (健康診断結果 or 個人番号 without any customer data: employees), else お客様."""
    for word, address in _KIND_WORDS:
        if word in data_kind:
            return address
    items = set(facts.data_items) if facts is not None else set()
    if items & _EMPLOYEE_ITEMS and not items & _CUSTOMER_ITEMS:
        return EMPLOYEES
    return CUSTOMERS


def is_excluded(assessment: Assessment | None) -> bool:
    """The event was judged not to be a 漏えい等 at all (GL 3-5-1-2〜4): nothing "may have leaked"."""
    return assessment is not None and (
        assessment.excluded_by is not None or assessment.event is AssessedEvent.NONE
    )


def event_phrase(facts: Facts | None, assessment: Assessment | None) -> str:
    """漏えいしたおそれがある / 滅失した …, after the exclusions; "" when the case is excluded or unknown."""
    if is_excluded(assessment):
        return ""
    if assessment is not None:
        event, possible = assessment.event.value, assessment.possibility_only
    elif facts is not None and facts.event is not Event.NONE:
        event, possible = facts.event.value, facts.possibility_only
    else:
        return ""
    verb = _VERBS.get(event, "")
    return f"{verb}おそれがある" if verb and possible else verb


def _items_phrase(facts: Facts) -> str:
    telling = [item for item in facts.data_items if item not in _CONTACT_ITEMS] or list(facts.data_items)
    labels = [DATA_ITEM_LABELS[item][0] for item in telling[:3]]
    if not labels:
        return ""
    more = len(facts.data_items) > len(labels)
    return "、".join(labels) + ("等" if more or len(labels) == 1 else "")


def propose_summary(
    facts: Facts | None,
    assessment: Assessment | None,
    incident_kind: str | None,
    date_style: DateStyle = DateStyle.WESTERN,
    data_kind: str = "",
) -> str:
    """One polite sentence for outside readers, e.g. 「2027年4月28日、当社のサーバがランサムウェアに感染し、従業員の
    皆様の個人データ（健康診断結果等）が暗号化され、漏えいしたおそれがあることが判明しました。」; "" without facts."""
    if facts is None:
        return ""
    kind = IncidentKind.parse(incident_kind)
    whose = propose_addressing(facts, data_kind)
    items = _items_phrase(facts)
    data = f"{whose}の個人データ" + (f"（{items}）" if items else "")
    lead = format_date(facts.learned_date, date_style) + "、" + (_WHAT_HAPPENED.get(kind, "") if kind else "")
    if is_excluded(assessment):
        reason = (
            EXCLUSION_REASONS.get(assessment.excluded_by) if assessment and assessment.excluded_by else ""
        )
        tail = f"なお、{reason}、個人データの漏えい等には当たらないと判断しております。" if reason else ""
        return f"{lead}{data}に関する事故が発生したことが判明しました。{tail}"
    phrase = event_phrase(facts, assessment)
    if kind is IncidentKind.RANSOMWARE and phrase:
        phrase = "暗号化され、" + phrase
    if not phrase:
        return f"{lead}{data}に関する事故が発生したことが判明しました。"
    return f"{lead}{data}が{phrase}ことが判明しました。"
