; Inno Setup script: a per-user installer for the Windows bundle (dist\reviewtool-desktop,
; built by PyInstaller from packaging\reviewtool-desktop.spec). Built by the CI workflow
; .github/workflows/desktop.yml with `iscc /DVersion=X.Y.Z packaging\windows\reviewtool.iss`.
; It adds a Start menu entry, makes *.review files open in the app (with the app's icon) and
; puts the command-line program on the user's PATH; uninstalling removes all of it.

#ifndef Version
  #define Version "0.0.0"
#endif

[Setup]
AppId={{6C0B7C2E-4E57-4B8B-9C61-0D5C3A1F2E41}
AppName=reviewtool
AppVersion={#Version}
AppPublisher=reviewtool
DefaultDirName={localappdata}\Programs\reviewtool
DefaultGroupName=reviewtool
PrivilegesRequired=lowest
ChangesAssociations=yes
ChangesEnvironment=yes
OutputDir=..\..\dist
OutputBaseFilename=reviewtool-{#Version}-windows-setup
SetupIconFile=..\..\build\icons\reviewtool.ico
UninstallDisplayIcon={app}\reviewtool.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
LicenseFile=..\..\build\bundle-info\licenses\QT-LGPL-NOTE.txt

[Files]
Source: "..\..\dist\reviewtool-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\reviewtool"; Filename: "{app}\reviewtool.exe"
Name: "{group}\Licences"; Filename: "{app}\_internal\reviewtool\_data\bundle\licenses"

[Registry]
; *.review → reviewtool.Review, opened with the windowed program.
Root: HKCU; Subkey: "Software\Classes\.review"; ValueType: string; ValueName: ""; ValueData: "reviewtool.Review"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.review"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-reviewtool-review"
Root: HKCU; Subkey: "Software\Classes\reviewtool.Review"; ValueType: string; ValueName: ""; ValueData: "reviewtool review"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\reviewtool.Review\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\reviewtool.exe,0"
Root: HKCU; Subkey: "Software\Classes\reviewtool.Review\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\reviewtool.exe"" gui ""%1"""
; The command line as `reviewtool-desktop` in new terminals.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NeedsAddPath(ExpandConstant('{app}'))

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKCU, 'Environment', 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
