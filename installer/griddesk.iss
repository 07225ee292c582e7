; Inno Setup script for the Windows installer of GridDesk (社区应急工作台).
;
; Built by installer/build.py after PyInstaller, which passes the version from app/__init__.py:
;   ISCC /DAppVersion=0.1.0 /DAppVersionNumeric=0.1.0.0 installer\griddesk.iss
; Input: dist\GridDesk\ (the PyInstaller folder). Output: dist\GridDesk-<version>-setup.exe.
; Needs Inno Setup 6.3 or newer. This file is UTF-8 with a byte-order mark; keep it so.

#if VER < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (x64compatible architecture identifier).
#endif

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z (installer/build.py does this).
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric "0.0.0.0"
#endif

#define AppName "GridDesk"
#define AppExe "GridDesk.exe"

; ChineseSimplified.isl: official only in recent Inno Setup releases; older ones lack it in
; Languages\. Then put a copy (https://jrsoftware.org/files/istrans/) next to this script. Without
; either, the installer is built in English only and the compiler says so.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseIsl AddBackslash(SourcePath) + "ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl not found: this installer will be in English only"
#endif

[Setup]
; The AppId identifies GridDesk to Windows across versions (upgrades, uninstall). Never change it.
AppId={{13551985-5563-4FA5-A00A-A82F0C4B24B7}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductName={#AppName}
; Per-user by default: no administrator rights needed, and {autopf} is then
; {localappdata}\Programs. An administrator may still choose "all users" in the dialog.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DefaultGroupName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
ShowLanguageDialog=auto
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
UninstallDisplayName={#AppName} {#AppVersion}
UninstallDisplayIcon={app}\{#AppExe}
CloseApplications=yes

[Languages]
; The first entry is used when Windows' language matches none of them.
#ifdef ChineseIsl
Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
#ifdef ChineseIsl
chinesesimplified.ShortcutName=GridDesk 社区应急工作台
#endif
english.ShortcutName=GridDesk

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder. The data folder (database, backups, exports, logs, keys) is not
; here: the app keeps it in the user's data folder (%LOCALAPPDATA%\GridDesk by default), so an
; upgrade or an uninstall never touches it.
Source: "..\dist\{#AppName}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the program files wholesale, so no module of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{cm:ShortcutName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{cm:ShortcutName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the data folder, on purpose: the residents' records are the user's
; data and stay after an uninstall. Only what this installer put into {app} is removed.
