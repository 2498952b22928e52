"""The head of a Japanese business document: the date at the right, the addressee at the left, the sender
at the right below it (日付・宛名・差出人)."""

from __future__ import annotations

import datetime as dt

from app.documents.context import DocumentContext
from app.documents.model import Block, Gap, Para
from app.documents.wording.values import date_text


def sender_lines(ctx: DocumentContext, *extra: str) -> list[str]:
    office = ctx.office
    lines = [office.name.strip() or "【未入力：事業者名】"]
    lines += [line for line in (office.representative.strip(), *extra) if line.strip()]
    return lines


def letterhead(
    ctx: DocumentContext,
    day: dt.date,
    addressee: str = "",
    *,
    sender: bool = True,
    extra: tuple[str, ...] = (),
) -> list[Block]:
    blocks: list[Block] = [Para(date_text(ctx, day), "body_right")]
    if addressee:
        blocks.append(Para(addressee, "body"))
    if sender:
        blocks += [Para(line, "body_right") for line in sender_lines(ctx, *extra)]
    blocks.append(Gap(6))
    return blocks
