"""The packaged app's screen check (ui/shell/smoke_screens.py), run from source: with BREACHDESK_SMOKE_SCREENS the
real window opens every main screen on the incident, answers the questions it asks at start, logs each screen and
quits by itself; without the variable nothing of it happens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import frozen_checks  # noqa: E402

SCREENS = ("main_window", "wizard", "workspace", "calendar", "dashboard", "preview", "letters", "office")


def test_every_screen_is_shown_and_the_app_quits(tmp_path: Path) -> None:
    data = tmp_path / "data"
    incident = frozen_checks.seed_register(data)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BREACHDESK_SMOKE_SCREENS": incident}
    env["BREACHDESK_QUIT_AFTER_MS"] = "60000"  # a safety net only: the check quits long before
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    log = (data / "logs" / "breachdesk.log").read_text(encoding="utf-8")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in log and "smoke screens failed" not in log
    for name in (*SCREENS, "reminder_settings"):
        assert f"smoke screen {name}: shown" in log
    assert "smoke screen workspace: shown" in log and "8 tab page(s)" in log
    assert "smoke tray: created" in log
    assert "window painted" in log


def test_without_the_variable_the_window_just_opens(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "BREACHDESK_SMOKE_SCREENS"}
    env |= {"QT_QPA_PLATFORM": "offscreen", "BREACHDESK_QUIT_AFTER_MS": "1500"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    log = (data / "logs" / "breachdesk.log").read_text(encoding="utf-8")
    assert result.returncode == 0 and "window painted" in log and "smoke screen" not in log
