"""Which column of the recipient list is which: guessed from the header, confirmed by the officer.

Per-person data items come either from one column listing them (「氏名、住所、病歴」) or from one column per
item marked ○ / 1 / はい for the people it concerns. Labels are matched to the data_items vocabulary so that
the letters, the sending log and the report speak of the same items; unknown labels are kept as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.domain.facts import DATA_ITEM_LABELS, DataItem
from app.i18n import N_, _


class Field(StrEnum):
    NAME = "name"
    POSTAL_CODE = "postal_code"
    ADDRESS1 = "address1"
    ADDRESS2 = "address2"
    EMAIL = "email"
    KEY = "key"
    ITEMS = "items"
    NOTE = "note"

    def label(self) -> str:
        return _(_FIELD_LABELS[self])


_FIELD_LABELS = {
    Field.NAME: N_("Name"),
    Field.POSTAL_CODE: N_("Postal code"),
    Field.ADDRESS1: N_("Address line 1"),
    Field.ADDRESS2: N_("Address line 2 (building, room)"),
    Field.EMAIL: N_("E-mail"),
    Field.KEY: N_("Customer ID"),
    Field.ITEMS: N_("Data items (one column listing them)"),
    Field.NOTE: N_("Note for this person"),
}
REQUIRED = (Field.NAME,)

# Header words, compared after NFKC, lower case and without spaces; the first field whose word matches wins.
_HEADER_WORDS: dict[Field, tuple[str, ...]] = {
    Field.NAME: ("氏名", "お名前", "名前", "宛名", "name", "fullname"),
    Field.POSTAL_CODE: ("郵便番号", "〒", "postalcode", "zipcode", "zip", "postcode"),
    Field.ADDRESS2: ("住所2", "住所２", "建物", "建物名", "方書", "address2", "building"),
    Field.ADDRESS1: ("住所1", "住所１", "住所", "所在地", "address1", "address"),
    Field.EMAIL: ("メールアドレス", "メール", "e-mail", "email", "mail"),
    Field.KEY: ("顧客番号", "会員番号", "顧客id", "お客様番号", "id", "customerid", "no"),
    Field.ITEMS: ("漏えい項目", "該当項目", "項目", "情報の項目", "dataitems", "items"),
    Field.NOTE: ("個別記載", "個別の記載事項", "備考", "note", "notes"),
}

_TRUE_MARKS = frozenset(
    {"○", "◯", "〇", "●", "✓", "✔", "レ", "1", "はい", "有", "あり", "対象", "x", "yes", "true", "y"}
)
_FALSE_MARKS = frozenset({"×", "-", "－", "0", "いいえ", "無", "なし", "no", "false", "n"})
_SPLIT = re.compile(r"[、,，;；/／・|｜\n]+")

# Extra spellings people type for an item (on top of the Japanese and English labels and the codes).
_SYNONYMS: dict[str, DataItem] = {
    "名前": DataItem.NAME,
    "お名前": DataItem.NAME,
    "電話": DataItem.PHONE,
    "電話番号": DataItem.PHONE,
    "携帯電話番号": DataItem.PHONE,
    "メール": DataItem.EMAIL,
    "メールアドレス": DataItem.EMAIL,
    "生年月日": DataItem.BIRTHDATE,
    "カード番号": DataItem.CARD_NUMBER_FULL,
    "クレジットカード番号": DataItem.CARD_NUMBER_FULL,
    "口座番号": DataItem.BANK_ACCOUNT,
    "口座情報": DataItem.BANK_ACCOUNT,
    "病名": DataItem.DIAGNOSIS,
    "診断名": DataItem.DIAGNOSIS,
    "診療情報": DataItem.DIAGNOSIS,
    "処方": DataItem.PRESCRIPTION,
    "調剤情報": DataItem.PRESCRIPTION,
    "マイナンバー": DataItem.MY_NUMBER,
    "個人番号": DataItem.MY_NUMBER,
    "id": DataItem.LOGIN_ID,
}


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def _item_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for item, (ja, en) in DATA_ITEM_LABELS.items():
        for word in (ja, en, item.value):
            index[_norm(word)] = item.value
    for word, item in _SYNONYMS.items():
        index.setdefault(_norm(word), item.value)
    return index


_ITEMS = _item_index()


def item_code(label: str) -> str | None:
    """The DataItem code for a label (氏名, 電話, name…), or None if it is not in the vocabulary."""
    return _ITEMS.get(_norm(label))


def item_codes_from_cell(cell: str) -> list[str]:
    """「氏名、住所・電話番号」 → ["name", "address", "phone"]; unknown words are kept as written."""
    found: list[str] = []
    for part in _SPLIT.split(cell):
        word = part.strip()
        if not word:
            continue
        code = item_code(word) or word
        if code not in found:
            found.append(code)
    return found


def is_checked(cell: str) -> bool:
    return _norm(cell) in _TRUE_MARKS


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Column index per field (None = not in the file) and the per-item flag columns (index, item code)."""

    name: int | None = None
    postal_code: int | None = None
    address1: int | None = None
    address2: int | None = None
    email: int | None = None
    key: int | None = None
    items: int | None = None
    note: int | None = None
    item_flags: tuple[tuple[int, str], ...] = ()

    def get(self, field: Field) -> int | None:
        value: int | None = getattr(self, field.value)
        return value

    @property
    def has_items(self) -> bool:
        return self.items is not None or bool(self.item_flags)

    def problems(self, width: int) -> list[str]:
        """What makes the mapping unusable (shown in the dialog before any row is read)."""
        found = [
            _("Choose the column that holds the {field}.").format(field=field.label())
            for field in REQUIRED
            if self.get(field) is None
        ]
        used = [self.get(f) for f in Field if self.get(f) is not None] + [i for i, _code in self.item_flags]
        if any(index is not None and not 0 <= index < width for index in used):
            found.append(_("A chosen column is not in the file."))
        if len(used) != len(set(used)):
            found.append(_("Each column can be used for one thing only."))
        return found


def _looks_like_flags(rows: Sequence[tuple[str, ...]], index: int) -> bool:
    """Only ○ / 1 / はい… and blanks: a column of phone numbers titled 電話番号 is data, not a flag column."""
    cells = [cells[index] for cells in rows if index < len(cells) and cells[index].strip()]
    return bool(cells) and all(is_checked(cell) or _norm(cell) in _FALSE_MARKS for cell in cells)


def guess_mapping(header: tuple[str, ...], rows: Sequence[tuple[str, ...]] = ()) -> ColumnMapping:
    """Fields recognised from the header words; a column titled with a data item and holding only marks
    (○, 1, はい) becomes a flag column."""
    chosen: dict[Field, int] = {}
    flags: list[tuple[int, str]] = []
    for index, title in enumerate(header):
        word = _norm(title)
        if not word:
            continue
        field = next(
            (
                f
                for f, words in _HEADER_WORDS.items()
                if f not in chosen and word in {_norm(w) for w in words}
            ),
            None,
        )
        if field is not None:
            chosen[field] = index
            continue
        code = item_code(title)
        if code is not None and _looks_like_flags(rows, index):
            flags.append((index, code))
    return ColumnMapping(
        name=chosen.get(Field.NAME),
        postal_code=chosen.get(Field.POSTAL_CODE),
        address1=chosen.get(Field.ADDRESS1),
        address2=chosen.get(Field.ADDRESS2),
        email=chosen.get(Field.EMAIL),
        key=chosen.get(Field.KEY),
        items=chosen.get(Field.ITEMS),
        note=chosen.get(Field.NOTE),
        item_flags=tuple(flags),
    )
