"""The recovery key sheet: one A4 page the officer prints or saves once, when the register is encrypted (issue 17;
docs/adr/0010-register-encryption.md).

It is given the recovery key as text (app/db/cipher.py `recovery_text`): documents never import app/db. The
PDF's metadata names the kind of sheet only; the key is in the page, nowhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app import APP_NAME
from app.documents.render.flowables import para
from app.documents.render.fonts import GOTHIC, GOTHIC_BOLD
from app.documents.render.styles import stylesheet
from app.documents.render.template import FRAME_WIDTH, render
from app.domain.dates import format_date, format_date_en
from app.i18n import _, current_language

GROUPS_PER_LINE = 7
KEY_SIZE = 20  # large enough to read aloud and type back without mixing up characters
KEY_BOX = colors.HexColor("#404040")


def key_rows(recovery: str) -> list[list[str]]:
    """The key in rows of seven groups, as on screen: two rows of 4-character groups a reader can follow."""
    groups = [g for g in recovery.split("-") if g]
    return [groups[i : i + GROUPS_PER_LINE] for i in range(0, len(groups), GROUPS_PER_LINE)]


def _key_box(recovery: str) -> Flowable:
    """One group per cell, so the groups stand apart and line up (a paragraph would fold or stretch spaces)."""
    style = ParagraphStyle(
        "recovery_key", fontName=GOTHIC, fontSize=KEY_SIZE, leading=KEY_SIZE * 1.4, alignment=TA_CENTER
    )
    rows = [[para(group, style) for group in row] for row in key_rows(recovery)]
    table = Table(rows, colWidths=[FRAME_WIDTH / GROUPS_PER_LINE] * GROUPS_PER_LINE)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, KEY_BOX),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _date_text(day: dt.date) -> str:
    return format_date(day) if current_language() == "ja" else format_date_en(day)


def story(recovery: str, *, data_folder: str, created: dt.date) -> Sequence[Flowable]:
    styles = stylesheet()
    label = ParagraphStyle("label", parent=styles["body"], fontName=GOTHIC_BOLD)
    return [
        para(_("{app} recovery key").format(app=APP_NAME), styles["title"]),
        para(
            _(
                "This key opens the encrypted register of BreachDesk when its passphrase is forgotten. It is "
                "the only other way in: nobody, not even the makers of BreachDesk, can open the register "
                "without the passphrase or this key."
            ),
            styles["body"],
        ),
        Spacer(1, 4 * mm),
        para(_("Recovery key"), label),
        _key_box(recovery),
        Spacer(1, 4 * mm),
        para(_("Created on: {date}").format(date=_date_text(created)), styles["body"]),
        para(_("Data folder: {path}").format(path=data_folder), styles["body"]),
        Spacer(1, 2 * mm),
        para(_("Where to keep it"), styles["h1"]),
        para(
            _(
                "Keep this sheet away from the PC, locked up like the office's seal or a bank card (a locked "
                "drawer or safe). Do not keep it in the data folder, in e-mail or on the same PC: anyone who "
                "has it and a copy of the register can read the register."
            ),
            styles["body"],
        ),
        para(_("When to use it"), styles["h1"]),
        para(
            _(
                "At start-up, choose 「Open with the recovery key」 and type the groups above (the hyphens and "
                "spaces may be left out). Then set a new passphrase from the menu 「Change passphrase…」."
            ),
            styles["body"],
        ),
        para(
            _(
                "If both the passphrase and this key are lost, the register and its backups cannot be opened "
                "by anyone."
            ),
            styles["note"],
        ),
    ]


def build(recovery: str, *, data_folder: str, created: dt.date) -> bytes:
    """The sheet as PDF bytes: the caller writes them only where the officer chose (never a temporary file)."""
    return render(
        story(recovery, data_folder=data_folder, created=created),
        title=_("{app} recovery key").format(app=APP_NAME),
        author=APP_NAME,
    )
