"""社内報告書: for management — the facts, the verdict with its reasons, each deadline and whether it was met,
the 事実経過 and the response checklist (docs/domain.md §12.5).

With My Numbers the 番号法 verdict stands beside the 第7条 one, and its deadlines join the table: one row where
both laws fall due on the same days (as the clocks show them), a row of its own where they differ (§15.3).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.documents.context import DocumentContext, DocumentKind, FilingLine
from app.documents.model import Block, Bullets, Document, Grid, Heading, KeyValues, Need, Para
from app.documents.render.pdf import to_pdf
from app.documents.render.template import audit_anchor_text
from app.documents.wording.compose import (
    body_blocks,
    filler_for,
    full_width_number,
    office_needs,
    template_of,
)
from app.documents.wording.letterhead import letterhead
from app.documents.wording.values import date_text
from app.domain.assessment import Assessment, BangoAssessment, DateWindow, Filing, IndividualNotice, Kakuho
from app.domain.dates import JST, format_datetime_jst
from app.domain.filing import FilingKind

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


_BANGO_EXCLUDED = {
    "not_in_file": "特定個人情報ファイルに記録された特定個人情報に当たらない",
    "high_grade_encryption": "高度な暗号化等の措置が講じられているため対象外",
    "recovered_before_viewed": "第三者に閲覧される前に全て回収されたため漏えいに当たらない",
    "identical_copy_exists": "同じデータが他に保管されているため滅失・毀損に当たらない",
}
BOTH_LAWS = "（個人情報保護法・番号法）"
PPC_FORM_CHANNEL = "ppc_form"  # the PPC's online form: under a separate filing, the 番号法 report


def needs(ctx: DocumentContext) -> tuple[Need, ...]:
    """Management reads it inside the office: who wrote it is enough (the office and its contact person)."""
    return office_needs(ctx, "事業者名", "担当者")


def bango_verdict(bango: BangoAssessment) -> str:
    """The 番号法29条の4 verdict in the words of the 第7条 one; the effort report is said to be one (努力義務)."""
    if bango.categories:
        items = "、".join(f"{n}号" for n in bango.categories)
        verdict = f"報告対象事態に該当する（特定個人情報の漏えい等に関する報告等に関する規則第2条{items}）"
    elif bango.excluded_by is not None:
        why = _BANGO_EXCLUDED.get(bango.excluded_by.value, bango.excluded_by.value)
        verdict = f"報告対象事態に該当しない（{why}）"
    else:
        verdict = "報告対象事態に該当しない"
    if bango.effort_report:
        verdict += "。ただし、個人情報保護委員会への報告に努める事案（努力義務）"
    return verdict


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


@dataclass(frozen=True, slots=True)
class Due:
    """One law's deadline of one kind as the table states it; equal ones are one deadline for both laws."""

    text: str
    day: dt.date
    suffix: str = ""  # 「（30日以内）」: the 番号法 確報's period, when it has a row of its own


def _window_due(ctx: DocumentContext, window: DateWindow | None) -> Due | None:
    """速報 and 委託元への通知 are due promptly; the guideline's 3–5 days give only the latest day (GL 3-5-3-3)."""
    if window is None:
        return None
    return Due(f"速やかに（遅くとも{date_text(ctx, window.end)}まで）", window.end)


def _kakuho_due(ctx: DocumentContext, kakuho: Kakuho | None) -> Due | None:
    if kakuho is None:
        return None
    return Due(date_text(ctx, kakuho.deadline), kakuho.deadline, f"（{kakuho.days}日以内）")


def deadline_rows(ctx: DocumentContext) -> tuple[tuple[str, str, str, str], ...]:
    """(手続, 期限, 実施日, 状況) for every clock the assessment started, both laws' where My Numbers are involved."""
    assessment, filings, today = ctx.incident.assessment, ctx.filings, ctx.issued_on
    rows: list[tuple[str, str, str, str]] = []
    if assessment is None:
        return ()
    bango = assessment.bango
    separate = bango.filing is Filing.SEPARATE

    def add(name: str, due_text: str, due: dt.date | None, kinds: set[str], law: str = "both") -> None:
        done = _first_filed(_for_law(filings, law if separate else "both"), kinds)
        rows.append((name, due_text, date_text(ctx, done) or NONE, _status(done, due, today)))

    reports = {FilingKind.SOKUHO.value, FilingKind.SOKUHO_KAKUHO.value}
    finals = {FilingKind.KAKUHO.value, FilingKind.SOKUHO_KAKUHO.value}
    dated: tuple[tuple[str, Due | None, Due | None, set[str]], ...] = (
        ("速報", _window_due(ctx, assessment.sokuho_window), _window_due(ctx, bango.sokuho_window), reports),
        ("確報", _kakuho_due(ctx, assessment.kakuho), _kakuho_due(ctx, bango.kakuho), finals),
        (
            "委託元への通知",
            _window_due(ctx, assessment.entrustor_notice_window),
            _window_due(ctx, bango.entrustor_notice_window),
            {FilingKind.ENTRUSTOR_NOTICE.value},
        ),
    )
    for name, appi_due, bango_due, kinds in dated:
        joint = appi_due is not None and appi_due == bango_due and not separate
        if appi_due is not None:
            add(name + (BOTH_LAWS if joint else ""), appi_due.text, appi_due.day, kinds, "appi")
        if bango_due is not None and not joint:
            add(f"番号法 {name}{bango_due.suffix}", bango_due.text, bango_due.day, kinds, "bango")
    appi_notice = assessment.individual_notice.value.startswith("required")
    bango_notice = bango.notify_required and bango.individual_notice in (
        IndividualNotice.REQUIRED,
        IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED,
    )
    if appi_notice or bango_notice:
        label = "本人通知" + (BOTH_LAWS if appi_notice and bango_notice else "")
        add(
            label if appi_notice else "番号法 本人通知",
            "速やかに",
            None,
            {FilingKind.INDIVIDUAL_NOTICE.value},
        )
    if bango.effort_report:
        add("番号法 報告（努力義務）", "期限なし（努めるもの）", None, reports | finals, "bango")
    if assessment.pmark is not None and assessment.pmark.report_required:
        add(
            "Pマーク事故報告",
            f"発覚日から{assessment.pmark.kakuho_days}日以内",
            None,
            {FilingKind.PMARK_KAKUHO.value},
        )
    return tuple(rows)


def _for_law(filings: tuple[FilingLine, ...], law: str) -> tuple[FilingLine, ...]:
    """Under a separate filing the PPC form carries the 番号法 report and any other channel the 第7条 one; a
    filing recorded without a channel counts for both (as the clocks read them)."""
    if law == "both":
        return filings
    return tuple(
        f
        for f in filings
        if not f.channel or (f.channel == PPC_FORM_CHANNEL) == (law == "bango") or f.kind not in _REPORT_KINDS
    )


_REPORT_KINDS = {FilingKind.SOKUHO.value, FilingKind.KAKUHO.value, FilingKind.SOKUHO_KAKUHO.value}


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
        if assessment.bango.applies:
            # Both verdicts side by side: the 第7条 one first, as the report's own items are.
            judged[0] = Para(f"個人情報保護法（規則第7条）：{_verdict(assessment)}")
            judged += [
                Para(f"番号法（特定個人情報、第29条の4）：{bango_verdict(assessment.bango)}"),
                Bullets(tuple(r.ja for r in assessment.bango.reasons) or ("―",)),
            ]
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
    return to_pdf(
        compose(ctx), author=ctx.author, subject="社内報告", footer_note=audit_anchor_text(ctx.audit_head)
    )
