"""本人通知（お詫びとお知らせ）: what one person's letter says (docs/domain.md §6, §12.2).

Only items 1, 2, 4, 5 and 9 of 規則8条1項, and of item 2 only the data that concerns this person (GL 3-5-4-4).
`compose_letter` returns plain data; `app.documents.render.letters` lays letters out, one or a thousand at a time.
"""

from __future__ import annotations

from app.documents.context import DocumentContext, DocumentKind, Recipient
from app.documents.model import (
    HONORIFIC,
    AddressBlock,
    Block,
    Document,
    Heading,
    LetterContent,
    Need,
    NeedSource,
    Para,
)
from app.documents.render.letters import render_letters
from app.documents.wording.compose import (
    KNOWN_PLACEHOLDERS,
    body_blocks,
    contact_needs,
    full_width_number,
    internal_text_warnings,
    kept_sections,
    office_needs,
    template_of,
)
from app.documents.wording.defaults import PERSONAL_PLACEHOLDERS, advice_for
from app.documents.wording.templates import Filler, placeholders_in
from app.documents.wording.values import (
    base_values,
    incident_items,
    item_label,
    notice_publication_text,
    personal_values,
)

KIND = DocumentKind.NOTICE_LETTER
SAMPLE_NAME = "（宛名）"


def _sender_lines(ctx: DocumentContext) -> tuple[str, ...]:
    office = ctx.office
    lines = [office.name.strip() or "【未入力：事業者名】"]
    if office.representative.strip():
        lines.append(office.representative.strip())
    return tuple(lines)


def _uses_personal(text: str) -> bool:
    return any(name in PERSONAL_PLACEHOLDERS for name in placeholders_in(text))


class LetterComposer:
    """Composes the letters of one run: the parts without personal placeholders are filled once and shared."""

    def __init__(self, ctx: DocumentContext) -> None:
        self.ctx = ctx
        self.template = template_of(ctx, KIND.template_key)
        self.values = base_values(ctx)
        if not ctx.values.get("公表の状況", "").strip():
            self.values["公表の状況"] = notice_publication_text(ctx.report)
        self.shared_filler = Filler(self.values, KNOWN_PLACEHOLDERS)
        # Sections the report has nothing for yet (対応, 再発防止策, 公表) are left out, not printed as 【未入力】.
        self.sections = kept_sections(self.template, self.shared_filler)
        self.warnings = internal_text_warnings(self.template)
        self._cache: dict[tuple[str, str], list[Block]] = {}
        self.sender = _sender_lines(ctx)
        self.date_line = self.shared_filler.fill("{作成日}")
        # The incident's item labels and the advice for them: BreachDesk's wording about the incident as a
        # whole (the report and the announcement list the same items), so every file of a run may carry their
        # glyphs without telling anyone anything about another person.
        codes = incident_items(ctx)
        self.vocabulary = "".join((*(item_label(code) for code in codes), *advice_for(codes)))

    def _blocks(self, text: str, style: str, filler: Filler) -> list[Block]:
        if _uses_personal(text):
            return body_blocks(text, filler, style, optional=True)
        key = (text, style)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = body_blocks(text, self.shared_filler, style, optional=True)
        return found

    def compose(self, recipient: Recipient | None) -> LetterContent:
        """The letter for `recipient`, or a sample letter with a visible 【未入力】 address when None."""
        template, ctx = self.template, self.ctx
        filler = Filler({**self.values, **personal_values(ctx, recipient)}, KNOWN_PLACEHOLDERS)
        shared: list[str] = []
        headings: list[str] = []
        blocks: list[Block] = []

        def add(text: str, style: str) -> None:
            new = self._blocks(text, style, filler)
            blocks.extend(new)
            if not _uses_personal(text):
                shared.extend(b.text for b in new if isinstance(b, Para))

        # 拝啓 … 敬具 first, then the particulars between 記 and 以上: the form of a Japanese business letter.
        title = (filler if _uses_personal(template.title) else self.shared_filler).fill(template.title)
        add(template.opening, "body")
        add(template.closing, "body")
        if self.sections:
            blocks.append(Para("記", "body_center"))
            for number, section in enumerate(self.sections, start=1):
                heading = (filler if _uses_personal(section.heading) else self.shared_filler).fill(
                    section.heading
                )
                headings.append(f"{full_width_number(number)}．{heading}")
                blocks.append(Heading(headings[-1], level=2))
                add(section.body, "section")
            blocks.append(Para("以上", "body_right"))
        shared += [self.date_line, *self.sender, "記", "以上", "〒", HONORIFIC, "・", self.vocabulary]
        if recipient is None:
            address = AddressBlock("", ("【未入力：住所】",), SAMPLE_NAME)
        else:
            lines = tuple(line for line in (recipient.address1.strip(), recipient.address2.strip()) if line)
            address = AddressBlock(
                recipient.postal_code, lines or ("【未入力：住所】",), recipient.name.strip()
            )
        problems = Filler(
            filler.values,
            KNOWN_PLACEHOLDERS,
            missing=_union(self.shared_filler.missing, filler.missing),
            unknown=_union(self.shared_filler.unknown, filler.unknown),
        ).problems()
        return LetterContent(
            recipient=recipient,
            address=address,
            date_line=self.date_line,
            sender_lines=self.sender,
            title=title,
            blocks=tuple(blocks),
            shared_text="".join(shared),
            shared_headings="".join(headings),
            title_is_shared=not _uses_personal(template.title),
            items=personal_items(filler),
            item_codes=(recipient.items if recipient is not None else ()) or incident_items(ctx),
            problems=(*problems, *self.warnings),
        )


def _union(first: list[str], second: list[str]) -> list[str]:
    return first + [name for name in second if name not in first]


def compose_letter(ctx: DocumentContext, recipient: Recipient | None) -> LetterContent:
    """One letter; a run of many letters uses one LetterComposer instead."""
    return LetterComposer(ctx).compose(recipient)


def personal_items(filler: Filler) -> tuple[str, ...]:
    value = filler.values.get("該当する情報", ())
    return value if isinstance(value, tuple) else (value,)


def needs(ctx: DocumentContext) -> tuple[Need, ...]:
    """What every letter must say (施行規則第10条: 概要, 項目, 原因, 二次被害; その他参考となる事項 is the advice,
    always there) and who sends it; a value typed for the incident counts as filled."""
    values = base_values(ctx)

    def has(name: str) -> bool:
        value = values.get(name, "")
        return bool(value.strip()) if isinstance(value, str) else any(v.strip() for v in value)

    return (
        *office_needs(ctx, "事業者名"),
        *contact_needs(ctx),
        Need("事案の概要", has("事案の概要"), NeedSource.INCIDENT),
        Need("個人データの項目", bool(incident_items(ctx)) or has("項目"), NeedSource.INCIDENT),
        Need("原因", has("原因"), NeedSource.REPORT),
        Need("二次被害又はそのおそれの有無", has("二次被害"), NeedSource.REPORT),
    )


def compose(ctx: DocumentContext) -> Document:
    """The sample letter as a generic document (preview of the wording, no address)."""
    letter = compose_letter(ctx, None)
    return Document(KIND, letter.title, letter.blocks, problems=letter.problems)


def build(ctx: DocumentContext, recipient: Recipient | None = None) -> bytes:
    """One letter as a PDF (a sample with 【未入力】 address when no recipient is given)."""
    return render_letters(ctx, [compose_letter(ctx, recipient)])
