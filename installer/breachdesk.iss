; BreachDesk (漏えい等対応デスク) — Inno Setup 6 script for the one-folder app that pyinstaller.spec builds in
; dist\BreachDesk\ (BreachDesk.exe windowed, BreachDesk-console.exe for selftest and diagnostics, _internal\).
;
; NOT RUN where it was written: there is no Windows machine there. It is compiled only by
; .github/workflows/windows.yml, which has not been run either when this file was first added; the first run on
; a Windows runner, and one install / upgrade / uninstall by hand on a Windows 10 and a Windows 11 PC, are the check.
;
; Build (from the repository root, after tools\smoke_bundle.py has built dist\BreachDesk\):
;   iscc /DAppVersion=<app.__version__> installer\breachdesk.iss      -> dist\BreachDesk-<version>-setup.exe
; The version is never written here: it lives in app/__init__.py only (docs/adr/0015-windows-delivery.md).
;
; Saved as UTF-8 WITH a byte order mark: Inno Setup reads a script without one in the ANSI code page, and the
; Japanese names below would be garbled (tests/unit/test_installer_script.py keeps the BOM).

#ifndef AppVersion
  #error Pass the version from app/__init__.py: iscc /DAppVersion=<app.__version__> installer\breachdesk.iss
#endif

[Setup]
; The AppId is the installation's identity: an upgrade finds the installed copy, its folder, its tasks and its
; uninstaller by it. Generated once for BreachDesk: never change it (a new one would install a second copy beside
; the first), never reuse it for another product.
AppId={{EE3B8FDF-200D-425E-8367-C92DE0269D22}
AppName=BreachDesk
AppVersion={#AppVersion}
AppVerName={cm:AppTitle} {#AppVersion}
AppPublisher=BreachDesk
VersionInfoVersion={#AppVersion}
; Per user, without administrator rights: a small office's privacy officer rarely has them. "lowest" always runs
; in non administrative install mode, where {autopf} is {userpf} = %LOCALAPPDATA%\Programs and {autoprograms} the
; user's own Start menu. No PrivilegesRequiredOverridesAllowed: there is no all-users variant to choose.
PrivilegesRequired=lowest
DefaultDirName={autopf}\BreachDesk
DisableProgramGroupPage=yes
; The bundle is built from win_amd64 wheels; Qt 6 needs Windows 10 1809 or later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir=..\dist
OutputBaseFilename=BreachDesk-{#AppVersion}-setup
SetupIconFile=..\resources\icons\breachdesk.ico
UninstallDisplayIcon={app}\BreachDesk.exe
UninstallDisplayName={cm:DisplayName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; A running BreachDesk holds files of {app}: Setup asks to close it (Restart Manager) instead of failing mid-copy.
CloseApplications=yes
; Japanese first: it is chosen when Windows' display language is neither Japanese nor English.
ShowLanguageDialog=auto

[Languages]
Name: "ja"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
ja.AppTitle=漏えい等対応デスク
en.AppTitle=BreachDesk
ja.DisplayName=漏えい等対応デスク（BreachDesk）
en.DisplayName=BreachDesk
ja.StartupGroup=起動:
en.StartupGroup=Start-up:
ja.StartWithWindows=Windowsの起動時に開く（通知領域で起動し、期限をお知らせします）
en.StartWithWindows=Open when Windows starts (in the notification area, with deadline reminders)
ja.DataKept=BreachDesk のプログラムを削除しました。%n%n事案の記録を残すため、台帳・バックアップ・ログを保存したデータフォルダーは削除していません。%n%1%n%nこのPCに記憶した鍵（Windows 資格情報マネージャーの「BreachDesk」）も残っています。不要であることを確認してから、ご自身で削除してください。
en.DataKept=BreachDesk has been removed.%n%nIts data folder, with the register, its backups and logs, was kept because it holds the records of your incidents:%n%1%n%nThe key remembered on this PC (Windows Credential Manager, "BreachDesk") was kept too. Delete them yourself once you are sure they are no longer needed.

[Tasks]
Name: "startup"; Description: "{cm:StartWithWindows}"; GroupDescription: "{cm:StartupGroup}"; Flags: unchecked

[InstallDelete]
; An update replaces the bundle's library folder whole, so that nothing an older build shipped (a Qt plugin, a
; DLL) stays behind to be loaded by the new one. {app} holds the bundle only, never data.
Type: filesandordirs; Name: "{app}\_internal"
; The Start menu entry is named in the language of the install: drop the other language's entry of an earlier one.
Type: files; Name: "{autoprograms}\漏えい等対応デスク.lnk"
Type: files; Name: "{autoprograms}\BreachDesk.lnk"

[Files]
Source: "..\dist\BreachDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppTitle}"; Filename: "{app}\BreachDesk.exe"; WorkingDir: "{app}"; Comment: "漏えい等対応デスク BreachDesk"

[Registry]
; The same value the app itself writes and reads (ui/calendar/autostart.py: HKCU Run, value "BreachDesk", the exe
; with --minimized), so that 表示 → リマインダーの設定… shows the option switched on and can switch it off.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "BreachDesk"; ValueData: """{app}\BreachDesk.exe"" --minimized"; Tasks: startup; Flags: uninsdeletevalue

[Run]
Filename: "{app}\BreachDesk.exe"; Description: "{cm:LaunchProgram,{cm:AppTitle}}"; Flags: nowait postinstall skipifsilent

; Uninstall removes what Setup installed: {app} (the bundle), the Start menu entry and the start-up value.
; It never touches, and there is deliberately no [UninstallDelete] for:
;   - the data folder %APPDATA%\BreachDesk (platformdirs' roaming user data folder, app/paths.py): the register,
;     backups\, audit-anchors.jsonl, logs\, settings.json — the records of the office's incidents, which must be
;     kept (README "What to keep for an investigation"); a folder chosen with --data-dir is not known here at all;
;   - the data key kept by 「このPCに記憶する」 in Windows Credential Manager (keyring, service "BreachDesk",
;     app/services/unlock.py): with it a reinstalled BreachDesk opens the register as before.
[Code]
const
  RunKey = 'Software\Microsoft\Windows\CurrentVersion\Run';

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Command, DataDir: String;
begin
  if CurUninstallStep = usUninstall then
  begin
    { The app's own setting may have written the start-up value (not the installer's task): once the exe is gone
      it would only make Windows fail at every sign-in. Removed only when it points into this installation. }
    if RegQueryStringValue(HKCU, RunKey, 'BreachDesk', Command) and
       (Pos(Lowercase(ExpandConstant('{app}')), Lowercase(Command)) > 0) then
      RegDeleteValue(HKCU, RunKey, 'BreachDesk');
  end;
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
  begin
    DataDir := ExpandConstant('{userappdata}\BreachDesk');
    if DirExists(DataDir) then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
