"""Start BreachDesk with the desktop session, minimised to the notification area (an option, off by default).

Windows: a value under HKCU\\...\\CurrentVersion\\Run written through QSettings' native (registry) format, so no
administrator rights are needed. Elsewhere: an XDG autostart .desktop file. The entry itself is the setting: what
the dialog shows is read back from the registry or the file, never from a copy that could drift.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from app import APP_NAME
from app.paths import default_data_dir, resource_root, resources_dir

RUN_KEY = r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run"
MINIMIZED_FLAG = "--minimized"


def is_windows() -> bool:
    return sys.platform == "win32"


def launch_command(data_dir: Path | None = None) -> list[str]:
    """The packaged .exe, or pythonw + main.py from a source checkout; --data-dir only when it is not the default."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        python = Path(sys.executable)
        windowless = python.with_name("pythonw.exe")
        command = [
            str(windowless if is_windows() and windowless.exists() else python),
            str(resource_root() / "main.py"),
        ]
    if data_dir is not None and Path(data_dir).resolve() != default_data_dir().resolve():
        command += ["--data-dir", str(Path(data_dir).resolve())]
    command.append(MINIMIZED_FLAG)
    return command


def desktop_file() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart" / "breachdesk.desktop"


def _desktop_exec(command: list[str]) -> str:
    """Quoted as the Desktop Entry spec wants: double quotes around arguments with spaces or specials."""

    def quote(arg: str) -> str:
        if arg and not any(ch in arg for ch in " \t\n\"'\\><~|&;$*?#()`%"):
            return arg
        escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
        return f'"{escaped}"'.replace("%", "%%")

    return " ".join(quote(arg) for arg in command)


def is_enabled() -> bool:
    if is_windows():
        return bool(QSettings(RUN_KEY, QSettings.Format.NativeFormat).value(APP_NAME))
    return desktop_file().exists()


def set_enabled(enabled: bool, command: list[str] | None = None) -> None:
    """Raises OSError when the entry cannot be written (the dialog says so instead of pretending)."""
    command = command or launch_command()
    if is_windows():
        settings = QSettings(RUN_KEY, QSettings.Format.NativeFormat)
        if enabled:
            settings.setValue(APP_NAME, subprocess.list2cmdline(command))
        else:
            settings.remove(APP_NAME)
        settings.sync()
        if settings.status() != QSettings.Status.NoError:
            raise OSError(f"cannot write {RUN_KEY}")
        return
    path = desktop_file()
    if not enabled:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "\n".join(
            [
                "[Desktop Entry]",
                "Type=Application",
                f"Name={APP_NAME}",
                "Comment=漏えい等対応デスク（通知領域で起動）",
                f"Exec={_desktop_exec(command)}",
                f"Icon={resources_dir() / 'icons' / 'breachdesk.png'}",
                "Terminal=false",
                "X-GNOME-Autostart-enabled=true",
                "",
            ]
        ),
        encoding="utf-8",
    )
