"""Imports inside functions are few, deliberate and listed (issue 14: at most 20 in app/ and ui/ together).

A module imported at the top says what it needs where a reader looks; the few that wait (start-up speed, heavy
libraries used by one feature) are listed with why in ui/shell/application.py's `LAZY_IMPORTS`.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from ui.shell.application import LAZY_IMPORTS

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 20


def _imports_inside_functions(node: ast.AST, inside: bool = False) -> int:
    count = 0
    for child in ast.iter_child_nodes(node):
        if inside and isinstance(child, ast.Import | ast.ImportFrom):
            count += 1
        nested = inside or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
        count += _imports_inside_functions(child, nested)
    return count


def lazy_imports() -> Counter[str]:
    found: Counter[str] = Counter()
    for package in ("app", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            count = _imports_inside_functions(ast.parse(path.read_text(encoding="utf-8")))
            if count:
                found[path.relative_to(ROOT).as_posix()] = count
    return found


def test_imports_inside_functions_are_at_most_twenty() -> None:
    assert sum(lazy_imports().values()) <= LIMIT


def test_every_import_inside_a_function_is_listed_with_why() -> None:
    listed = {path: count for path, (count, why) in LAZY_IMPORTS.items() if why}
    assert dict(lazy_imports()) == listed
    assert sum(listed.values()) <= LIMIT


def test_the_count_sees_an_import_inside_a_method() -> None:
    source = "import os\nclass A:\n    def f(self):\n        import json\n        def g():\n            import re\n"
    assert _imports_inside_functions(ast.parse(source)) == 2
