"""Static checks of the Windows installer (installer/breachdesk.iss) and its workflow: nothing here can run Inno
Setup or Windows (docs/adr/0015-windows-delivery.md), so what can drift silently is pinned against the files it
must agree with — the exe names of pyinstaller.spec, the start-up entry of ui/calendar/autostart.py, the names in
app/__init__.py — and what the uninstaller must never touch (the data folder) is checked by section."""

from __future__ import annotations

import re
from pathlib import Path

from app import APP_NAME, APP_NAME_JA
from ui.calendar import autostart

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "installer" / "breachdesk.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
# Generated once; an upgrade finds the installed copy by it. Changing it installs a second copy beside the first.
APP_ID = "{{EE3B8FDF-200D-425E-8367-C92DE0269D22}"


def _script() -> str:
    return ISS.read_bytes().decode("utf-8-sig")


def _sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in _script().splitlines():
        if match := re.fullmatch(r"\[(\w+)\]", line.strip()):
            current = match.group(1)
            sections.setdefault(current, [])
        elif line.strip() and not line.lstrip().startswith(";"):
            sections.setdefault(current, []).append(line)
    return sections


def _setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in _sections()["Setup"])


def test_script_is_utf8_with_a_bom() -> None:
    # Without the BOM Inno Setup reads the script in the ANSI code page and garbles 漏えい等対応デスク.
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")


def test_per_user_install_without_admin_rights() -> None:
    setup = _setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup
    assert setup["DefaultDirName"] == r"{autopf}\BreachDesk"  # {userpf} = %LOCALAPPDATA%\Programs when lowest
    assert setup["AppId"] == APP_ID
    assert setup["AppVersion"] == "{#AppVersion}"
    assert "#ifndef AppVersion" in _script()


def test_installs_the_onedir_bundle_and_starts_the_windowed_exe() -> None:
    spec = (ROOT / "pyinstaller.spec").read_text(encoding="utf-8")
    assert re.search(r'EXE\([^)]*name="BreachDesk", console=False', spec)
    assert "COLLECT(" in spec and 'name="BreachDesk")' in spec
    sections = _sections()
    assert any(
        r'Source: "..\dist\BreachDesk\*"' in line and "recursesubdirs" in line for line in sections["Files"]
    )
    (icon,) = sections["Icons"]
    assert icon.startswith(r'Name: "{autoprograms}\{cm:AppTitle}"; Filename: "{app}\BreachDesk.exe"')


def test_start_menu_and_task_names_in_japanese_and_english() -> None:
    messages = dict(line.split("=", 1) for line in _sections()["CustomMessages"])
    assert messages["ja.AppTitle"] == APP_NAME_JA
    assert messages["en.AppTitle"] == APP_NAME
    assert messages["ja.StartWithWindows"].startswith("Windowsの起動時に開く")
    languages = _sections()["Languages"]
    assert languages[0] == r'Name: "ja"; MessagesFile: "compiler:Languages\Japanese.isl"'
    assert languages[1] == 'Name: "en"; MessagesFile: "compiler:Default.isl"'
    (task,) = _sections()["Tasks"]
    assert 'Name: "startup"' in task and "Flags: unchecked" in task


def test_start_with_windows_writes_the_value_the_app_reads() -> None:
    (entry,) = _sections()["Registry"]
    root, key = autostart.RUN_KEY.split("\\", 1)
    assert root == "HKEY_CURRENT_USER" and "Root: HKCU" in entry
    assert f'Subkey: "{key}"' in entry
    assert f'ValueName: "{APP_NAME}"' in entry
    assert f'ValueData: """{{app}}\\BreachDesk.exe"" {autostart.MINIMIZED_FLAG}"' in entry
    assert "Tasks: startup" in entry and "uninsdeletevalue" in entry


def test_uninstall_never_deletes_the_data_folder() -> None:
    sections = _sections()
    assert "UninstallDelete" not in sections
    assert "UninstallRun" not in sections
    # The data folder (%APPDATA%\BreachDesk, app/paths.py) is only ever named by the message saying it was kept.
    for name, lines in sections.items():
        if name != "Code":
            assert not any(
                re.search(r"\{(userappdata|localappdata|autoappdata)\}", line) for line in lines
            ), name
    (delete,) = [line for line in sections["InstallDelete"] if "filesandordirs" in line]
    assert delete.endswith(r'Name: "{app}\_internal"')


def test_workflow_builds_smoke_tests_and_passes_the_version() -> None:
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in workflow
    assert r".venv\Scripts\python tools\smoke_bundle.py" in workflow
    assert r'"/DAppVersion=${{ steps.version.outputs.version }}" installer\breachdesk.iss' in workflow
    assert 'python.exe -c "import app; print(app.__version__)"' in workflow
    setup = _setup()
    assert setup["OutputDir"] == r"..\dist"
    output = setup["OutputBaseFilename"].replace("{#AppVersion}", "${{ steps.version.outputs.version }}")
    assert f"path: dist/{output}.exe" in workflow
