"""Placeholder values from the register: the office profile, the enquiry desk, the incident and its report.

The officer's own values for the incident (typed in the letters wizard or the preview) win over the derived
ones; an empty value stays empty so that the template prints 【未入力：…】 instead of inventing text.
"""

from __future__ import annotations

import datetime as dt

from app.documents.context import DocumentContext, Recipient
from app.documents.wording.defaults import advice_for
from app.documents.wording.summary import (
    EXCLUSION_REASONS,
    event_phrase,
    is_excluded,
    propose_addressing,
)
from app.documents.wording.templates import PlaceholderValue
from app.domain.assessment import Assessment
from app.domain.dates import format_date
from app.domain.facts import DATA_ITEM_LABELS, DataItem, Facts
from app.domain.report import ENUM_LABELS, Publication, ReportDraft

# Why a case that is neither excluded nor reportable is not: what 規則7条 asks, said without citing it, since a
# notice about a case that is not reportable never cites the reporting articles (issue 15 point 1).
_BELOW_THRESHOLDS = (
    "要配慮個人情報や財産的被害が生じるおそれのある情報を含まず、不正の目的によるものでもなく、"
    "対象となる本人の数も1,000人以下であるため"
)
_REPORT_TYPE = {"sokuho": "速報", "kakuho": "確報", "sokuho_kakuho": "速報兼確報", "tsuikan": "追完"}


def item_label(code: str) -> str:
    """氏名 for "name"; the officer's own words are kept as they are."""
    try:
        return DATA_ITEM_LABELS[DataItem(code)][0]
    except ValueError:
        return code


def date_text(ctx: DocumentContext, day: dt.date | None) -> str:
    return format_date(day, ctx.office.date_style) if day is not None else ""


def what_happened_phrase(ctx: DocumentContext) -> str:
    """漏えいしたおそれがある / 滅失した …: the event after the exclusions, as a letter says it; "" for an excluded
    case (high-grade encryption, recovered unseen …), which must not read as "may have leaked"."""
    return event_phrase(ctx.incident.facts, ctx.incident.assessment)


def summary_text(ctx: DocumentContext) -> str:
    """本件の概要 for outside readers: the incident's public summary, else the report draft's 発生事案 — never the
    internal 件名, also not when an older draft was prefilled with it (docs/domain.md §12)."""
    public = ctx.incident.public_summary.strip()
    if public:
        return public
    report = ctx.report
    told = report.overview.what_happened.strip() if report is not None else ""
    return "" if told == ctx.incident.title.strip() else told


def addressing(ctx: DocumentContext) -> str:
    """お客様 / 従業員の皆様 …: how the letters address the people concerned (the officer may type another)."""
    data_kind = ctx.report.data.data_kind if ctx.report is not None else ""
    return propose_addressing(ctx.incident.facts, data_kind)


def entrustor_purpose(ctx: DocumentContext) -> str:
    """Why a 委託先 writes: the report that releases it from its own (規則9条, GL 3-5-3-5) when the case is
    reportable; a courtesy under the contract, with the reason it is not reportable, when it is not."""
    assessment = ctx.incident.assessment
    if assessment is None:
        return (
            "現時点で判明している事項を、下記のとおりご報告いたします。"
            "本件が個人情報保護委員会への報告を要する事態に当たるかどうかは、引き続き確認しております。"
            "新たな事実が判明しましたら、速やかに追ってご報告いたします。"
        )
    if assessment.any_reportable:
        return (
            "個人情報の保護に関する法律施行規則第9条に基づき、現時点で判明している事項を下記のとおりご報告いたします。"
            "本件の個人情報保護委員会への報告及びご本人への通知は、委託元である貴社において行っていただくことと"
            "なりますので、ご対応のほどよろしくお願い申し上げます。"
            "当社は、貴社による報告及び通知に必要な調査並びに情報のご提供に全面的に協力いたします。"
            "新たな事実が判明しましたら、速やかに追ってご報告いたします。"
        )
    return f"{not_reportable_reason(assessment)}貴社との委託契約に基づき、念のため、下記のとおりご報告いたします。"


def not_reportable_reason(assessment: Assessment) -> str:
    """Why the office judged a case not reportable, in words that cite no reporting article."""
    reason = (
        EXCLUSION_REASONS.get(assessment.excluded_by, _BELOW_THRESHOLDS) if assessment.excluded_by else ""
    )
    kind = "個人データの漏えい等には当たらず、" if is_excluded(assessment) else ""
    return (
        f"本件は、{reason or _BELOW_THRESHOLDS}、{kind}当社としては個人情報保護委員会への報告を要する事態には"
        "当たらないと判断しております。"
    )


def count_text(report: ReportDraft | None, ctx: DocumentContext) -> str:
    count, is_max = (report.individuals.count, report.individuals.count_is_max) if report else (None, False)
    facts = ctx.incident.facts
    if count is None and facts is not None:
        count = facts.affected_count if facts.affected_count is not None else facts.affected_count_max
        is_max = facts.affected_count is None and count is not None
    if count is None:
        return ""
    return f"最大{count:,}名" if is_max else f"{count:,}名"


def secondary_damage_text(report: ReportDraft | None) -> str:
    if report is None or report.secondary_damage.present is None:
        return ""
    detail = report.secondary_damage.detail.strip()
    if report.secondary_damage.present:
        return detail or "二次被害又はそのおそれがあります。"
    lead = "現時点において、本件による二次被害は確認されておりません。"
    return f"{lead}\n{detail}" if detail else lead


def publication_text(report: ReportDraft | None) -> str:
    if report is None or report.publication.status is None:
        return ""
    label = ENUM_LABELS[report.publication.status.value][0]
    detail = report.publication.detail.strip()
    return f"{label}（{detail}）" if detail else label


def notice_publication_text(report: ReportDraft | None) -> str:
    """公表 as a letter tells the person: only when it was or will be made ("公表なし" tells them nothing)."""
    if report is None or report.publication.status is None or report.publication.status is Publication.NONE:
        return ""
    detail = report.publication.detail.strip()
    done = report.publication.status is Publication.DONE
    lead = "本件については、公表しております。" if done else "本件については、公表を予定しております。"
    return f"{lead}（{detail}）" if detail else lead


def incident_items(ctx: DocumentContext) -> tuple[str, ...]:
    """Item codes (or labels) of the incident: from the report when it names them, else from the facts."""
    report, facts = ctx.report, ctx.incident.facts
    if report is not None and report.data.item_codes:
        return report.data.item_codes
    if facts is not None:
        return tuple(item.value for item in facts.data_items)
    return ()


def _first(day: dt.date | None, facts: Facts | None, name: str) -> dt.date | None:
    """The report's date when the officer wrote one, else the wizard's."""
    if day is not None or facts is None:
        return day
    value: dt.date | None = getattr(facts, name)
    return value


def base_values(ctx: DocumentContext) -> dict[str, PlaceholderValue]:
    """Every placeholder that is the same for all recipients."""
    office, report, facts = ctx.office, ctx.report, ctx.incident.facts
    overview = report.overview if report is not None else None
    items_text = report.data.items.strip() if report is not None else ""
    if not items_text:
        items_text = "、".join(item_label(code) for code in incident_items(ctx))
    values: dict[str, PlaceholderValue] = {
        "事業者名": office.name,
        "代表者": office.representative,
        "事業者所在地": office.address,
        "法人番号": office.corporate_number,
        "業種": office.industry,
        "担当部署": office.department,
        "担当者": office.contact_person,
        "担当者電話": office.phone,
        "担当者メール": office.email,
        "窓口名": ctx.contact.name or office.department,
        "窓口電話": ctx.contact.phone or office.phone,
        "受付時間": ctx.contact.hours,
        "窓口メール": ctx.contact.email or office.email,
        "作成日": date_text(ctx, ctx.issued_on),
        "事案番号": ctx.incident.reference,
        "件名": ctx.incident.title,
        "報告区分": _REPORT_TYPE.get(report.envelope.kind.value, "") if report is not None else "",
        "発生日": date_text(
            ctx, _first(overview.occurred_date if overview else None, facts, "occurred_date")
        ),
        "発覚日": date_text(ctx, _first(overview.learned_date if overview else None, facts, "learned_date")),
        "発生した事態": what_happened_phrase(ctx),
        "事案の概要": summary_text(ctx),
        "本人の呼称": addressing(ctx),
        "通知の趣旨": entrustor_purpose(ctx),
        "項目": items_text,
        "本人の数": count_text(report, ctx),
        "原因": report.cause.description if report else "",
        "二次被害": secondary_damage_text(report),
        "本人への対応": report.response if report else "",
        "公表の状況": publication_text(report),
        "再発防止策（実施済み）": report.prevention.implemented if report else "",
        "再発防止策（今後）": report.prevention.planned if report else "",
        "その他参考事項": report.other.text if report else "",
        "委託元名": "",
        "審査機関名": "",
        "Pマーク登録番号": "",
        "安全管理措置の実施状況": "",
    }
    for name, value in ctx.values.items():
        if value.strip():
            values[name] = value
    return values


def personal_values(ctx: DocumentContext, recipient: Recipient | None) -> dict[str, PlaceholderValue]:
    """The three per-person placeholders; without a recipient (the sample letter of a preview) the incident's
    items stand in for the person's."""
    codes = (recipient.items if recipient is not None else ()) or incident_items(ctx)
    return {
        "氏名": recipient.name if recipient is not None else "（宛名）",
        "該当する情報": tuple(item_label(code) for code in codes),
        "お客様へのお願い": advice_for(codes),
    }
