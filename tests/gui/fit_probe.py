"""Run in a fresh process (QT_SCALE_FACTOR must be set before the QApplication exists): build every main screen in
one language, resize it to a laptop at 150 % and print one JSON line per screen with what does not fit.

    QT_SCALE_FACTOR=1.5 python -m tests.gui.fit_probe ja [PNG_FOLDER]
    QT_SCALE_FACTOR=1.5 python -m tests.gui.fit_probe ja,en

Several languages (comma-separated) run one after the other in the same process: one start instead of one per
language. Each JSON line names its language.

Used by tests/gui/test_fit_scaled.py and tools/screenshots.py (which passes a folder to save each screen in).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.i18n import set_language
from tests.gui import screens
from tests.gui.screen_checks import LAPTOP_AT_150, MAIN_WINDOW_LIMIT, screen_problems, too_big
from ui.shell.fonts import apply_application_font
from ui.shell.translations import install_qt_translators

SCREENSHOT = QSize(1024, 768)


def _check(widget: QWidget) -> list[str]:
    screens.at_smallest(widget, LAPTOP_AT_150)
    return too_big(widget, LAPTOP_AT_150) + screens.buttons_outside(widget)


def _save(widget: QWidget, folder: Path | None, name: str) -> str | None:
    if folder is None:
        return None
    widget.resize(SCREENSHOT)  # what a 1024×768 screen shows of it, maximised
    QApplication.processEvents()
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    return str(path)


ASKED: list[str] = []


def _answer_yes(_parent: object, title: str, text: str, *_args: object, **_kwargs: object) -> object:
    """No modal box may block a headless run: recorded, reported with the screen, answered Yes."""
    ASKED.append(f"{title}: {text}")
    return QMessageBox.StandardButton.Yes


def run(lang: str, folder: Path | None) -> list[dict[str, object]]:
    app = QApplication.instance() or QApplication([])
    for kind in ("question", "warning", "information", "critical"):
        setattr(QMessageBox, kind, staticmethod(_answer_yes))
    apply_application_font(app)
    set_language(lang)
    install_qt_translators(app, lang)
    reg = screens.Register.seed(Path(tempfile.mkdtemp()) / "data")
    results: list[dict[str, object]] = []
    try:
        for name, build in screens.SCREENS.items():
            widget = build(reg)
            problems: list[str] = []
            saved = []
            pages = screens.tabs_of(widget) if name == "workspace" else []
            for tabs, index in pages or [(None, 0)]:
                label = name
                if tabs is not None:
                    tabs.setCurrentIndex(index)
                    label = f"{name}_tab{index}"
                problems += [f"{label}: {p}" for p in _check(widget)]
                if name == "main_window":
                    problems += [f"{label}: {p}" for p in too_big(widget, MAIN_WINDOW_LIMIT)]
                saved.append(_save(widget, folder, label))
            clean = screen_problems(
                widget
            )  # named, unclipped, no clashes: reported, asserted per screen elsewhere
            ASKED.clear()
            widget.close()
            results.append(
                {
                    "lang": lang,
                    "screen": name,
                    "problems": problems,
                    "a11y": clean,
                    "saved": saved,
                    "asked": list(ASKED),
                }
            )
            widget.deleteLater()
            QApplication.processEvents()
    finally:
        reg.close()
    return results


if __name__ == "__main__":
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    for lang in sys.argv[1].split(","):
        for line in run(lang, out):
            print(json.dumps(line, ensure_ascii=False), flush=True)
