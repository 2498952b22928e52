"""Every main screen fits a 1366×768 laptop at Windows' 125 % and 150 % scaling, in Japanese and English, with its
buttons inside the window (issue 18 point 2).

QT_SCALE_FACTOR only takes effect before the QApplication exists, so each scale runs in a fresh process
(tests/gui/fit_probe.py) that builds the screens of tests/gui/screens.py from a seeded register, in Japanese and then
in English.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _probe(scale: str, tmp_path: Path) -> dict[tuple[str, str], dict[str, object]]:
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "QT_SCALE_FACTOR": scale,
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "TMPDIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.gui.fit_probe", ",".join(LANGUAGES)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return {(str(line["lang"]), str(line["screen"])): line for line in lines}


LANGUAGES = ("ja", "en")
SCREENS = {
    "main_window",
    "wizard",
    "workspace",
    "calendar",
    "letters",
    "preview",
    "office",
    "restore",
    "unlock",
    "reminder_settings",
    "dashboard",
}


@pytest.mark.parametrize("scale", ["1.25", "1.5"])
def test_every_main_screen_fits_a_laptop_when_windows_scales(scale: str, tmp_path: Path) -> None:
    seen = _probe(scale, tmp_path)
    assert set(seen) == {(lang, screen) for lang in LANGUAGES for screen in SCREENS}
    problems = {key: line["problems"] for key, line in seen.items() if line.get("problems")}
    assert problems == {}
