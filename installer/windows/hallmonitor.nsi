; 窗口监管台 HallMonitor: the Windows setup (NSIS 3.08 or newer).
;
; installer/build.py compiles it after PyInstaller has made dist\HallMonitor, with
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DNUMERIC_VERSION=0.1.0.0
;            -DSOURCE_DIR=...\dist\HallMonitor -DOUTPUT=...\dist\HallMonitor-0.1.0-setup.exe
;            -DICON_FILE=...\build\icons\hallmonitor.ico [-DCOMPRESSOR=zlib] [-DSIGN_COMMAND=...]
;            installer\windows\hallmonitor.nsi
; (installer/windows_package.py). COMPRESSOR=zlib or none makes a quick, larger setup (CI
; compiles the script over the Linux bundle that way, to prove it compiles); the default is
; solid LZMA. SIGN_COMMAND is a signing command with "%1" where the file goes: the uninstaller
; and the setup are signed with it as they are written.
;
; Per user by default, without administrator rights, into %LOCALAPPDATA%\Programs\HallMonitor;
; for every user of the PC (Program Files) on request: the first page, or /ALLUSERS, or
; any run as the SYSTEM account (a deployment tool). An upgrade finds the previous install of
; the same kind in the registry and removes its program files silently before copying the new
; ones. The database, settings, logs and backups live in the user's own folders
; (%LOCALAPPDATA%\HallMonitor, %APPDATA%\HallMonitor), never in the program folder: the
; uninstaller keeps them unless the user ticks the box for them or passes /PURGE.
; Command-line flags: installer/README.md, "Silent installation".

Unicode true
ManifestDPIAware true
; Elevation happens only when all-users is asked for (a second copy started with "runas").
RequestExecutionLevel user

!ifdef COMPRESSOR
  !if "${COMPRESSOR}" == "none"
    SetCompress off
  !else
    SetCompressor /SOLID ${COMPRESSOR}
  !endif
!else
  SetCompressor /SOLID lzma
  SetCompressorDictSize 64
!endif

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef NUMERIC_VERSION
  !define NUMERIC_VERSION "0.0.0.0"
!endif
!ifndef SOURCE_DIR
  !define SOURCE_DIR "..\..\dist\HallMonitor"
!endif
!ifndef OUTPUT
  !define OUTPUT "..\..\dist\HallMonitor-${VERSION}-setup.exe"
!endif

!ifdef SIGN_COMMAND
  ; Backquotes: a signing command may hold both kinds of quotes.
  !finalize `${SIGN_COMMAND}` = 0
  !uninstfinalize `${SIGN_COMMAND}` = 0
!endif

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include nsDialogs.nsh
!include Sections.nsh
!include WinVer.nsh
!include x64.nsh

; The registry key ties upgrades and the uninstaller together: never change it.
!define APP_KEY "HallMonitor"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_KEY}"
!define APP_EXE "HallMonitor.exe"
!define CLI_EXE "hallmonitor-cli.exe"
!define UNINSTALLER "uninstall.exe"
!define PUBLISHER "HallMonitor"
; Shortcut file names in either language, so that the uninstaller removes both.
!define SHORTCUT_ZH "窗口监管台"
!define SHORTCUT_EN "HallMonitor"

Name "窗口监管台 HallMonitor"
Caption "$(Caption)"
BrandingText "窗口监管台 HallMonitor ${VERSION}"
OutFile "${OUTPUT}"
; No InstallDir: .onInit picks the folder of the chosen mode unless /D= gave one.
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${NUMERIC_VERSION}"
VIFileVersion "${NUMERIC_VERSION}"
VIAddVersionKey /LANG=0 "ProductName" "窗口监管台 HallMonitor"
VIAddVersionKey /LANG=0 "FileDescription" "窗口监管台 HallMonitor ${VERSION} 安装程序"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Apache-2.0"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"

Var AllUsers        ; 1: for every user (Program Files, HKLM), 0: for the current user
Var ModeFixed       ; 1 when /ALLUSERS, /CURRENTUSER or the SYSTEM account decided the mode
Var DirGiven        ; 1 when /D= gave the folder
Var IsAdmin         ; 1 when this process may write Program Files and HKLM
Var RadioMe
Var RadioAll

; --- pages ---------------------------------------------------------------------------------------

!ifdef ICON_FILE
  !define MUI_ICON "${ICON_FILE}"
  !define MUI_UNICON "${ICON_FILE}"
!endif
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC

Page custom ModePage ModePageLeave
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "$(RunApp)"
!define MUI_FINISHPAGE_RUN_FUNCTION RunApp
!insertmacro MUI_PAGE_FINISH

!define MUI_COMPONENTSPAGE_TEXT_TOP "$(UninstallTop)"
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; Simplified Chinese first: the setup speaks it unless Windows runs in English.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

; --- texts ---------------------------------------------------------------------------------------

LangString Caption ${LANG_SIMPCHINESE} "窗口监管台 ${VERSION} 安装"
LangString Caption ${LANG_ENGLISH} "HallMonitor ${VERSION} Setup"
LangString ShortcutName ${LANG_SIMPCHINESE} "${SHORTCUT_ZH}"
LangString ShortcutName ${LANG_ENGLISH} "${SHORTCUT_EN}"
LangString SecProgram ${LANG_SIMPCHINESE} "窗口监管台（程序与开始菜单）"
LangString SecProgram ${LANG_ENGLISH} "HallMonitor (program and Start menu)"
LangString SecDesktop ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString ModeTitle ${LANG_SIMPCHINESE} "安装方式"
LangString ModeTitle ${LANG_ENGLISH} "Installation type"
LangString ModeSubtitle ${LANG_SIMPCHINESE} "为谁安装窗口监管台？"
LangString ModeSubtitle ${LANG_ENGLISH} "Who should be able to use HallMonitor?"
LangString ModeMe ${LANG_SIMPCHINESE} "仅为我安装（推荐，不需要管理员权限）"
LangString ModeMe ${LANG_ENGLISH} "Only for me (recommended, no administrator rights needed)"
LangString ModeAll ${LANG_SIMPCHINESE} "为这台电脑的所有用户安装（需要管理员权限）"
LangString ModeAll ${LANG_ENGLISH} "For all users of this PC (needs administrator rights)"
LangString ModeNote ${LANG_SIMPCHINESE} "无论哪种方式，每位用户的数据库、设置和日志都保存在各自的用户文件夹中。"
LangString ModeNote ${LANG_ENGLISH} "Either way, each user's database, settings and logs stay in that user's own folders."
LangString NeedsWin10 ${LANG_SIMPCHINESE} "窗口监管台需要 64 位 Windows 10 或更新版本。"
LangString NeedsWin10 ${LANG_ENGLISH} "HallMonitor needs 64-bit Windows 10 or newer."
LangString NeedsAdmin ${LANG_SIMPCHINESE} "为所有用户安装或卸载需要管理员权限。请以管理员身份运行，或改为仅为自己安装。"
LangString NeedsAdmin ${LANG_ENGLISH} "Installing or removing for all users needs administrator rights. Run it as an administrator, or install for yourself only."
LangString ElevationRefused ${LANG_SIMPCHINESE} "未获得管理员权限，无法为所有用户安装。可以选择“仅为我安装”。"
LangString ElevationRefused ${LANG_ENGLISH} "Administrator rights were not granted, so it cannot be installed for all users. You can choose to install it for yourself only."
LangString AppRunning ${LANG_SIMPCHINESE} "窗口监管台正在运行。请先关闭它（包括命令行窗口），然后点击“重试”。"
LangString AppRunning ${LANG_ENGLISH} "HallMonitor is running. Close it (command-line windows too), then click Retry."
LangString RemovingPrevious ${LANG_SIMPCHINESE} "正在移除旧版本的程序文件（数据保留）："
LangString RemovingPrevious ${LANG_ENGLISH} "Removing the previous version's program files (data is kept):"
LangString RunApp ${LANG_SIMPCHINESE} "运行窗口监管台"
LangString RunApp ${LANG_ENGLISH} "Start HallMonitor"
LangString UnSecProgram ${LANG_SIMPCHINESE} "程序和快捷方式"
LangString UnSecProgram ${LANG_ENGLISH} "Program and shortcuts"
LangString UnSecData ${LANG_SIMPCHINESE} "同时删除我的数据"
LangString UnSecData ${LANG_ENGLISH} "Also delete my data"
LangString UninstallTop ${LANG_SIMPCHINESE} "卸载只删除程序。数据库、设置、日志和备份保留在 %LOCALAPPDATA%\HallMonitor 和 %APPDATA%\HallMonitor 中，重新安装后可继续使用；勾选“同时删除我的数据”则一并删除，无法恢复。"
LangString UninstallTop ${LANG_ENGLISH} "Uninstalling removes the program only. The database, settings, logs and backups stay in %LOCALAPPDATA%\HallMonitor and %APPDATA%\HallMonitor, and a new install uses them again. Tick 'Also delete my data' to delete them for good."
LangString DataKept ${LANG_SIMPCHINESE} "数据已保留在："
LangString DataKept ${LANG_ENGLISH} "Data kept in:"
LangString DataDeleted ${LANG_SIMPCHINESE} "已删除数据："
LangString DataDeleted ${LANG_ENGLISH} "Data deleted:"

; --- sections ------------------------------------------------------------------------------------

Section "!$(SecProgram)" SecProgram
  SectionIn RO
  Call RemovePrevious
  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  CreateShortcut "$SMPROGRAMS\$(ShortcutName).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  Call WriteUninstallEntry
SectionEnd

Section "$(SecDesktop)" SecDesktop
  CreateShortcut "$DESKTOP\$(ShortcutName).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

Section "un.$(UnSecProgram)" UnSecProgram
  SectionIn RO
  Call un.RemoveProgram
SectionEnd

Section /o "un.$(UnSecData)" UnSecData
  ; The data is the user's who runs the uninstaller: their profile, whatever the install's kind.
  SetShellVarContext current
  RMDir /r "$LOCALAPPDATA\HallMonitor"
  RMDir /r "$APPDATA\HallMonitor"
  DetailPrint "$(DataDeleted) $LOCALAPPDATA\HallMonitor, $APPDATA\HallMonitor"
  Call un.UseModeContext
SectionEnd

Section "-un.Report"
  ${IfNot} ${SectionIsSelected} ${UnSecData}
    SetShellVarContext current
    DetailPrint "$(DataKept) $LOCALAPPDATA\HallMonitor, $APPDATA\HallMonitor"
    Call un.UseModeContext
  ${EndIf}
SectionEnd

; --- the install's kind (per user or for every user) ---------------------------------------------

!macro DefaultFolder
  ; $LOCALAPPDATA means ProgramData once the context is "all": read it with the user's context.
  SetShellVarContext current
  ${If} $AllUsers == 1
    ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
    ${If} $0 == ""
      StrCpy $0 "$PROGRAMFILES64\HallMonitor"
    ${EndIf}
  ${Else}
    ReadRegStr $0 HKCU "${UNINSTALL_KEY}" "InstallLocation"
    ${If} $0 == ""
      StrCpy $0 "$LOCALAPPDATA\Programs\HallMonitor"
    ${EndIf}
  ${EndIf}
  StrCpy $INSTDIR $0
!macroend

Function UseMode
  ${If} $DirGiven != 1
    !insertmacro DefaultFolder
  ${EndIf}
  ${If} $AllUsers == 1
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

Function un.UseModeContext
  ${If} $AllUsers == 1
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

; Starts this setup again through UAC ("runas") for an all-users install; the elevated copy
; is told /ALLUSERS, so it goes straight on in that mode.
Function RestartElevated
  ${GetParameters} $0
  ClearErrors
  ExecShell "runas" "$EXEPATH" "/ALLUSERS $0"
  ${If} ${Errors}
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(ElevationRefused)"
    Abort
  ${EndIf}
  Quit
FunctionEnd

!macro CheckAdmin
  StrCpy $IsAdmin 0
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 == "Admin"
    StrCpy $IsAdmin 1
  ${EndIf}
!macroend

Function .onInit
  SetRegView 64
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "$(NeedsWin10)" /SD IDOK
    SetErrorLevel 1
    Quit
  ${EndIf}
  StrCpy $DirGiven 0
  ${If} $INSTDIR != ""
    StrCpy $DirGiven 1
  ${EndIf}
  !insertmacro CheckAdmin
  StrCpy $AllUsers 0
  StrCpy $ModeFixed 0
  ; An all-users install already there makes all-users the default choice.
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ReadRegStr $1 HKCU "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} $1 == ""
    StrCpy $AllUsers 1
    ${If} $IsAdmin != 1
    ${AndIf} ${Silent}
      StrCpy $AllUsers 0
    ${EndIf}
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/CURRENTUSER" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 0
    StrCpy $ModeFixed 1
  ${EndIf}
  ; A deployment tool runs setups as SYSTEM, whose own profile no user ever sees.
  UserInfo::GetName
  Pop $R2
  ClearErrors
  ${GetOptions} $R0 "/ALLUSERS" $R1
  ${IfNot} ${Errors}
  ${OrIf} $R2 == "SYSTEM"
    StrCpy $AllUsers 1
    StrCpy $ModeFixed 1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/NODESKTOP" $R1
  ${IfNot} ${Errors}
    !insertmacro UnselectSection ${SecDesktop}
  ${EndIf}
  ${If} $AllUsers == 1
  ${AndIf} $IsAdmin != 1
    ${If} ${Silent}
      ; ERROR_ELEVATION_REQUIRED: the deployment tool must run it elevated.
      SetErrorLevel 740
      Quit
    ${ElseIf} $ModeFixed == 1
      Call RestartElevated
    ${EndIf}
  ${EndIf}
  Call UseMode
FunctionEnd

Function ModePage
  ${If} $ModeFixed == 1
    Abort
  ${EndIf}
  !insertmacro MUI_HEADER_TEXT "$(ModeTitle)" "$(ModeSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateRadioButton} 0 10u 100% 14u "$(ModeMe)"
  Pop $RadioMe
  ${NSD_CreateRadioButton} 0 30u 100% 14u "$(ModeAll)"
  Pop $RadioAll
  ${If} $IsAdmin != 1
    ; Windows shows its shield on buttons that ask for elevation.
    SendMessage $RadioAll ${BCM_SETSHIELD} 0 1
  ${EndIf}
  ${NSD_CreateLabel} 0 60u 100% 30u "$(ModeNote)"
  Pop $0
  ${If} $AllUsers == 1
    ${NSD_Check} $RadioAll
  ${Else}
    ${NSD_Check} $RadioMe
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function ModePageLeave
  ${NSD_GetState} $RadioAll $0
  ${If} $0 == ${BST_CHECKED}
    StrCpy $AllUsers 1
    ${If} $IsAdmin != 1
      Call RestartElevated
    ${EndIf}
  ${Else}
    StrCpy $AllUsers 0
  ${EndIf}
  Call UseMode
FunctionEnd

; --- install -------------------------------------------------------------------------------------

; An upgrade: the previous install of this kind is removed by its own uninstaller, silently and
; in place (_?=), which keeps the user's data as always; then the new files are copied.
Function RemovePrevious
  ReadRegStr $0 SHCTX "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 == ""
  ${OrIfNot} ${FileExists} "$0\${UNINSTALLER}"
    Return
  ${EndIf}
  DetailPrint "$(RemovingPrevious) $0"
  retry:
  ClearErrors
  ExecWait '"$0\${UNINSTALLER}" /S _?=$0' $1
  ${If} ${Errors}
  ${OrIf} $1 != 0
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" /SD IDCANCEL IDRETRY retry
    Abort "$(AppRunning)"
  ${EndIf}
  Delete "$0\${UNINSTALLER}"
  RMDir "$0"
FunctionEnd

Function WriteUninstallEntry
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "窗口监管台 HallMonitor"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" "$0"
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
FunctionEnd

; From an elevated all-users setup, start the app as the signed-in user (through Explorer),
; so that its data goes to their profile and not the administrator's.
Function RunApp
  ${If} $AllUsers == 1
    Exec '"$WINDIR\explorer.exe" "$INSTDIR\${APP_EXE}"'
  ${Else}
    Exec '"$INSTDIR\${APP_EXE}"'
  ${EndIf}
FunctionEnd

; --- uninstall -----------------------------------------------------------------------------------

Function un.onInit
  SetRegView 64
  !insertmacro CheckAdmin
  ; An all-users install is the one whose HKLM entry points at this folder.
  StrCpy $AllUsers 0
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} $0 == $INSTDIR
    StrCpy $AllUsers 1
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/PURGE" $R1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${UnSecData}
  ${EndIf}
  ${If} $AllUsers == 1
  ${AndIf} $IsAdmin != 1
    ${If} ${Silent}
      SetErrorLevel 740
      Quit
    ${EndIf}
    ClearErrors
    ExecShell "runas" "$INSTDIR\${UNINSTALLER}" "$R0"
    ${If} ${Errors}
      MessageBox MB_OK|MB_ICONEXCLAMATION "$(NeedsAdmin)"
    ${EndIf}
    Quit
  ${EndIf}
  Call un.UseModeContext
FunctionEnd

; Only what the setup put there is removed, so a folder chosen with /D= that holds other files
; keeps them; a running copy (its executable cannot be deleted) stops the uninstall.
Function un.RemoveProgram
  retry:
  ClearErrors
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  ${If} ${Errors}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" /SD IDCANCEL IDRETRY retry
    Abort "$(AppRunning)"
  ${EndIf}
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${SHORTCUT_ZH}.lnk"
  Delete "$SMPROGRAMS\${SHORTCUT_EN}.lnk"
  Delete "$DESKTOP\${SHORTCUT_ZH}.lnk"
  Delete "$DESKTOP\${SHORTCUT_EN}.lnk"
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
FunctionEnd
