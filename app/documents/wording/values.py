"""Placeholder values from the register: the office profile, the enquiry desk, the incident and its report.

The officer's own values for the incident (typed in the letters wizard or the preview) win over the derived
ones; an empty value stays empty so that the template prints 【未入力：…】 instead of inventing text.
"""

from __future__ import annotations

import datetime as dt

from app.documents.context import DocumentContext, Recipient
from app.documents.wording.defaults import advice_for
from app.documents.wording.templates import PlaceholderValue
from app.domain.dates import format_date
from app.domain.facts import DATA_ITEM_LABELS, DataItem, Facts
from app.domain.report import ENUM_LABELS, ReportDraft

_EVENT_VERBS = {"leak": "漏えいした", "loss": "滅失した", "damage": "毀損した"}
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
    """漏えいしたおそれがある / 滅失した …: the event after the exclusions, as a letter says it."""
    facts, assessment = ctx.incident.facts, ctx.incident.assessment
    event = assessment.event.value if assessment is not None else (facts.event.value if facts else "")
    if event not in _EVENT_VERBS and facts is not None:
        event = facts.event.value  # "none": still say what the officer is writing about
    verb = _EVENT_VERBS.get(event, "")
    possible = (
        assessment.possibility_only if assessment is not None else bool(facts and facts.possibility_only)
    )
    return f"{verb}おそれがある" if verb and possible else verb


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
        "事案の概要": overview.what_happened if overview else "",
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
