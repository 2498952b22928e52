"""The facts of an incident as the wizard collects them: the input of the 第7条 rules engine (docs/domain.md §11.1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    CONTROLLER = "controller"  # the office handles the data for itself (or is the 委託元)
    PROCESSOR = "processor"  # 委託先: handles the data on behalf of a 委託元


class Event(StrEnum):
    LEAK = "leak"  # 漏えい
    LOSS = "loss"  # 滅失
    DAMAGE = "damage"  # 毀損
    # Nothing happened to the data itself: only a 番号法 misuse or other violation is judged (docs/domain.md §15);
    # on the 第7条 side this is never reportable.
    NONE = "none"


class CausedBy(StrEnum):
    """Who caused the event, as the officer was asked it plainly (codes stored in facts: extend, never rename).

    On purpose (an outsider, or an employee or contractor acting on purpose) is an act with a wrongful purpose:
    規則7条3号 and 番号法 規則2条2号 (GL 3-5-3-1(3)), whether or not `malicious` was ticked as well.
    """

    OUTSIDER = "outsider"  # an attacker, a thief
    EMPLOYEE_ON_PURPOSE = (
        "employee_on_purpose"  # sold a customer list, posted data on SNS, took it to a competitor
    )
    EMPLOYEE_MISTAKE = "employee_mistake"  # includes taking work home against the rules (QA17-9)
    CONTRACTOR_ON_PURPOSE = "contractor_on_purpose"
    CONTRACTOR_MISTAKE = "contractor_mistake"
    UNKNOWN = "unknown"


class BangoMisuse(StrEnum):
    """A use or provision of 個人番号 that 番号法 forbids, with or without any leak (規則2条2号ロ・ハ, 4号ロ・ハ)."""

    USE_OUTSIDE_ART9 = "use_outside_art9"  # used beyond the 事務 of 番号法9条
    PROVISION_OUTSIDE_ART19 = (
        "provision_outside_art19"  # provided to someone 19条 does not allow to receive it
    )


class MaliciousBasis(StrEnum):
    UNAUTHORIZED_ACCESS = "unauthorized_access"
    RANSOMWARE = "ransomware"
    THEFT = "theft"
    INSIDER_EXFILTRATION = "insider_exfiltration"
    INFO_STEALING_MALWARE = "info_stealing_malware"
    C2_TRAFFIC = "c2_traffic"
    WEB_SKIMMING = "web_skimming"
    THIRD_PARTY_NOTICE_WITH_EVIDENCE = "third_party_notice_with_evidence"
    OTHER = "other"


class DataItem(StrEnum):
    """The data_items vocabulary: extend, never rename (saved assessments and the notice letters use the codes)."""

    NAME = "name"
    ADDRESS = "address"
    PHONE = "phone"
    EMAIL = "email"
    BIRTHDATE = "birthdate"
    EMPLOYER = "employer"
    CONTRACT = "contract"
    TRANSACTION_HISTORY = "transaction_history"
    LOGIN_ID = "login_id"
    PASSWORD = "password"
    CARD_NUMBER_FULL = "card_number_full"
    CARD_LAST4 = "card_last4"
    CARD_EXPIRY = "card_expiry"
    BANK_ACCOUNT = "bank_account"
    LAB_RESULT = "lab_result"
    HEALTH_CHECKUP_RESULT = "health_checkup_result"
    DIAGNOSIS = "diagnosis"
    PRESCRIPTION = "prescription"
    MEDICAL_CERTIFICATE = "medical_certificate"
    MEDICAL_HISTORY = "medical_history"
    DISABILITY = "disability"
    CRIMINAL_RECORD = "criminal_record"
    CRIME_VICTIM = "crime_victim"
    RACE = "race"
    CREED = "creed"
    SOCIAL_STATUS = "social_status"
    CRIMINAL_PROCEDURE = "criminal_procedure"
    JUVENILE_PROCEDURE = "juvenile_procedure"
    MY_NUMBER = "my_number"
    PSEUDONYMIZED_RECORDS = "pseudonymized_records"


# How the reports, letters and the wizard name each item (ja, en): part of the vocabulary, like the codes.
# 要配慮個人情報 among the data items (法2条3項, 政令2条, 規則5条; GL 2-3; docs/domain.md §1.4): one list, read by
# the rule sets for the 1号 verdict and by the report's wording of why 1号 applies.
SENSITIVE_ITEMS: frozenset[DataItem] = frozenset(
    {
        DataItem.LAB_RESULT,
        DataItem.HEALTH_CHECKUP_RESULT,
        DataItem.DIAGNOSIS,
        DataItem.PRESCRIPTION,
        DataItem.MEDICAL_CERTIFICATE,
        DataItem.MEDICAL_HISTORY,
        DataItem.DISABILITY,
        DataItem.CRIMINAL_RECORD,
        DataItem.CRIME_VICTIM,
        DataItem.RACE,
        DataItem.CREED,
        DataItem.SOCIAL_STATUS,
        DataItem.CRIMINAL_PROCEDURE,
        DataItem.JUVENILE_PROCEDURE,
    }
)

DATA_ITEM_LABELS: dict[DataItem, tuple[str, str]] = {
    DataItem.NAME: ("氏名", "name"),
    DataItem.ADDRESS: ("住所", "address"),
    DataItem.PHONE: ("電話番号", "phone number"),
    DataItem.EMAIL: ("メールアドレス", "e-mail address"),
    DataItem.BIRTHDATE: ("生年月日", "date of birth"),
    DataItem.EMPLOYER: ("勤務先", "employer"),
    DataItem.CONTRACT: ("契約内容", "contract details"),
    DataItem.TRANSACTION_HISTORY: ("取引履歴", "transaction history"),
    DataItem.LOGIN_ID: ("ログインID", "login ID"),
    DataItem.PASSWORD: ("パスワード", "password"),
    DataItem.CARD_NUMBER_FULL: ("クレジットカード番号", "full card number"),
    DataItem.CARD_LAST4: ("カード番号下4桁", "card last four digits"),
    DataItem.CARD_EXPIRY: ("カード有効期限", "card expiry date"),
    DataItem.BANK_ACCOUNT: ("銀行口座情報", "bank account"),
    DataItem.LAB_RESULT: ("検査結果", "lab results"),
    DataItem.HEALTH_CHECKUP_RESULT: ("健康診断結果", "health-check results"),
    DataItem.DIAGNOSIS: ("診断名・診療情報", "diagnosis"),
    DataItem.PRESCRIPTION: ("調剤・処方情報", "prescription"),
    DataItem.MEDICAL_CERTIFICATE: ("診断書", "medical certificate"),
    DataItem.MEDICAL_HISTORY: ("病歴", "medical history"),
    DataItem.DISABILITY: ("障害に関する情報", "disability"),
    DataItem.CRIMINAL_RECORD: ("犯罪の経歴", "criminal record"),
    DataItem.CRIME_VICTIM: ("犯罪被害の事実", "crime victim"),
    DataItem.RACE: ("人種", "race"),
    DataItem.CREED: ("信条", "creed"),
    DataItem.SOCIAL_STATUS: ("社会的身分", "social status"),
    DataItem.CRIMINAL_PROCEDURE: ("刑事事件に関する手続", "criminal procedure"),
    DataItem.JUVENILE_PROCEDURE: ("少年の保護事件に関する手続", "juvenile procedure"),
    DataItem.MY_NUMBER: ("個人番号（マイナンバー）", "My Number"),
    DataItem.PSEUDONYMIZED_RECORDS: ("仮名加工情報", "pseudonymised records"),
}


@dataclass(frozen=True, slots=True)
class Financial:
    """The 2号 questions: which payment data leaked, as the PPC Q&A distinguishes them."""

    card_number_full: bool = False
    card_last4_expiry_only: bool = False
    bank_account_only: bool = False
    payment_login_credentials: bool = False


@dataclass(frozen=True, slots=True)
class Encryption:
    """高度な暗号化 needs all three: encrypted, a strong cipher properly managed (high_grade), key not compromised."""

    encrypted: bool = False
    high_grade: bool = False
    key_compromised: bool = False


@dataclass(frozen=True, slots=True)
class BangoFacts:
    """The 番号法 track's own facts (docs/domain.md §15.2); the rest is shared with 第7条.

    The counts are persons whose OWN 個人番号 is in the data (employees, dependents, 支払調書 payees); None falls back to
    the top-level counts.
    """

    affected_count: int | None = None
    affected_count_max: int | None = None
    count_exceeded_100_learned_date: dt.date | None = None
    publicly_viewable: bool = False  # 規則2条3号: viewable by 不特定多数 by electronic means
    gov_system: bool = (
        False  # 規則2条1号イ〜ハ: 情報提供ネットワークシステム, 個人番号利用事務 or a 行政機関等's system
    )
    misuse: BangoMisuse | None = None
    other_violation: bool = (
        False  # another (suspected) breach of 番号法 without a 漏えい等: effort report (GL-B 2)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Facts:
    """Field names and codes are the public JSON contract: add fields, never rename.

    The fields are in the order of the §11.1 JSON object (the codec writes them in this order), so learned_date
    sits after occurred_date and every field is passed by keyword.
    """

    role: Role
    event: Event
    possibility_only: bool = False
    is_personal_data: bool = True
    data_items: tuple[DataItem, ...] = ()
    sensitive: bool = False
    financial: Financial = field(default_factory=Financial)
    malicious: bool = False
    malicious_basis: MaliciousBasis | None = None
    affected_count: int | None = None
    affected_count_max: int | None = None
    encryption: Encryption = field(default_factory=Encryption)
    pseudonymized: bool = False
    recovered_before_viewed: bool = False
    intentional_provision: bool = False
    identical_copy_exists: bool = False
    occurred_date: dt.date | None = None
    learned_date: dt.date
    learned_at: dt.datetime | None = None
    learned_by: str | None = None
    officer_learned_date: dt.date | None = None
    count_exceeded_1000_learned_date: dt.date | None = None
    delegated_sector: bool = False
    notification_difficult: bool = False
    pmark_holder: bool = False
    gdpr_applies: bool = False
    # Addition to §11.1 (3号 since 2024-04-01): information the office was acquiring to put in its database,
    # e.g. entries captured from a tampered web form before they were stored (GL 3-5-1-1, 規則7条3号かっこ書).
    data_being_acquired: bool = False
    caused_by: CausedBy | None = None
    bango: BangoFacts = field(default_factory=BangoFacts)
