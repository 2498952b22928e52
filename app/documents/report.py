"""漏えい等報告書（速報・確報・追完）: the office's record of what it reported, in the PPC form's order.

The PPC takes reports through its online form (the form copy assistant serves that); this PDF is the office's
file copy and the document for ministries that take files. A 速報 reports what is known ("（調査中）" for
the rest, 規則8条1項かっこ書); a 確報 must answer every item, so its gaps print as 【未入力】 and are listed for
the officer. A 確報 or 追完 ends with what changed since the report before it.
"""

from __future__ import annotations

import datetime as dt

from app.documents.compose import filler_for, full_width_number, template_of
from app.documents.context import DocumentContext, DocumentKind
from app.documents.letterhead import letterhead
from app.documents.model import Block, Document, Gap, Grid, Heading, KeyValues, Para
from app.documents.pdf import to_pdf
from app.documents.templates import MISSING_MARK
from app.domain.filing import FilingKind
from app.domain.office import DateStyle
from app.domain.report import (
    FIELDS,
    ITEM_TITLES,
    Addressee,
    ReportDraft,
    diff,
    format_value,
    text_of,
    value_of,
)
from app.errors import InputError
from app.i18n import _
from app.jpdates import format_date

UNKNOWN_YET = "（調査中）"
NOT_APPLICABLE = "―"
# What a 確報 must answer (規則8条1項 1–9); the other fields are details that may stay empty.
REQUIRED_IN_FINAL = frozenset(
    {
        "overview.occurred_date",
        "overview.learned_date",
        "overview.what_happened",
        "overview.applicable_items",
        "data.items",
        "individuals.count",
        "cause.description",
        "secondary_damage.present",
        "response",
        "publication.status",
        "prevention.implemented",
    }
)
_KINDS = {
    FilingKind.SOKUHO: DocumentKind.SOKUHO,
    FilingKind.SOKUHO_KAKUHO: DocumentKind.KAKUHO,
    FilingKind.KAKUHO: DocumentKind.KAKUHO,
    FilingKind.TSUIKAN: DocumentKind.TSUIKAN,
}


def kind_of(report: ReportDraft) -> DocumentKind:
    return _KINDS.get(report.envelope.kind, DocumentKind.SOKUHO)


def _require_report(ctx: DocumentContext) -> ReportDraft:
    if ctx.report is None:
        raise InputError(_("There is no report draft for this incident yet: write the report first."))
    return ctx.report


# Row labels that would only repeat the item's heading.
SHORT_LABELS = {"data.items": "項目", "response": "実施状況", "other.text": "その他"}


def _text(report: ReportDraft, path: str, style: DateStyle) -> str:
    value = value_of(report, path)
    if isinstance(value, dt.date):
        return format_date(value, style)
    text = text_of(report, path)
    if path == "individuals.count" and text:
        return f"{text}名"
    return text


def item_rows(
    report: ReportDraft, item: int, *, final: bool, missing: list[str], style: DateStyle = DateStyle.WESTERN
) -> tuple[tuple[str, str], ...]:
    """(label, text) for the fields of one §7.1 item; empty fields say 調査中, or 【未入力】 in a 確報.

    Item 9's checklist pairs (done + note) become one row each: 「あり（内容）」 or 「なし」.
    """
    rows = []
    fields = [f for f in FIELDS if f.item == item]
    notes = {f.path for f in fields if f.path.endswith(".note") and f.path.startswith("other.")}
    for field in fields:
        if field.path in notes:
            continue
        text = _text(report, field.path, style)
        if field.path.startswith("other.") and field.path.endswith(".done"):
            note = text_of(report, field.path.removesuffix(".done") + ".note").strip()
            rows.append((field.ja, f"{text}（{note}）" if note else text))
            continue
        if not text.strip():
            if field.path in REQUIRED_IN_FINAL:
                if final:
                    missing.append(field.ja)
                    text = MISSING_MARK.format(name=field.ja)
                else:
                    text = UNKNOWN_YET
            else:
                text = NOT_APPLICABLE
        rows.append((SHORT_LABELS.get(field.path, field.ja), text))
    return tuple(rows)


def _addressee(report: ReportDraft) -> str:
    if report.envelope.addressee is Addressee.MINISTRY:
        return f"{report.envelope.ministry_name.strip() or '事業所管大臣'}　殿"
    return "個人情報保護委員会　殿"


def _reporter(ctx: DocumentContext) -> list[Block]:
    office = ctx.office
    return [
        Heading("報告者", level=2),
        KeyValues(
            (
                ("事業者の名称", office.name or NOT_APPLICABLE),
                ("法人番号", office.corporate_number or NOT_APPLICABLE),
                ("所在地", office.address or NOT_APPLICABLE),
                ("代表者", office.representative or NOT_APPLICABLE),
                ("業種", office.industry or NOT_APPLICABLE),
                ("担当部署", office.department or NOT_APPLICABLE),
                ("担当者氏名", office.contact_person or NOT_APPLICABLE),
                ("電話番号", office.phone or NOT_APPLICABLE),
                ("メールアドレス", office.email or NOT_APPLICABLE),
            )
        ),
    ]


def _shown(value: object, ctx: DocumentContext) -> str:
    return format_date(value, ctx.office.date_style) if isinstance(value, dt.date) else format_value(value)


def _changes(ctx: DocumentContext, report: ReportDraft) -> list[Block]:
    if ctx.previous_report is None:
        return []
    changes = [c for c in diff(ctx.previous_report, report) if c.field.item > 0]
    before_kind = format_value(ctx.previous_report.envelope.kind)
    blocks: list[Block] = [Heading(f"（参考）{before_kind}からの変更点", level=1)]
    if not changes:
        return [*blocks, Para("変更された項目はありません。")]
    rows = tuple(
        (c.field.ja, _shown(c.before, ctx) or NOT_APPLICABLE, _shown(c.after, ctx) or NOT_APPLICABLE)
        for c in changes
    )
    return [*blocks, Grid(("項目", "変更前", "変更後"), rows, (1.2, 2.0, 2.0))]


def compose(ctx: DocumentContext) -> Document:
    report = _require_report(ctx)
    kind = kind_of(report)
    final = kind is not DocumentKind.SOKUHO
    filler = filler_for(ctx)
    template = template_of(ctx, kind.template_key)
    missing: list[str] = []
    report_day = report.envelope.report_date or ctx.issued_on
    blocks: list[Block] = letterhead(ctx, report_day, _addressee(report), sender=False)
    title = filler.fill(template.title)
    blocks += [Para(title, "title"), Para(filler.fill(template.opening))]
    envelope = [
        (label, format_date(report_day, ctx.office.date_style) if label == "報告日" else value)
        for label, value in item_rows(report, 0, final=False, missing=missing, style=ctx.office.date_style)
    ]  # the document's own date when the draft has none yet
    blocks += [Heading("報告の種類・宛先", level=2), KeyValues(tuple(envelope)), *_reporter(ctx), Gap(2)]
    for item in range(1, 10):
        blocks.append(Heading(f"{full_width_number(item)}．{ITEM_TITLES[item][0]}", level=1))
        blocks.append(
            KeyValues(item_rows(report, item, final=final, missing=missing, style=ctx.office.date_style))
        )
    blocks += _changes(ctx, report)
    blocks.append(Para(filler.fill(template.closing), "body_right"))
    problems = filler.problems()
    if missing:
        problems.append(
            _("A final report must answer every item; still empty: {names}").format(names="、".join(missing))
        )
    return Document(kind, title, tuple(blocks), running_header=title, problems=tuple(problems))


def build(ctx: DocumentContext) -> bytes:
    document = compose(ctx)
    return to_pdf(document, author=ctx.author, subject="個人情報保護法第26条第1項に基づく報告")
