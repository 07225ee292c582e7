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
; Per user, never asking for administrator rights (office PCs rarely give clerks them): {autopf}
; is then %LOCALAPPDATA%\Programs and {autoprograms} the user's own Start menu.
PrivilegesRequired=lowest
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
chinesesimplified.GuideName=GridDesk 使用指南
#endif
english.ShortcutName=GridDesk
english.GuideName=GridDesk user guide

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: GridDesk.exe (the window), griddesk-cli.exe (the same program for
; scripts, with a console), _internal\ (Python, Qt, SQLCipher, the font, translations,
; migrations, licence notices) and guide\ (the user guide as PDFs, printed by the build).
Source: "..\dist\{#AppName}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; The data folder (database, backups, exports, logs, keys), where the README says and where the
; program looks: %LOCALAPPDATA%\GridDesk. Made here so that it is there before the first start;
; never removed: an uninstall or an upgrade leaves the office's records where they are.
Name: "{localappdata}\{#AppName}"; Flags: uninsneveruninstall

[InstallDelete]
; An upgrade replaces the program files wholesale, so no module of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
; Start menu: the program and its user guide (in the installer's language).
Name: "{autoprograms}\{#AppName}\{cm:ShortcutName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
#ifdef ChineseIsl
Name: "{autoprograms}\{#AppName}\{cm:GuideName}"; Filename: "{app}\guide\GridDesk-使用指南.pdf"; Languages: chinesesimplified
#endif
Name: "{autoprograms}\{#AppName}\{cm:GuideName}"; Filename: "{app}\guide\GridDesk-guide.pdf"; Languages: english
Name: "{autodesktop}\{cm:ShortcutName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry, on purpose: the residents' records are the office's data and stay
; after an uninstall. Only what this installer put into {app} (and its Start-menu entries) is
; removed.
