; The Windows installer of nianbao (年报), built by packaging/windows.sh with NSIS's makensis:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DEXE=path/nianbao.exe -DROOT=repo -DOUTFILE=setup.exe nianbao.nsi
; It installs for the current user only, so no administrator rights are asked for: the program
; goes to %LOCALAPPDATA%\Programs\nianbao, the Start-menu shortcut 年报 to the user's Start menu,
; and the file association and the uninstall entry to HKEY_CURRENT_USER. Reports are
; NAME.nianbao (JSON inside): Windows associates a program by the last extension only.

; A 64-bit installer for a 64-bit program (it also runs under a 64-bit-only Wine).
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION | EXE | ROOT | OUTFILE
  !error "usage: makensis -DVERSION=… -DEXE=… -DROOT=… -DOUTFILE=… nianbao.nsi"
!endif

!define PROGID "nianbao.report"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\nianbao"

Name "年报"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\nianbao"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "年报 ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "年报"
VIAddVersionKey /LANG=2052 "FileDescription" "年报 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "GPL-3.0-or-later"

!include "MUI2.nsh"
!define MUI_ICON "${ROOT}\assets\windows\nianbao.ico"
!define MUI_UNICON "${ROOT}\assets\windows\nianbao.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\nianbao.exe"
!define MUI_FINISHPAGE_RUN_TEXT "运行年报"
!insertmacro MUI_PAGE_LICENSE "${ROOT}\LICENSE"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Section "年报"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=nianbao.exe" "${EXE}"
  File "/oname=LICENSE.txt" "${ROOT}\LICENSE"
  SetOutPath "$INSTDIR\fonts"
  File "${ROOT}\fonts\GPL-3-with-font-exception-Fandol.txt"
  File "${ROOT}\fonts\OFL-LXGWWenKai-debian-copyright.txt"
  File "${ROOT}\fonts\OFL-NotoSansSC-NotoSerifSC.txt"
  File "${ROOT}\fonts\README-Fandol.txt"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\年报.lnk" "$INSTDIR\nianbao.exe" "" "$INSTDIR\nianbao.exe" 0

  ; Double-clicking NAME.nianbao runs: "…\nianbao.exe" "NAME.nianbao"
  WriteRegStr HKCU "Software\Classes\.nianbao" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.nianbao" "Content Type" "application/x-nianbao-report"
  WriteRegStr HKCU "Software\Classes\.nianbao\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "政府信息公开工作年度报告"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\nianbao.exe",0'
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell" "" "open"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "" "用年报打开"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\nianbao.exe" "%1"'
  ; "Open with" for reports saved as .json.
  WriteRegStr HKCU "Software\Classes\Applications\nianbao.exe" "FriendlyAppName" "年报"
  WriteRegStr HKCU "Software\Classes\Applications\nianbao.exe\SupportedTypes" ".nianbao" ""
  WriteRegStr HKCU "Software\Classes\Applications\nianbao.exe\SupportedTypes" ".json" ""
  WriteRegStr HKCU "Software\Classes\Applications\nianbao.exe\shell\open\command" "" '"$INSTDIR\nianbao.exe" "%1"'

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "年报"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" '"$INSTDIR\nianbao.exe",0'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "nianbao"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  SectionGetSize 0 $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

  ; Tell Explorer the associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

; The reports and the app's data folder (%APPDATA%\nianbao: settings, recent files, the
; recovery copy) are the user's and stay.
Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\nianbao.exe"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\fonts\GPL-3-with-font-exception-Fandol.txt"
  Delete "$INSTDIR\fonts\OFL-LXGWWenKai-debian-copyright.txt"
  Delete "$INSTDIR\fonts\OFL-NotoSansSC-NotoSerifSC.txt"
  Delete "$INSTDIR\fonts\README-Fandol.txt"
  RMDir "$INSTDIR\fonts"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\年报.lnk"

  ; .nianbao is left to another program if the user gave it one since.
  ReadRegStr $0 HKCU "Software\Classes\.nianbao" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.nianbao"
  DeleteRegValue HKCU "Software\Classes\.nianbao\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\.nianbao\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.nianbao"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\nianbao.exe"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
