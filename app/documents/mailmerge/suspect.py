"""Signs that a recipient's name or address lost characters before it reached us (docs/domain.md §6 本人通知).

Excel saving a list as "CSV (コンマ区切り)" writes CP932, and every character CP932 lacks (髙 from some input
methods, 𠮷, emoji) silently becomes 「?」; a broken decoding leaves U+FFFD. Neither is ever part of a real
name or address, so a letter carrying one would print 「?田 次郎 様」: the letter is held back until the
officer has looked at the original data.
"""

from __future__ import annotations

from app.documents.context import Recipient
from app.i18n import N_, _

SUSPECT_CHARACTERS = ("?", "\ufffd")
_FIELDS = (
    ("name", N_("the name")),
    ("address1", N_("the address")),
    ("address2", N_("the address")),
)


def _shown(char: str) -> str:
    # U+FFFD itself draws as a box or a diamond: name it by its code point.
    return char if char == "?" else f"U+{ord(char):04X}"


def encoding_loss(recipient: Recipient) -> tuple[str, ...]:
    """One message per field that carries 「?」 or U+FFFD; empty when nothing looks lost."""
    found: list[str] = []
    for attribute, label in _FIELDS:
        value: str = getattr(recipient, attribute)
        for char in SUSPECT_CHARACTERS:
            if char in value:
                message = _(
                    "{field} contains “{char}”: characters may have been lost when the file was saved "
                    "(for example by Excel). Check the original data."
                ).format(field=_(label), char=_shown(char))
                if message not in found:
                    found.append(message)
    return tuple(found)
