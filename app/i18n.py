"""Gettext for every user-facing string: English msgids, Japanese first, compiled from i18n/ with babel."""

from __future__ import annotations

import gettext
import io
import logging
from pathlib import Path

from app.paths import i18n_dir

log = logging.getLogger(__name__)

DOMAIN = "messages"
SUPPORTED_LANGUAGES: tuple[str, ...] = ("ja", "en")
DEFAULT_LANGUAGE = "ja"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def load_translation(lang: str, root: Path | None = None) -> gettext.NullTranslations:
    """The compiled catalog for `lang`; a .po newer than its .mo (a source checkout) is compiled and cached."""
    if lang == "en":
        return gettext.NullTranslations()
    folder = (root or i18n_dir()) / lang / "LC_MESSAGES"
    mo_path, po_path = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo_path.exists() and (not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime):
        return _read_mo(mo_path)
    if po_path.exists():
        # A deliberate lazy import (ui/shell/application.py lists them): only a source checkout compiles catalogs.
        from babel.messages import mofile, pofile

        with po_path.open("rb") as fp:
            catalog = pofile.read_po(fp, locale=lang)
        buffer = io.BytesIO()
        mofile.write_mo(buffer, catalog)
        _cache_compiled(mo_path, buffer.getvalue())
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    log.warning("no catalog for language %s under %s; falling back to English", lang, folder)
    return gettext.NullTranslations()


def _read_mo(mo_path: Path) -> gettext.GNUTranslations:
    """A catalog parsed once per file version: parsing the 2,000-entry catalog takes ~6 ms, and the language is set
    again at every switch (and, in the test suite, before every test). A catalog is never changed once read."""
    stat = mo_path.stat()
    key = (str(mo_path), stat.st_mtime_ns, stat.st_size)
    catalog = _parsed.get(key)
    if catalog is None:
        with mo_path.open("rb") as fp:
            catalog = gettext.GNUTranslations(fp)
        _parsed[key] = catalog
    return catalog


_parsed: dict[tuple[str, int, int], gettext.GNUTranslations] = {}


def _cache_compiled(mo_path: Path, data: bytes) -> None:
    """Next start reads the .mo (~70 ms faster); a read-only install simply compiles again."""
    try:
        tmp = mo_path.with_suffix(".mo.tmp")
        tmp.write_bytes(data)
        tmp.replace(mo_path)
    except OSError as exc:
        log.debug("could not cache %s: %s", mo_path, exc)


def set_language(lang: str) -> None:
    global _translation, _language
    if lang not in SUPPORTED_LANGUAGES:
        lang = DEFAULT_LANGUAGE
    _translation = load_translation(lang)
    _language = lang


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate now. Use named placeholders only: _("{title} was saved.").format(title=title)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a sentence that counts: English needs "1 day" / "2 days", Japanese has one form (「1日」「2日」).

    Format the result yourself: ngettext("{days} day left", "{days} days left", days).format(days=days).
    The catalog entry carries msgid_plural and msgstr[0] (the .po declares nplurals=1).
    """
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a module-level string for extraction; translate it with _() where it is shown."""
    return message
