"""Pマーク事故報告: the incident report a Privacy Mark holder sends its 審査機関 (docs/domain.md §8, §12.6).

Items follow the unified report form the 審査機関 use (JISA's list): 事業者名, 業種, 発生日・発覚日, 事故の概要,
媒体・項目・件数, 安全管理措置の実施状況, 経過, 事故発生元・事故発生者, 本人等への対応, 公表, 二次被害, and the JIPDEC
categories (発生事象・事象分類・原因) so the statistics can be compared.
"""

from __future__ import annotations

from app.documents.context import DocumentContext, DocumentKind
from app.documents.model import Block, Document, Heading, KeyValues, Need, NeedSource, Para
from app.documents.render.pdf import to_pdf
from app.documents.render.template import audit_anchor_text
from app.documents.wording.compose import body_blocks, filler_for, office_needs, template_of
from app.documents.wording.letterhead import letterhead
from app.domain.report import ENUM_LABELS, outside_timeline

KIND = DocumentKind.PMARK_REPORT
NONE = "―"


def _report_type(ctx: DocumentContext) -> str:
    pmark = ctx.incident.assessment.pmark if ctx.incident.assessment is not None else None
    if pmark is None:
        return NONE
    return "速報" if pmark.sokuho_required and ctx.report is None else "報告"


def needs(ctx: DocumentContext) -> tuple[Need, ...]:
    """The holder, its registration with the 審査機関 and whom the 審査機関 calls back (docs/domain.md §8)."""
    office = ctx.office
    return (
        *office_needs(ctx, "事業者名", "業種", "担当者"),
        Need(
            "電話番号又はメールアドレス",
            bool(office.phone.strip() or office.email.strip()),
            NeedSource.OFFICE,
        ),
        Need("審査機関名", bool(ctx.values.get("審査機関名", "").strip()), NeedSource.VALUES),
        Need("Pマーク登録番号", bool(ctx.values.get("Pマーク登録番号", "").strip()), NeedSource.VALUES),
    )


def compose(ctx: DocumentContext) -> Document:
    template = template_of(ctx, KIND.template_key)
    filler = filler_for(ctx)
    f = filler.fill
    addressee = f("{審査機関名}") + "　御中"
    blocks: list[Block] = letterhead(ctx, ctx.issued_on, addressee, extra=(f("登録番号：{Pマーク登録番号}"),))
    title = f(template.title)
    blocks += [Para(title, "title"), *body_blocks(template.opening, filler), Para("記", "body_center")]
    report, incident = ctx.report, ctx.incident
    caused_by = ""
    if report is not None and report.cause.caused_by is not None:
        caused_by = ENUM_LABELS[report.cause.caused_by.value][0]
        if report.cause.location.strip():
            caused_by += f"（{report.cause.location.strip()}）"
    medium = report.data.medium if report is not None else ""
    timeline = report.overview.timeline if report is not None else ""
    if not timeline.strip():
        timeline = outside_timeline(ctx.timeline)  # never who recorded each entry
    rows = (
        ("事業者名", f("{事業者名}")),
        ("業種", f("{業種}")),
        ("報告の区分", _report_type(ctx)),
        ("発生日", f("{発生日}")),
        ("発覚日", f("{発覚日}")),
        ("事故の概要", f("{事案の概要}")),
        ("媒体", medium or NONE),
        ("項目", f("{項目}")),
        ("件数（本人の数）", f("{本人の数}")),
        ("安全管理措置の実施状況", f("{安全管理措置の実施状況}")),
        ("経過", timeline or NONE),
        ("事故発生元・事故発生者", caused_by or NONE),
        ("原因", f("{原因}")),
        ("本人等への対応", f("{本人への対応}")),
        ("公表", f("{公表の状況}")),
        ("二次被害", f("{二次被害}")),
        ("再発防止策（実施済み）", f("{再発防止策（実施済み）}")),
        ("再発防止策（今後の予定）", f("{再発防止策（今後）}")),
    )
    jipdec = (
        ("発生事象", incident.jipdec_event or NONE),
        ("事象分類", incident.jipdec_category or NONE),
        ("原因の分類", incident.jipdec_cause or NONE),
    )
    blocks += [KeyValues(rows), Heading("JIPDEC 統計分類", level=2), KeyValues(jipdec)]
    blocks += [
        Para(
            "報告担当者：" + " ".join(x for x in (f("{担当部署}"), f("{担当者}"), f("{担当者電話}"))), "body"
        )
    ]
    blocks += body_blocks(template.closing, filler)
    return Document(KIND, title, tuple(blocks), running_header=title, problems=tuple(filler.problems()))


def build(ctx: DocumentContext) -> bytes:
    return to_pdf(
        compose(ctx),
        author=ctx.author,
        subject="プライバシーマーク 事故報告",
        footer_note=audit_anchor_text(ctx.audit_head),
    )
