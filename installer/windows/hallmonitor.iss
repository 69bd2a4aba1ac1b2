; Inno Setup script of 窗口监管台 HallMonitor (Inno Setup 6.3 or newer).
;
; build.py compiles it after PyInstaller has made dist\HallMonitor, passing:
;   /DAppVersion=0.1.0 /DNumericVersion=0.1.0.0 /DSourceDir=...\dist\HallMonitor
;   /DOutputDir=...\dist /DIconFile=...\hallmonitor.ico
; By hand, from the repository root:
;   iscc /DAppVersion=0.1.0 installer\windows\hallmonitor.iss
;
; Installs for the current user by default (no administrator rights needed) into
; %LOCALAPPDATA%\Programs\HallMonitor; an administrator may choose "for all users"
; (Program Files) in the first dialog or with /ALLUSERS. The database, logs and
; settings live in the user's folders (%LOCALAPPDATA%\HallMonitor, %APPDATA%\HallMonitor),
; which are not part of the installation: uninstalling keeps them.
;
; This file is UTF-8 with a byte order mark, which Inno Setup needs to read the Chinese text.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef NumericVersion
  #define NumericVersion "0.0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "..\..\dist\HallMonitor"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\..\dist"
#endif

#define AppName "窗口监管台"
#define AppExe "HallMonitor.exe"

; Simplified Chinese setup when its messages file is at hand: beside this script (the hall's IT
; can drop ChineseSimplified.isl here) or among the compiler's languages; English otherwise.
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define SetupLanguageFile AddBackslash(SourcePath) + "ChineseSimplified.isl"
  #define SetupLanguage "chinesesimplified"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define SetupLanguageFile "compiler:Languages\ChineseSimplified.isl"
  #define SetupLanguage "chinesesimplified"
#else
  #define SetupLanguageFile "compiler:Default.isl"
  #define SetupLanguage "english"
  #pragma message "ChineseSimplified.isl not found: the setup speaks English"
#endif

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{6B1F3C9E-2D47-4E8A-9C35-7A0D5E2F8B14}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=HallMonitor
VersionInfoVersion={#NumericVersion}
VersionInfoProductName={#AppName} HallMonitor
VersionInfoDescription={#AppName} HallMonitor 安装程序
DefaultDirName={autopf}\HallMonitor
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user by default, so that supervisors without administrator rights can install it.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=HallMonitor-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
#ifdef IconFile
SetupIconFile={#IconFile}
#endif
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} HallMonitor {#AppVersion}
#ifdef Sign
; build.py passes /DSign and /Shallmonitorsign=<the hall IT's signing command with $f>.
SignTool=hallmonitorsign
SignedUninstaller=yes
#endif
; Close a running copy (Restart Manager) before replacing its files.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "{#SetupLanguage}"; MessagesFile: "{#SetupLanguageFile}"

[CustomMessages]
DesktopShortcut=在桌面创建快捷方式
ShortcutsGroup=快捷方式：
LaunchApp=运行窗口监管台
DataKept=程序已卸载。数据库、日志和设置仍保留在：%n%1%n%n如不再需要，可手动删除该文件夹。

[Tasks]
; Checked by default: supervisors open the app from the desktop.
Name: "desktopicon"; Description: "{cm:DesktopShortcut}"; GroupDescription: "{cm:ShortcutsGroup}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundled libraries as a whole: nothing of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "窗口监管台 HallMonitor"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchApp}"; Flags: nowait postinstall skipifsilent

[Code]
// The user's data folder is not part of the installation, so the uninstaller leaves it alone;
// say where it is, so that nobody thinks the hall's records are gone (or wonders where they went).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\HallMonitor')]),
      mbInformation, MB_OK);
end;
