"""The Japanese catalog stays 100 % translated, with every placeholder intact, and compiles."""

from __future__ import annotations

import io
import re
import string
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app.i18n import _, load_translation, set_language

ROOT = Path(__file__).resolve().parents[2]
PO_FILE = ROOT / "i18n" / "ja" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _catalog():  # type: ignore[no-untyped-def]
    with PO_FILE.open("rb") as fp:
        return read_po(fp, locale="ja")


def _source_msgids() -> set[str]:
    """Singular msgids; a plural entry (ngettext) is keyed by its singular form in the catalog."""
    found: set[str] = set()
    for folder in ("app", "ui"):
        for extracted in extract_from_dir(ROOT / folder, keywords=KEYWORDS):
            message = extracted[2]
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_source_string_has_a_japanese_translation() -> None:
    catalog = _catalog()

    def translated(msgid: str) -> bool:
        entry = catalog.get(msgid)
        strings = (
            entry.string if entry and isinstance(entry.string, tuple) else (entry.string if entry else "",)
        )
        return all(strings)

    missing = sorted(m for m in _source_msgids() if not translated(m))
    assert missing == []


def _source_plurals() -> tuple[dict[str, str], set[str]]:
    """(singular -> plural) of every ngettext call, and the msgids of every _() / N_() call."""
    plurals: dict[str, str] = {}
    singles: set[str] = set()
    for folder in ("app", "ui"):
        for extracted in extract_from_dir(ROOT / folder, keywords=KEYWORDS):
            message = extracted[2]
            if isinstance(message, str):
                singles.add(message)
            else:
                plurals[message[0]] = message[1]
    return plurals, singles


def test_plural_entries_match_the_source() -> None:
    """gettext finds an ngettext entry only under (singular, plural) and a _() entry only without a plural."""
    catalog = _catalog()
    plurals, singles = _source_plurals()
    assert catalog.plural_forms == "nplurals=1; plural=0;"
    wrong = []
    for singular, plural in plurals.items():
        entry = catalog.get(singular)
        plural_entry = entry is not None and isinstance(entry.id, tuple) and entry.id[1] == plural
        if not plural_entry or len(entry.string) != 1:  # nplurals=1: exactly msgstr[0]
            wrong.append(singular)
    for msgid in singles:
        entry = catalog.get(msgid)
        if entry is not None and isinstance(entry.id, tuple):
            wrong.append(msgid)
    assert wrong == []


def test_placeholders_survive_translation() -> None:
    broken = []
    for message in _catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(_placeholders(i) for i in ids))
        for translated in strings:
            if _placeholders(translated) != expected:
                broken.append((message.id, translated))
    assert broken == []


def test_no_duplicate_or_fuzzy_entries() -> None:
    text = PO_FILE.read_text(encoding="utf-8")
    ids = re.findall(r'^msgid "(.*)"$', text, flags=re.MULTILINE)
    duplicates = sorted({i for i in ids if i and ids.count(i) > 1})
    assert duplicates == []
    assert "#, fuzzy" not in text


def test_catalog_compiles_and_translates() -> None:
    write_mo(io.BytesIO(), _catalog())
    assert load_translation("ja").gettext("Closed") == "完了"
    set_language("en")
    assert _("Closed") == "Closed"
    set_language("ja")
    assert _("Closed") == "完了"


def test_unknown_language_falls_back_to_japanese_default() -> None:
    set_language("xx")
    assert _("Closed") == "完了"
