"""The automatic 発覚 entry of the 事実経過 in its two forms (issue 18): the register's names who noticed first, the
one proposed for outside readers (the PPC report, the Pマーク report) says only that a member of staff did.

The PPC asks for the 事実経過 and the 発見者 of item 1 (docs/domain.md §7.1), about the business, not its people:
a staff member's name has no place in what goes out, while the officer still needs it inside. The entry is
stored once, in its internal form; the outside form is derived from it, so entries written before this change
read the same way.
"""

from __future__ import annotations

import gettext
from functools import cache

from app.i18n import N_, load_translation

LEARNED_BY = N_("The office learned of the incident; first noticed by: {who}.")
LEARNED_BY_STAFF = N_("The office learned of the incident; a member of staff noticed it first.")
LEARNED = N_("The office learned of the incident.")
STAFF = "従業員"  # the 発見者 proposed for the report: a role, never a name


@cache
def japanese() -> gettext.NullTranslations:
    return load_translation("ja")


def ja(message: str) -> str:
    """The Japanese of a catalog message: the stored 事実経過 reads the same whatever the UI language was."""
    return japanese().gettext(message)


def learned_text(who: str) -> str:
    """The internal form: 「事業者内で事案を把握（最初に気付いた人：受付の山田）」."""
    return ja(LEARNED_BY).format(who=who) if who else ja(LEARNED)


def outside_text(text: str) -> str:
    """`text` as outside readers may see it: the automatic 発覚 entry without the name, any other entry as is."""
    head, _, tail = ja(LEARNED_BY).partition("{who}")
    if head and text.startswith(head) and text.endswith(tail) and len(text) > len(head) + len(tail):
        return ja(LEARNED_BY_STAFF)
    return text
