"""委託元への通知: a 委託先 tells its 委託元 what it knows (規則9条; docs/domain.md §5.4, §12.3).

The nine items "as far as known", taken from the register: the report draft when there is one, else a draft
derived from the incident's facts, so that 「（調査中）」 stands only where the register has nothing; the 委託先 is
released from its own report and notices once it has told the 委託元 promptly (GL 3-5-3-5), so the notice says
that the 委託元 reports and notifies, and gives the 委託先's contact.
With 個人番号 in the data the same holds under 番号法29条の4第1項ただし書 (GL-B 別添2 3F): the notice then says
so and carries the 番号法 items too (規則第2条各号該当性, 特定個人情報の項目 and its count).
A case the office judged not reportable is told as a courtesy under the contract, with the reason, and cites no
reporting article; an excluded case (high-grade encryption …) never reads as "may have leaked" (issue 15 point 3).
"""

from __future__ import annotations

from app.documents.context import DocumentContext, DocumentKind
from app.documents.model import Block, Document, Heading, KeyValues, Need, NeedSource, Para
from app.documents.render.pdf import to_pdf
from app.documents.wording.compose import (
    body_blocks,
    filler_for,
    full_width_number,
    internal_text_warnings,
    office_needs,
    sections_blocks,
    template_of,
)
from app.documents.wording.letterhead import letterhead
from app.documents.wording.report_items import (
    APPI_TRACK,
    BANGO_LAW,
    UNKNOWN_YET,
    Track,
    item_rows,
    with_my_numbers,
)
from app.documents.wording.templates import default_template
from app.documents.wording.values import (
    count_text,
    date_text,
    not_reportable_reason,
    secondary_damage_text,
)
from app.domain.report import ReportDraft, draft_from

KIND = DocumentKind.ENTRUSTOR_NOTICE
# What the opening says happened when the case was excluded: an event, not a 漏えい等.
EXCLUDED_EVENT = "事故が発生した"
COURTESY_TITLE = "個人データの取扱いに関する事故のご報告"


def register_draft(ctx: DocumentContext) -> ReportDraft:
    """The report draft when one exists, else one derived from the register's facts; the 発生事案 is the
    outside summary either way, never the internal 件名."""
    facts = ctx.incident.facts
    value = filler_for(ctx).values.get("事案の概要", "")
    summary = value if isinstance(value, str) else "、".join(value)
    if ctx.report is not None:
        draft = ctx.report
    elif facts is not None:
        draft = draft_from(facts, ctx.incident.assessment, title=ctx.incident.title, summary=summary)
    else:
        draft = ReportDraft()
    return draft.replace("overview.what_happened", summary)


def not_reportable(ctx: DocumentContext) -> bool:
    assessment = ctx.incident.assessment
    return assessment is not None and not assessment.any_reportable


def compose(ctx: DocumentContext) -> Document:
    template = template_of(ctx, KIND.template_key)
    courtesy = not_reportable(ctx)
    extra = (
        {"発生した事態": EXCLUDED_EVENT} if courtesy and not filler_for(ctx).values["発生した事態"] else None
    )
    filler = filler_for(ctx, extra=extra)
    addressee = filler.fill("{委託元名}") + "　御中"
    blocks: list[Block] = letterhead(ctx, ctx.issued_on, addressee)
    if courtesy and template.title == default_template(KIND.template_key).title:
        title = COURTESY_TITLE  # BreachDesk's title says 漏えい等, which this case is not
    else:
        title = filler.fill(template.title)
    report = with_my_numbers(register_draft(ctx), ctx)
    track = Track(appi=True, bango=True) if report.bango.involved else APPI_TRACK
    blocks += [Para(title, "title"), *body_blocks(template.opening, filler)]
    if report.bango.involved and not courtesy:
        blocks.append(Para(my_number_sentence(report.bango.categories)))
    blocks += body_blocks(template.closing, filler)
    blocks.append(Para("記", "body_center"))
    facts = ctx.incident.facts
    learned = date_text(ctx, facts.learned_date) if facts is not None else ""
    blocks.append(Heading("当社が本件を知った日", level=2))
    blocks.append(Para(learned or filler.fill("{発覚日}")))
    if courtesy:
        said = any("{通知の趣旨}" in text for text in (template.opening, template.closing))
        blocks += courtesy_blocks(ctx, report, with_reason=not said)
        first = 2 if said else 3
    else:
        missing: list[str] = []
        style = ctx.office.date_style
        for item in range(1, 10):
            blocks.append(Heading(f"{full_width_number(item)}．{track.title(item)}", level=2))
            blocks.append(
                KeyValues(item_rows(report, item, final=False, missing=missing, style=style, track=track))
            )
        first = 10
    blocks += sections_blocks(template, filler, first_number=first)
    blocks.append(Para("以上", "body_right"))
    problems = (*filler.problems(), *internal_text_warnings(template))
    return Document(KIND, title, tuple(blocks), running_header=title, problems=problems)


def courtesy_blocks(ctx: DocumentContext, report: ReportDraft, *, with_reason: bool) -> list[Block]:
    """What a case that is not reportable is told: the event as known, and why it is not reportable (unless the
    opening already says it through {通知の趣旨})."""
    assessment = ctx.incident.assessment
    overview = report.overview

    def known(text: str) -> str:
        return text.strip() or UNKNOWN_YET

    rows = (
        ("発生日", known(date_text(ctx, overview.occurred_date))),
        ("発覚日", known(date_text(ctx, overview.learned_date))),
        ("事案の概要", known(overview.what_happened)),
        ("対象となる情報の項目", known(report.data.items)),
        ("対象となる本人の数", known(count_text(report, ctx))),
        ("原因", known(report.cause.description)),
        ("二次被害の有無", known(secondary_damage_text(report))),
        ("当社の対応", known(report.response)),
    )
    blocks: list[Block] = [Heading("１．本件の内容", level=2), KeyValues(rows)]
    if with_reason and assessment is not None:
        blocks += [Heading("２．当社の判断", level=2), Para(not_reportable_reason(assessment), "section")]
    return blocks


def my_number_sentence(categories: tuple[int, ...]) -> str:
    """What the 委託元 must know when 個人番号 are involved: whether this is also the 番号法 notice."""
    lead = "本件の対象には、特定個人情報（個人番号を含む個人情報）が含まれます。"
    if not categories:
        return lead
    items = "、".join(f"{n}号" for n in categories)
    return (
        f"{lead}特定個人情報の漏えい等に関する報告等に関する規則第2条{items}に当たるため、本書は、"
        f"{BANGO_LAW}ただし書の規定による通知を兼ねてご報告するものです。"
    )


def needs(ctx: DocumentContext) -> tuple[Need, ...]:
    """The addressee, the 委託先's own contact (GL 3-5-3-5) and the outside summary."""
    filler = filler_for(ctx)
    return (
        Need("委託元名", bool(str(filler.values.get("委託元名", "")).strip()), NeedSource.VALUES),
        *office_needs(ctx, "事業者名", "担当者", "電話番号"),
        Need("事案の概要", bool(str(filler.values.get("事案の概要", "")).strip()), NeedSource.INCIDENT),
    )


def build(ctx: DocumentContext) -> bytes:
    subject = "委託元への通知" if not_reportable(ctx) else "委託元への通知（個人情報保護法施行規則第9条）"
    return to_pdf(compose(ctx), author=ctx.author, subject=subject)
