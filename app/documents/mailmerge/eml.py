"""本人通知 by e-mail: one .eml per person with a single To, UTF-8, that Outlook opens as a draft ready to send.

The notice is the message text itself, not an attached PDF: the notice asks people not to open attachments in
unexpected mail, many filters quarantine PDFs from unknown senders, and plain text reads on every phone. The
`X-Unsent: 1` header makes Outlook (and Thunderbird's "Edit as new") open the file as an unsent message the
officer checks and sends; there is never more than one person per message, and no CC or BCC.
"""

from __future__ import annotations

import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP

from app.documents.context import DocumentContext
from app.documents.model import Bullets, Heading, LetterContent, Para
from app.documents.wording.compose import RIGHT_ALIGNED_LINES
from app.errors import InputError
from app.i18n import _

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
# What a header cannot carry: CR/LF would start a new header (header injection), other controls are refused by
# mail programs. Same set as app/recipients/csv_import.py, which refuses such names per line of the list.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    """The office's own text (its name, the letter's title) as one header line."""
    return " ".join(_CONTROL.sub(" ", text).split())


def letter_text(letter: LetterContent, ctx: DocumentContext) -> str:
    """The letter as plain text: greeting, title, paragraphs, numbered headings, bullets, signature."""
    out = [letter.address.name_line, "", f"【{letter.title}】", ""]
    for block in letter.blocks:
        if isinstance(block, Heading):
            out += ["", block.text]
        elif isinstance(block, Bullets):
            out += [f"・{item}" for item in block.items]
        elif isinstance(block, Para):
            text = block.text.strip() if block.text.strip() in RIGHT_ALIGNED_LINES else block.text
            out.append(text if block.style != "body_center" else f"\n{text}")
    out += ["", "――――――――――――――――――――", letter.date_line, *letter.sender_lines]
    if ctx.contact.name or ctx.office.department:
        out.append(ctx.contact.name or ctx.office.department)
    return "\n".join(out).strip() + "\n"


def sender_address(ctx: DocumentContext) -> str:
    return (ctx.contact.email or ctx.office.email).strip()


def build_message(ctx: DocumentContext, letter: LetterContent) -> EmailMessage:
    recipient = letter.recipient
    if recipient is None or not recipient.email:
        raise InputError(_("This person has no e-mail address."))
    if _CONTROL.search(recipient.name + recipient.email):
        raise InputError(
            _(
                "Line {line}: the name or e-mail address contains a line break or a control character, "
                "which an e-mail header cannot hold; correct it in the list."
            ).format(line=recipient.line)
        )
    message = EmailMessage(policy=SMTP)
    sender = sender_address(ctx)
    office = _one_line(ctx.office.name)
    if sender:
        if _CONTROL.search(sender):
            raise InputError(_("The sender's e-mail address contains a line break or a control character."))
        message["From"] = Address(display_name=office, addr_spec=sender)
    message["To"] = Address(display_name=f"{recipient.name} 様", addr_spec=recipient.email)
    title = _one_line(letter.title)
    message["Subject"] = f"【{office}】{title}" if office else title
    message["X-Unsent"] = "1"
    message.set_content(letter_text(letter, ctx), charset="utf-8", cte="base64")
    return message


def eml_bytes(ctx: DocumentContext, letter: LetterContent) -> bytes:
    return build_message(ctx, letter).as_bytes()


def safe_filename(text: str, limit: int = 40) -> str:
    """A name Windows accepts: no \\ / : * ? " < > |, no trailing dot or space, not too long."""
    cleaned = _UNSAFE.sub("_", text).strip().rstrip(". ")
    return cleaned[:limit] or "_"
