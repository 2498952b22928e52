"""Switch the UI language: our gettext catalog plus Qt's own qtbase_ja.qm, so OK/キャンセル and 戻る/次へ match the rest."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.i18n import set_language

log = logging.getLogger(__name__)

QT_CATALOGS = ("qtbase",)  # qt_<lang>.qm is only a meta catalog pointing at the qtbase/qtdeclarative ones

_installed: list[QTranslator] = []  # kept alive: Qt does not own translators, Python must


def qt_translation_dirs() -> list[Path]:
    """Where Qt's .qm files may be: the Qt install, and inside a PyInstaller bundle (both layouts seen in practice)."""
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        root = Path(bundle)
        dirs += [
            root / "PySide6" / "Qt" / "translations",
            root / "PySide6" / "translations",
            root / "translations",
        ]
    return dirs


def _load_qt_catalog(name: str, lang: str) -> QTranslator | None:
    for folder in qt_translation_dirs():
        translator = QTranslator()
        if translator.load(f"{name}_{lang}", str(folder)):
            return translator
    log.warning("Qt catalog %s_%s not found in %s", name, lang, [str(d) for d in qt_translation_dirs()])
    return None


def install_qt_translators(app: QCoreApplication, lang: str) -> bool:
    """Set our language and Qt's; safe to call again to switch language. False if Qt's catalog was missing."""
    set_language(lang)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if lang == "ja" else QLocale.Language.English))
    if lang == "en":
        return True  # Qt's built-in strings are English
    found = True
    for name in QT_CATALOGS:
        loaded = _load_qt_catalog(name, lang)
        if loaded is None:
            found = False
            continue
        app.installTranslator(loaded)
        _installed.append(loaded)
    return found
