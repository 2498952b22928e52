"""社内報告書: for management — the facts, the verdict with its reasons, each deadline and whether it was met,
the 事実経過 and the response checklist (docs/domain.md §12.5)."""

from __future__ import annotations

import datetime as dt

from app.documents.compose import body_blocks, filler_for, full_width_number, template_of
from app.documents.context import DocumentContext, DocumentKind, FilingLine
from app.documents.letterhead import letterhead
from app.documents.model import Block, Bullets, Document, Grid, Heading, KeyValues, Para
from app.documents.pdf import to_pdf
from app.documents.values import date_text
from app.domain.assessment import Assessment
from app.domain.filing import FilingKind
from app.jpdates import JST, format_datetime_jst

KIND = DocumentKind.INTERNAL_REPORT
NONE = "―"
_EXCLUDED = {
    "pseudonymized": "仮名加工情報であるため対象外",
    "high_grade_encryption": "高度な暗号化等の措置が講じられているため対象外",
    "recovered_before_viewed": "閲覧される前に全て回収されたため漏えいに当たらない",
    "intentional_provision": "自らの意思による提供であり、漏えいに当たらない",
    "identical_copy_exists": "同じデータが他に保管されているため滅失・毀損に当たらない",
    "not_personal_data": "個人データに当たらない",
}


def _verdict(assessment: Assessment | None) -> str:
    if assessment is None:
        return "未判定（判定を行ってください）"
    if assessment.applicable_items:
        items = "、".join(f"{n}号" for n in assessment.applicable_items)
        return f"報告対象事態に該当する（個人情報保護法施行規則第7条{items}）"
    if assessment.excluded_by is not None:
        return f"報告対象事態に該当しない（{_EXCLUDED.get(assessment.excluded_by.value, assessment.excluded_by.value)}）"
    return "報告対象事態に該当しない"


def _first_filed(filings: tuple[FilingLine, ...], kinds: set[str]) -> dt.date | None:
    days = [f.filed_at.astimezone(JST).date() for f in filings if f.kind in kinds]
    return min(days) if days else None


def _status(done: dt.date | None, due: dt.date | None, today: dt.date) -> str:
    if done is not None:
        if due is None:
            return "実施済み"
        return "期限内に実施" if done <= due else "期限後に実施"
    if due is not None and today > due:
        return "未実施（期限超過）"
    return "未実施"


def deadline_rows(ctx: DocumentContext) -> tuple[tuple[str, str, str, str], ...]:
    """(手続, 期限, 実施日, 状況) for every clock the assessment started."""
    assessment, filings, today = ctx.incident.assessment, ctx.filings, ctx.issued_on
    rows: list[tuple[str, str, str, str]] = []
    if assessment is None:
        return ()

    def add(name: str, due_text: str, due: dt.date | None, kinds: set[str]) -> None:
        done = _first_filed(filings, kinds)
        rows.append((name, due_text, date_text(ctx, done) or NONE, _status(done, due, today)))

    reports = {FilingKind.SOKUHO.value, FilingKind.SOKUHO_KAKUHO.value}
    finals = {FilingKind.KAKUHO.value, FilingKind.SOKUHO_KAKUHO.value}
    if assessment.sokuho_window is not None:
        window = assessment.sokuho_window
        add(
            "速報",
            f"{date_text(ctx, window.start)}〜{date_text(ctx, window.end)}（目安）",
            window.end,
            reports,
        )
    if assessment.kakuho is not None:
        add("確報", date_text(ctx, assessment.kakuho.deadline), assessment.kakuho.deadline, finals)
    if assessment.entrustor_notice_window is not None:
        window = assessment.entrustor_notice_window
        due_text = f"{date_text(ctx, window.start)}〜{date_text(ctx, window.end)}（目安）"
        add("委託元への通知", due_text, window.end, {FilingKind.ENTRUSTOR_NOTICE.value})
    if assessment.individual_notice.value.startswith("required"):
        add("本人通知", "速やかに", None, {FilingKind.INDIVIDUAL_NOTICE.value})
    if assessment.pmark is not None and assessment.pmark.report_required:
        add(
            "Pマーク事故報告",
            f"発覚日から{assessment.pmark.kakuho_days}日以内",
            None,
            {FilingKind.PMARK_KAKUHO.value},
        )
    return tuple(rows)


def compose(ctx: DocumentContext) -> Document:
    template = template_of(ctx, KIND.template_key)
    filler = filler_for(ctx)
    addressee = filler.fill("{代表者}") + "　殿"
    from_line = " ".join(p for p in (ctx.office.department, ctx.office.contact_person) if p.strip())
    blocks: list[Block] = letterhead(ctx, ctx.issued_on, addressee, sender=False)
    blocks.append(Para(from_line or filler.fill("{担当部署}"), "body_right"))
    title = filler.fill(template.title)
    blocks += [Para(title, "title"), *body_blocks(template.opening, filler), Para("記", "body_center")]
    incident, assessment = ctx.incident, ctx.incident.assessment
    overview = (
        ("事案番号", incident.reference),
        ("件名", incident.title),
        ("発生日", filler.fill("{発生日}")),
        ("発覚日", filler.fill("{発覚日}")),
        ("事態", filler.fill("{発生した事態}")),
        ("本人の数", filler.fill("{本人の数}")),
        ("個人データの項目", filler.fill("{項目}")),
        (
            "発生事象・事象分類・原因（JIPDEC分類）",
            "／".join(
                x or NONE for x in (incident.jipdec_event, incident.jipdec_category, incident.jipdec_cause)
            ),
        ),
    )
    sections: list[tuple[str, list[Block]]] = [("事案の概要", [KeyValues(overview)])]
    judged: list[Block] = [Para(_verdict(assessment))]
    if assessment is not None:
        judged.append(Para(f"判定に用いた規則：{assessment.rules_version}", "note"))
        judged.append(Bullets(tuple(r.ja for r in assessment.reasons) or ("―",)))
        if assessment.warnings:
            judged += [Para("留意事項", "body"), Bullets(tuple(w.ja for w in assessment.warnings))]
    sections.append(("報告対象事態への該当性", judged))
    deadlines = deadline_rows(ctx)
    sections.append(
        (
            "期限と対応状況",
            [Grid(("手続", "期限", "実施日", "状況"), deadlines, (1.2, 2.2, 1.3, 1.3))]
            if deadlines
            else [Para("期限のある手続はありません。")],
        )
    )
    timeline = tuple(
        (format_datetime_jst(t.occurred_at, ctx.office.date_style), t.text, t.actor or NONE)
        for t in ctx.timeline
    )
    sections.append(
        (
            "事実経過",
            [Grid(("日時", "内容", "記録者"), timeline, (1.6, 4.0, 1.0))]
            if timeline
            else [Para("記録はありません。")],
        )
    )
    checklist = tuple(
        (
            c.group or NONE,
            c.label,
            format_datetime_jst(c.done_at, ctx.office.date_style) if c.done_at else "未了",
            c.done_by or NONE,
            c.note or NONE,
        )
        for c in ctx.checklist
    )
    sections.append(
        (
            "対応状況（チェックリスト）",
            [Grid(("区分", "対応", "実施日時", "担当", "メモ"), checklist, (1.4, 2.4, 1.5, 0.9, 1.4))]
            if checklist
            else [Para("チェックリストはまだありません。")],
        )
    )
    sections.append(
        (
            "原因と再発防止策",
            [
                KeyValues(
                    (
                        ("原因", filler.fill("{原因}")),
                        ("実施済みの措置", filler.fill("{再発防止策（実施済み）}")),
                        ("今後実施予定の措置", filler.fill("{再発防止策（今後）}")),
                    )
                )
            ],
        )
    )
    for number, (heading, content) in enumerate(sections, start=1):
        blocks.append(Heading(f"{full_width_number(number)}．{heading}", level=1))
        blocks += content
    blocks += body_blocks(template.closing, filler)
    return Document(KIND, title, tuple(blocks), running_header=title, problems=tuple(filler.problems()))


def build(ctx: DocumentContext) -> bytes:
    return to_pdf(compose(ctx), author=ctx.author, subject="社内報告")
