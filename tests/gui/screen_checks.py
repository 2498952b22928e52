"""What a person with a screen reader, a keyboard or a small laptop would trip over on a screen (issue 18).

Each check walks the widget tree of a shown, laid-out window and returns a list of human-readable problems, empty
when the screen is clean; tests assert `== []` so a failure names every offender at once.

- `nameless_widgets`: an interactive widget whose accessible name, as a screen reader gets it through QAccessible
  (its own accessibleName, its text, or the buddy label's text), is empty.
- `duplicate_names`: two visible interactive widgets of one window with the same accessible name (13 checklist ticks
  all reading 「社内報告・被害拡大の防止」).
- `clipped_texts`: a label, button or tab whose text does not fit its rectangle and is not elided with a tooltip.
- `mnemonic_clashes`: two &-mnemonics on one letter in one window (menu bar titles included) or in one menu.
- `too_big`: a minimum size larger than the screen it must fit.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAccessible, QFontMetrics
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
    QTabBar,
)
# Parts of a compound widget: the screen reader reads the compound one (a combo's line edit, a spin box's editor,
# a tab bar's scroll arrows, a calendar's navigation bar, a scroll area's bars).
COMPOUND = (QComboBox, QAbstractSpinBox, QTabBar, QCalendarWidget, QScrollBar)
W = TypeVar("W", bound=QWidget)
_MNEMONIC = re.compile(r"(?<!&)&(?!&)(\w)")


def _describe(widget: QWidget) -> str:
    name = widget.objectName() or "-"
    parent = widget.parentWidget()
    where = type(parent).__name__ if parent is not None else "-"
    return f"{type(widget).__name__}(objectName={name}, parent={where})"


def _is_part_of_compound(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, COMPOUND):
            return True
        parent = parent.parentWidget()
    return isinstance(widget, QScrollBar)


def _in_window(widget: QWidget, root: QWidget) -> bool:
    """Part of the root's own window, not of a dialog or floating panel it owns (checked on its own)."""
    return widget.window() is root.window()


def _own(root: QWidget, kind: type[W]) -> list[W]:
    return [w for w in root.findChildren(kind) if _in_window(w, root)]


def interactive_widgets(root: QWidget) -> list[QWidget]:
    """The visible widgets a user can focus or operate, compound widgets counted once."""
    found = [root] if isinstance(root, INTERACTIVE) else []
    found += [w for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE)]
    return [w for w in found if w.isVisible() and not _is_part_of_compound(w) and _in_window(w, root)]


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    return interface.text(QAccessible.Text.Name).strip()


def nameless_widgets(root: QWidget) -> list[str]:
    return [_describe(w) for w in interactive_widgets(root) if not accessible_name(w)]


def duplicate_names(root: QWidget) -> list[str]:
    by_name: dict[str, list[QWidget]] = defaultdict(list)
    for widget in interactive_widgets(root):
        name = accessible_name(widget)
        if name:
            by_name[name].append(widget)
    return [
        f"{len(widgets)} widgets named {name!r}: {', '.join(_describe(w) for w in widgets[:3])}"
        for name, widgets in by_name.items()
        if len(widgets) > 1
    ]


def _plain(text: str) -> str:
    return _MNEMONIC.sub(r"\1", text).replace("&&", "&")


def _text_width(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(line) for line in _plain(text).splitlines()), default=0)


def _label_clipped(label: QLabel) -> bool:
    text = label.text()
    if not text or label.wordWrap() or label.textFormat() is Qt.TextFormat.RichText:
        return False
    if label.textFormat() is Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text):
        return False
    rect = label.contentsRect()
    margin = label.margin() * 2 + max(label.indent(), 0)
    metrics = label.fontMetrics()
    too_wide = _text_width(metrics, text) > rect.width() - margin + 1
    too_low = metrics.height() * max(len(text.splitlines()), 1) > rect.height() + 1
    return too_wide or too_low


def _button_clipped(button: QAbstractButton) -> bool:
    if not button.text():
        return False
    hint = button.sizeHint()
    return hint.width() > button.width() + 1 or button.fontMetrics().height() > button.height()


def clipped_texts(root: QWidget) -> list[str]:
    """Texts cut off on screen. A label or tab whose text was elided counts as fitting only with a tooltip."""
    problems: list[str] = []
    for label in _own(root, QLabel):
        if label.isVisible() and _label_clipped(label) and not label.toolTip():
            problems.append(f"label {_plain(label.text())[:40]!r} ({label.width()}x{label.height()} px)")
    for button in _own(root, QAbstractButton):
        if button.isVisible() and not _is_part_of_compound(button) and _button_clipped(button):
            problems.append(f"button {_plain(button.text())[:40]!r} ({button.width()} px)")
    for bar in _own(root, QTabBar):
        if not bar.isVisible():
            continue
        for index in range(bar.count()):
            rect, hint = bar.tabRect(index), bar.tabSizeHint(index)
            if rect.height() + 1 < hint.height():
                problems.append(f"tab {_plain(bar.tabText(index))[:40]!r} cut at the top or bottom")
            elif rect.width() + 1 < hint.width() and not bar.tabToolTip(index):
                problems.append(f"tab {_plain(bar.tabText(index))[:40]!r} elided without a tooltip")
    for box in _own(root, QGroupBox):
        if box.isVisible() and box.fontMetrics().horizontalAdvance(_plain(box.title())) > box.width():
            problems.append(f"group box {_plain(box.title())[:40]!r} ({box.width()} px)")
    return problems


def _mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text)
    return found.group(1).upper() if found else None


def _window_mnemonic_texts(root: QWidget) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for button in _own(root, QAbstractButton):
        if button.isVisible() and not _is_part_of_compound(button):
            texts.append((button.text(), "button"))
    for label in _own(root, QLabel):
        if label.isVisible() and label.buddy() is not None:
            texts.append((label.text(), "label"))
    for box in _own(root, QGroupBox):
        if box.isVisible() and box.isCheckable():
            texts.append((box.title(), "group box"))
    for bar in _own(root, QTabBar):
        if bar.isVisible():
            texts += [(bar.tabText(i), "tab") for i in range(bar.count()) if bar.isTabVisible(i)]
    for menu_bar in _own(root, QMenuBar):
        if menu_bar.isVisible():
            texts += [(a.text(), "menu") for a in menu_bar.actions() if a.isVisible() and not a.isSeparator()]
    return texts


def _clashes(texts: list[tuple[str, str]], where: str) -> list[str]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for text, kind in texts:
        letter = _mnemonic(text)
        if letter is not None:
            by_letter[letter].append(f"{kind} {_plain(text)!r}")
    return [f"{where}: Alt+{k} on {' and '.join(v)}" for k, v in by_letter.items() if len(v) > 1]


def mnemonic_clashes(root: QWidget) -> list[str]:
    """One window's visible widgets and menu bar together, then each menu's items on their own."""
    problems = _clashes(_window_mnemonic_texts(root), "window")
    for menu in root.findChildren(QMenu):
        items = [(a.text(), "item") for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        problems += _clashes(items, f"menu {_plain(menu.title())!r}")
    return problems


def too_big(root: QWidget, limit: QSize) -> list[str]:
    """The window's smallest size (what its layout lets it shrink to) against the screen it must fit."""
    smallest = root.minimumSizeHint().expandedTo(root.minimumSize())
    if smallest.width() <= limit.width() and smallest.height() <= limit.height():
        return []
    return [f"{type(root).__name__} needs at least {smallest.width()}x{smallest.height()} px"]


def screen_problems(root: QWidget, limit: QSize | None = None) -> list[str]:
    """All checks at once, for a test that looks at one screen."""
    problems = nameless_widgets(root) + duplicate_names(root) + clipped_texts(root) + mnemonic_clashes(root)
    if limit is not None:
        problems += too_big(root, limit)
    return problems


# 1366×768 at Windows' 150 % scaling is 910×512 logical px; less the task bar (40) and a window's title bar and
# frame (~31 + 8), a window's client area has about 900×440 (issue 18 point 2). At 125 % it has 1085×543.
LAPTOP_AT_150 = QSize(900, 440)
# The main window at 100 % scaling (issue 18 point 2: minimum ≤ 1024×700); it must also fit LAPTOP_AT_150.
MAIN_WINDOW_LIMIT = QSize(1024, 700)
