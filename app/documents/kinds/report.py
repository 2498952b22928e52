"""漏えい等報告書（速報・確報・追完）: the office's record of what it reported, in the PPC form's order.

The PPC takes reports through its online form (the form copy assistant serves that); this PDF is the office's
file copy and the document for ministries that take files. A 速報 reports what is known ("（調査中）" for
the rest, 規則8条1項かっこ書); a 確報 must answer every item, so its gaps print as 【未入力】 and are listed for
the officer. A 確報 or 追完 ends with what changed since the report before it.

When 個人番号 are involved (docs/domain.md §15.3 rules 13–14) the report follows the filing: one report on the
PPC form's My Number path with both 該当性 rows and the 特定個人情報 items (joint, or 第7条 only), a 番号法
report alone, or, when the 第7条 report goes to a delegated minister, two reports in one file: the minister's and
the PPC's. Their titles and openings cite the law each rests on, so they are BreachDesk's wording, not the
officer's template (which stays the 第7条 report's).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from app.documents.context import DocumentContext, DocumentKind
from app.documents.model import (
    Block,
    Document,
    Gap,
    Grid,
    Heading,
    KeyValues,
    Need,
    NeedSource,
    NewPage,
    Para,
)
from app.documents.render.pdf import to_pdf
from app.documents.render.template import audit_anchor_text
from app.documents.wording.compose import filler_for, full_width_number, office_needs, template_of
from app.documents.wording.letterhead import letterhead
from app.documents.wording.report_items import (
    APPI_TRACK,
    BANGO_LAW,
    NOT_APPLICABLE,
    REQUIRED_IN_FINAL,
    UNKNOWN_YET,
    Track,
    item_rows,
    with_my_numbers,
)
from app.domain.assessment import Filing
from app.domain.dates import JST, format_date
from app.domain.filing import FilingKind
from app.domain.report import (
    FIELDS_BY_PATH,
    Addressee,
    FieldChange,
    ReportDraft,
    diff,
    format_value,
    other_summary,
    timeline_warnings,
)
from app.errors import InputError
from app.i18n import _

PPC = "個人情報保護委員会　殿"
TITLE_CHARS = 26  # what fits on one line of the 16 pt title
APPI_LAW = "個人情報の保護に関する法律第26条第1項"
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


def _addressee(report: ReportDraft) -> str:
    if report.envelope.addressee is Addressee.MINISTRY:
        return f"{report.envelope.ministry_name.strip() or '事業所管大臣'}　殿"
    return PPC


@dataclass(frozen=True, slots=True)
class Part:
    """One report in the file: its own title, addressee, legal basis and items."""

    track: Track
    title: str
    addressee: str
    opening: str
    note: str = ""


def _filing(report: ReportDraft) -> Filing:
    """The filing the draft names, or the one its ticks imply when none was chosen."""
    if report.bango.filing is not None:
        return report.bango.filing
    appi, bango = bool(report.overview.applicable_items), bool(report.bango.categories)
    if appi and bango:
        return Filing.JOINT
    return Filing.APPI_ONLY if appi else Filing.BANGO_ONLY


def parts(ctx: DocumentContext, report: ReportDraft, kind_label: str) -> list[Part]:
    """The reports this file holds (docs/domain.md §15.3 rule 14, CONV-BANGO-FILING)."""
    template = template_of(ctx, kind_of(report).template_key)
    filler = filler_for(ctx)
    appi = Part(APPI_TRACK, filler.fill(template.title), _addressee(report), filler.fill(template.opening))
    if not report.bango.involved:
        return [appi]
    bango_title = f"特定個人情報の漏えい等に関する報告書（{kind_label}）"
    bango_basis = (
        BANGO_LAW
        if report.bango.categories
        # Not a 報告対象事態: the guideline asks the office to endeavour to report (GL-B 別添2 3B).
        else "特定個人情報の適正な取扱いに関するガイドライン（事業者編）別添2"
    )
    bango = Part(
        Track(appi=False, bango=True),
        bango_title,
        PPC,
        f"{bango_basis}の規定に基づき、下記のとおり報告します。",
    )
    filing = _filing(report)
    if filing is Filing.SEPARATE:
        minister = _addressee(report).removesuffix("　殿")
        return [
            dataclasses.replace(
                appi,
                note=f"特定個人情報に係る報告は、{BANGO_LAW}の規定に基づき、別途、個人情報保護委員会に行います。",
            ),
            dataclasses.replace(
                bango,
                note=f"個人データに係る報告（{APPI_LAW}）は、別途、{minister}に行います。",
            ),
        ]
    if filing is Filing.BANGO_ONLY:
        return [bango]
    both = Track(appi=True, bango=True)
    if filing is Filing.APPI_ONLY:
        return [dataclasses.replace(appi, track=both)]
    return [
        Part(
            both,
            f"個人データ及び特定個人情報の漏えい等に関する報告書（{kind_label}）",
            PPC,
            f"{APPI_LAW}及び{BANGO_LAW}の規定に基づき、下記のとおり報告します。",
        )
    ]


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


def _as_printed(value: object, path: str, ctx: DocumentContext, *, earlier: bool) -> str:
    """A value as the report printed it: an empty answer the 速報 had to give was 「（調査中）」 there."""
    shown = _shown(value, ctx)
    if shown.strip():
        return shown
    early_sokuho = (
        earlier and ctx.previous_report is not None and kind_of(ctx.previous_report) is DocumentKind.SOKUHO
    )
    return UNKNOWN_YET if early_sokuho and path in REQUIRED_IN_FINAL else NOT_APPLICABLE


def _changes(ctx: DocumentContext, report: ReportDraft) -> list[Block]:
    if ctx.previous_report is None:
        return []
    changes = [
        c
        for c in diff(ctx.previous_report, report)
        if c.field.item > 0 and not c.field.path.startswith("other.")
    ]
    if other_summary(ctx.previous_report) != other_summary(report):
        changes.append(
            FieldChange(
                FIELDS_BY_PATH["other.text"], other_summary(ctx.previous_report), other_summary(report)
            )
        )
    before_kind = format_value(ctx.previous_report.envelope.kind)
    blocks: list[Block] = [Heading(f"（参考）{before_kind}からの変更点", level=1)]
    if not changes:
        return [*blocks, Para("変更された項目はありません。")]
    rows = tuple(
        (
            c.field.ja,
            _as_printed(c.before, c.field.path, ctx, earlier=True),
            _as_printed(c.after, c.field.path, ctx, earlier=False),
        )
        for c in changes
    )
    return [*blocks, Grid(("項目", "変更前", "変更後"), rows, (1.2, 2.0, 2.0))]


def _envelope(
    ctx: DocumentContext, report: ReportDraft, part: Part, report_day: dt.date, missing: list[str]
) -> tuple[tuple[str, str], ...]:
    """Item 0 as this part states it: its own addressee, and the document's date when the draft has none yet."""
    rows = []
    for label, value in item_rows(
        report, 0, final=False, missing=missing, style=ctx.office.date_style, track=part.track
    ):
        if label == "報告日":
            value = format_date(report_day, ctx.office.date_style)
        elif label == "宛先" and part.addressee == PPC:
            value = format_value(Addressee.PPC)
        elif label == "事業所管大臣等の名称" and part.addressee == PPC:
            value = NOT_APPLICABLE
        elif label == FIELDS_BY_PATH["bango.filing"].ja:
            value = format_value(_filing(report))
        rows.append((label, value))
    return tuple(rows)


def _title_lines(title: str) -> str:
    """A title too long for one line breaks before its （速報）, not inside it."""
    head, bracket, tail = title.rpartition("（")
    return f"{head}\n{bracket}{tail}" if bracket and len(title) > TITLE_CHARS else title


def _part_blocks(
    ctx: DocumentContext, report: ReportDraft, part: Part, *, final: bool, missing: list[str]
) -> list[Block]:
    report_day = report.envelope.report_date or ctx.issued_on
    blocks: list[Block] = letterhead(ctx, report_day, part.addressee, sender=False)
    blocks.append(Para(_title_lines(part.title), "title"))
    follows = prior_report_line(ctx, report)
    if follows:
        blocks.append(Para(follows, "body_right"))
    blocks.append(Para(part.opening))
    if part.note:
        blocks.append(Para(f"※ {part.note}", "note"))
    envelope = _envelope(ctx, report, part, report_day, missing)
    blocks += [Heading("報告の種類・宛先", level=2), KeyValues(envelope), *_reporter(ctx), Gap(2)]
    style = ctx.office.date_style
    for item in range(1, 10):
        blocks.append(Heading(f"{full_width_number(item)}．{part.track.title(item)}", level=1))
        rows = item_rows(report, item, final=final, missing=missing, style=style, track=part.track)
        blocks.append(KeyValues(rows))
    return blocks


def prior_filing(ctx: DocumentContext, report: ReportDraft) -> tuple[dt.date | None, str]:
    """The date and 受付番号 of the report this one follows: the draft's own entries, else the 速報 filing the
    register recorded (FilingService), so a 確報 names its 速報 even when the officer did not copy them."""
    day, number = report.envelope.prior_report_date, report.envelope.prior_receipt_number.strip()
    if kind_of(report) is DocumentKind.SOKUHO:
        return day, number
    earlier = [f for f in ctx.filings if f.kind == FilingKind.SOKUHO.value]
    if earlier:
        last = max(earlier, key=lambda f: f.filed_at)
        day = day or last.filed_at.astimezone(JST).date()
        number = number or last.receipt_number.strip()
    return day, number


def prior_report_line(ctx: DocumentContext, report: ReportDraft) -> str:
    """「（2027年7月3日付け速報（受付番号：…）の確報）」 under the title of a 確報 or 追完."""
    if kind_of(report) is DocumentKind.SOKUHO:
        return ""
    day, number = prior_filing(ctx, report)
    if day is None and not number:
        return ""
    when = f"{format_date(day, ctx.office.date_style)}付け" if day is not None else ""
    receipt = f"（受付番号：{number}）" if number else ""
    return f"（{when}速報{receipt}に続く{format_value(report.envelope.kind)}）"


def with_prior_filing(ctx: DocumentContext, report: ReportDraft) -> ReportDraft:
    day, number = prior_filing(ctx, report)
    envelope = dataclasses.replace(report.envelope, prior_report_date=day, prior_receipt_number=number)
    return dataclasses.replace(report, envelope=envelope)


def needs(ctx: DocumentContext) -> tuple[Need, ...]:
    """The reporter block (the business is the reporter, with a way to reach its contact person) and, in a
    確報, every item the report must answer (docs/domain.md §7.1–7.2)."""
    office = ctx.office
    found = [
        *office_needs(ctx, "事業者名", "所在地", "代表者", "担当者"),
        Need(
            "電話番号又はメールアドレス",
            bool(office.phone.strip() or office.email.strip()),
            NeedSource.OFFICE,
        ),
    ]
    if ctx.report is None:
        return (*found, Need("報告内容の下書き", False, NeedSource.REPORT))
    report = with_my_numbers(ctx.report, ctx)
    if kind_of(report) is not DocumentKind.SOKUHO:
        missing: list[str] = []
        for part in parts(ctx, report, ""):
            for item in range(1, 10):
                item_rows(report, item, final=True, missing=missing, track=part.track)
        names = list(dict.fromkeys(missing))
        found += [Need(name, False, NeedSource.REPORT) for name in names]
    return tuple(found)


def _with_summary(ctx: DocumentContext, draft: ReportDraft) -> ReportDraft:
    """A draft started before the 概要 for outside readers was written takes it now, never the internal 件名."""
    if draft.overview.what_happened.strip() or not ctx.incident.public_summary.strip():
        return draft
    return draft.replace("overview.what_happened", ctx.incident.public_summary.strip())


def compose(ctx: DocumentContext) -> Document:
    draft = _with_summary(ctx, with_prior_filing(ctx, _require_report(ctx)))
    report = with_my_numbers(draft, ctx)
    kind = kind_of(report)
    final = kind is not DocumentKind.SOKUHO
    filler = filler_for(ctx)
    template = template_of(ctx, kind.template_key)
    kind_label = format_value(report.envelope.kind)
    found = parts(ctx, report, kind_label)
    missing: list[str] = []
    blocks: list[Block] = []
    closing = Para(filler.fill(template.closing), "body_right")
    for number, part in enumerate(found):
        if number:
            blocks += [closing, NewPage()]  # each report of the file ends with its own 以上
        # A gap left in two reports is one gap for the officer.
        part_missing: list[str] = []
        blocks += _part_blocks(ctx, report, part, final=final, missing=part_missing)
        missing += [name for name in part_missing if name not in missing]
    blocks += [*_changes(ctx, draft), closing]
    title = (
        found[0].title
        if len(found) == 1
        else f"個人データ及び特定個人情報の漏えい等に関する報告書（{kind_label}）"
    )
    problems = filler.problems()
    problems += timeline_warnings(report, ctx.timeline, ctx.notified_names)
    if missing:
        problems.append(
            _("A final report must answer every item; still empty: {names}").format(names="、".join(missing))
        )
    if any(part.track.appi and part.track.bango for part in found):
        problems.append(
            _(
                "It is not confirmed that a report made through the My Number path of the PPC form also counts as "
                "the report under Article 26 of the Personal Information Protection Act: check the form's "
                "guidance before you file."
            )
        )
    return Document(kind, title, tuple(blocks), running_header=title, problems=tuple(problems))


def build(ctx: DocumentContext) -> bytes:
    document = compose(ctx)
    report = with_my_numbers(_require_report(ctx), ctx)
    laws = {
        law
        for part in parts(ctx, report, "")
        for law, shown in (
            ("個人情報保護法第26条第1項", part.track.appi),
            ("番号法第29条の4第1項", part.track.bango),
        )
        if shown
    }
    ordered = [law for law in ("個人情報保護法第26条第1項", "番号法第29条の4第1項") if law in laws]
    return to_pdf(
        document,
        author=ctx.author,
        subject="及び".join(ordered) + "に基づく報告",
        footer_note=audit_anchor_text(ctx.audit_head),
    )
