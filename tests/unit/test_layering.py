"""The core must stay free of Qt: app/ never imports PySide6 or ui, so it runs (and is tested) without a screen."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "shiboken6", "ui")


def _imported_modules(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_under_app_imports_qt_or_ui() -> None:
    offenders = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for name in _imported_modules(path.read_text(encoding="utf-8")):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_importing_every_app_module_loads_no_qt() -> None:
    """Catches indirect imports too (a helper library that pulls in Qt)."""
    code = (
        "import pkgutil, importlib, sys, app\n"
        "for m in pkgutil.walk_packages(app.__path__, 'app.'):\n"
        "    if '.migrations' in m.name: continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
