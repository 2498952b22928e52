"""規則7条 and its guideline as versioned data, chosen by the clock start (docs/domain.md §2, §5, §9).

A future amendment is a new RuleSet in RULESETS with its effective date and whatever changed: thresholds, periods,
indicators, financial rules, texts. The evaluator reads only this data. The 令和8年改正 is law but its criteria are
not published: it is a PendingAmendment, a dated placeholder (docs/adr/0001-amendment-placeholder.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from app.domain.facts import SENSITIVE_ITEMS, DataItem, MaliciousBasis
from app.errors import InputError
from app.i18n import _
from app.rules.texts import BASE_TEXTS, Text


@dataclass(frozen=True, slots=True)
class Indicator:
    """A sign that an act was possibly done with a wrongful purpose (3号), as the guideline words it, and where."""

    detail: Text


@dataclass(frozen=True, slots=True)
class FinancialRule:
    """One 2号 reading: a Financial flag (or data items that amount to it) and whether it means financial harm."""

    flag: str
    implied_by: frozenset[DataItem]
    triggers: bool
    text_key: str


@dataclass(frozen=True, slots=True)
class Periods:
    sokuho_first_day: int = 3
    sokuho_last_day: int = 5
    kakuho_days: int = 30
    kakuho_days_malicious: int = 60
    entrustor_first_day: int = 3
    entrustor_last_day: int = 5
    gdpr_hours: int = 72
    pmark_kakuho_days: int = 30
    pmark_kakuho_days_malicious: int = 60


@dataclass(frozen=True, slots=True)
class RuleSet:
    version: str
    effective_from: dt.date
    sensitive_items: frozenset[DataItem]
    financial_rules: tuple[FinancialRule, ...]
    indicators: Mapping[MaliciousBasis, Indicator]
    acquiring_covered: bool  # 3号 also covers information being acquired to become 個人データ
    count_threshold: int = 1000  # 4号: strictly more than this many individuals
    periods: Periods = field(default_factory=Periods)
    texts: Mapping[str, Text] = field(default_factory=lambda: MappingProxyType(BASE_TEXTS))
    notices: tuple[str, ...] = ()  # text keys of warnings every assessment under this rule set carries


# 要配慮個人情報 (法2条3項, 政令2条, 規則5条; GL 2-3): the domain's one list.
_SENSITIVE = SENSITIVE_ITEMS

# Order matters: rules that trigger 2号 first, then the "not by itself" readings shown when nothing triggered.
_FINANCIAL = (
    FinancialRule("card_number_full", frozenset({DataItem.CARD_NUMBER_FULL}), True, "R7-2/card_number_full"),
    FinancialRule("payment_login_credentials", frozenset(), True, "R7-2/payment_login_credentials"),
    FinancialRule(
        "card_last4_expiry_only",
        frozenset({DataItem.CARD_LAST4, DataItem.CARD_EXPIRY}),
        False,
        "R7-2-NA/card_last4_expiry_only",
    ),
    FinancialRule(
        "bank_account_only", frozenset({DataItem.BANK_ACCOUNT}), False, "R7-2-NA/bank_account_only"
    ),
)

_GL = "GL 3-5-3-1(3)"


def _indicator(ja: str, en: str, ref: str) -> Indicator:
    return Indicator(Text(ja, en, (ref,)))


_COMMON_INDICATORS: dict[MaliciousBasis, Indicator] = {
    MaliciousBasis.UNAUTHORIZED_ACCESS: _indicator(
        "個人データを格納するサーバ又はそれにアクセス権限を有する端末に、外部からの不正アクセスによりデータが窃取された痕跡がある場合は「おそれ」に当たります。",
        "Traces of data theft by outside unauthorised access on the server or a terminal with access to it indicate the possibility.",
        f"{_GL} ※4(ア)",
    ),
    MaliciousBasis.INFO_STEALING_MALWARE: _indicator(
        "サーバ又は端末に、情報を窃取する振る舞いが判明しているマルウェアの感染が確認された場合は「おそれ」に当たります。",
        "Infection of such a server or terminal by malware known to steal information indicates the possibility.",
        f"{_GL} ※4(イ)",
    ),
    MaliciousBasis.C2_TRAFFIC: _indicator(
        "C&Cサーバが使用しているものとして知られているIPアドレス・FQDNへの通信が確認された場合は「おそれ」に当たります。",
        "Communication with an IP address or FQDN known to be used by a C&C server indicates the possibility.",
        f"{_GL} ※4(ウ)",
    ),
    MaliciousBasis.INSIDER_EXFILTRATION: _indicator(
        "サーバや端末に、通常の業務で必要としないアクセスによりデータが窃取された痕跡がある場合も「おそれ」に当たります。",
        "Traces of access not needed for normal work through which data was taken indicate the possibility.",
        f"{_GL} ※5",
    ),
    MaliciousBasis.RANSOMWARE: _indicator(
        "ランサムウェア等により個人データが暗号化され、復元できなくなった場合は、ガイドラインの該当例です。",
        "Personal data encrypted by ransomware beyond recovery is one of the guideline's examples.",
        f"{_GL} 事例2",
    ),
    MaliciousBasis.THEFT: _indicator(
        "個人データが記載・記録された書類・媒体等が盗まれた場合は、ガイドラインの該当例です。",
        "Theft of documents or media holding personal data is one of the guideline's examples.",
        f"{_GL} 事例3",
    ),
    MaliciousBasis.OTHER: _indicator(
        "具体的な事情から個別に判断しました。",
        "Judged on the specific facts of the case.",
        _GL,
    ),
}

APPI_R7_2024 = RuleSet(
    version="APPI-R7-2024-04/GL-2025-06",
    effective_from=dt.date(2024, 4, 1),
    sensitive_items=_SENSITIVE,
    financial_rules=_FINANCIAL,
    indicators=MappingProxyType(
        {
            **_COMMON_INDICATORS,
            MaliciousBasis.WEB_SKIMMING: _indicator(
                "個人情報を取得するウェブページのファイルが、入力内容を窃取するよう改ざんされた痕跡がある場合は「おそれ」に当たります。",
                "Traces that the files of a web page collecting personal information were tampered with to capture entries indicate the possibility.",
                f"{_GL} ※4(エ)",
            ),
            MaliciousBasis.THIRD_PARTY_NOTICE_WITH_EVIDENCE: _indicator(
                "公的機関、セキュリティ・サービス・プロバイダ、専門家等の第三者から、一定の根拠に基づく連絡を受けた場合は「おそれ」に当たります。",
                "A notice with some evidence from a public body, security provider or expert indicates the possibility.",
                f"{_GL} ※4(オ)",
            ),
        }
    ),
    acquiring_covered=True,
)

# Rules in force 2022-04-01 to 2024-03-31: no "being acquired" extension of 3号 and four cyber indicators, the
# third-party notice being the fourth (SEED004 lists them; (エ) web skimming came with the 2024 amendment).
APPI_R7_2022 = RuleSet(
    version="APPI-R7-2022-04/GL-before-2024-04",
    effective_from=dt.date(2022, 4, 1),
    sensitive_items=_SENSITIVE,
    financial_rules=_FINANCIAL,
    indicators=MappingProxyType(
        {
            **_COMMON_INDICATORS,
            MaliciousBasis.THIRD_PARTY_NOTICE_WITH_EVIDENCE: _indicator(
                "公的機関、セキュリティ・サービス・プロバイダ、専門家等の第三者から、一定の根拠に基づく連絡を受けた場合は「おそれ」に当たります。",
                "A notice with some evidence from a public body, security provider or expert indicates the possibility.",
                f"{_GL} ※(エ)（2024年3月以前の版）",
            ),
        }
    ),
    acquiring_covered=False,
)

# Newest first. The rule sets in force; a pending amendment joins them only once its date is known.
BASE_RULESETS: tuple[RuleSet, ...] = (APPI_R7_2024, APPI_R7_2022)


@dataclass(frozen=True, slots=True)
class PendingAmendment:
    """An amendment that is law but whose criteria are not published, so BreachDesk cannot apply it yet.

    Its in-force date may be announced (by cabinet order) before the new 規則/ガイドライン are: from that date the
    placeholder rule set applies the current criteria unchanged and says so in every assessment, so that nobody
    mistakes a decision made then for one under the new rules. Until the date is known it is never selected.
    """

    law: str
    promulgated: dt.date
    latest_effective: dt.date  # the statutory outer limit for the cabinet order
    version: str
    notice_key: str
    effective_from: dt.date | None = None  # None: not announced; set it here (a release) or by AMENDMENT_ENV

    def ruleset(self, base: RuleSet, effective_from: dt.date) -> RuleSet:
        """The current rules under the amendment's own version: nothing of the unpublished criteria is guessed."""
        return dataclasses.replace(
            base,
            version=self.version,
            effective_from=effective_from,
            notices=(*base.notices, self.notice_key),
        )


# 令和8年法律第56号 (promulgated 2026-07-17): relaxes 本人通知 (法26条2項) where there is little risk to the
# individuals' rights; in force on a date set by cabinet order within two years, criteria not yet published (§9).
R8_AMENDMENT = PendingAmendment(
    law="令和8年法律第56号",
    promulgated=dt.date(2026, 7, 17),
    latest_effective=dt.date(2028, 7, 16),
    version="APPI-R8-AMEND-PENDING/GL-2025-06",
    notice_key="W-AMENDMENT-PENDING",
)

# Lets an office apply the announced date before a release ships it; read once, by the default wiring below.
AMENDMENT_ENV = "BREACHDESK_R8_AMENDMENT_EFFECTIVE"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def rulesets_with(
    amendment_effective: dt.date | None, amendment: PendingAmendment = R8_AMENDMENT
) -> tuple[RuleSet, ...]:
    """The rule sets in force, plus the amendment's placeholder from `amendment_effective` when it is known."""
    if amendment_effective is None:
        return BASE_RULESETS
    if not amendment.promulgated < amendment_effective <= amendment.latest_effective:
        raise InputError(
            _(
                "The date {date} cannot be the day {law} takes effect: it must be after {promulgated} and no later than {latest}."
            ).format(
                date=amendment_effective.isoformat(),
                law=amendment.law,
                promulgated=amendment.promulgated.isoformat(),
                latest=amendment.latest_effective.isoformat(),
            ),
            field=AMENDMENT_ENV,
        )
    return (amendment.ruleset(BASE_RULESETS[0], amendment_effective), *BASE_RULESETS)


def amendment_effective(
    environ: Mapping[str, str], amendment: PendingAmendment = R8_AMENDMENT
) -> dt.date | None:
    """The announced in-force date: the environment's if set, else the one shipped in R8_AMENDMENT (or none)."""
    raw = environ.get(AMENDMENT_ENV, "").strip()
    if not raw:
        return amendment.effective_from
    try:
        if not _ISO_DATE.fullmatch(raw):
            raise ValueError(raw)
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InputError(
            _("{name} must be a date written as YYYY-MM-DD (given: {value}).").format(
                name=AMENDMENT_ENV, value=raw
            ),
            field=AMENDMENT_ENV,
        ) from None


# The rule sets every caller gets by default. The evaluator itself only ever uses what it is given.
RULESETS: tuple[RuleSet, ...] = rulesets_with(amendment_effective(os.environ))


def ruleset_for(day: dt.date, rulesets: tuple[RuleSet, ...] = RULESETS) -> RuleSet:
    """The rule set in force on `day` (the clock start); none before the reporting duty began on 2022-04-01."""
    ordered = rulesets if rulesets is RULESETS else tuple(sorted(rulesets, key=_newest_first))
    for ruleset in ordered:
        if ruleset.effective_from <= day:
            return ruleset
    earliest = min(r.effective_from for r in rulesets)
    raise InputError(
        _(
            "The date {date} is before {earliest}, when the duty to report leaks took effect; BreachDesk has no rules for it."
        ).format(date=day.isoformat(), earliest=earliest.isoformat()),
        field="learned_date",
    )


def _newest_first(ruleset: RuleSet) -> int:
    return -ruleset.effective_from.toordinal()
