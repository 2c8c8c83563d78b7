#!/usr/bin/env bash
# Cross-builds the Windows program and its installer on Linux, then tests both under Wine in a
# virtual X display, with screenshots:
#   target/packaging/nianbao.exe                        the program (no console window)
#   target/packaging/nianbao-VERSION-setup.exe          the installer (NSIS, per user, no admin)
#
#   packaging/windows.sh              build and test
#   packaging/windows.sh --no-test    build only
#
# Needs (Debian 12): rustup (the script adds the x86_64-pc-windows-gnu target, which downloads
# it), gcc-mingw-w64-x86-64-posix (linker and windres), nsis, and for the test wine64 xvfb
# xdotool imagemagick poppler-utils. Screenshots and logs go to $OUT (default
# target/packaging-test/windows). Not part of CI: the target download needs the network.
#
# Wine 8 (Debian 12) lacks bcryptprimitives.dll, which Rust's std imports; the test builds a
# stand-in (packaging/windows/bcryptprimitives-shim.c) into the throw-away Wine prefix only.
# It is never put beside the program nor into the installer: Windows 10 and later have the DLL.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
triple=x86_64-pc-windows-gnu
target=${CARGO_TARGET_DIR:-$root/target}
out=${OUT:-$target/packaging-test/windows}
test=1
[ "${1:-}" = "--no-test" ] && test=0
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)

need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "缺少 $tool（见本脚本开头的依赖说明）" >&2; exit 1; }
  done
}
need cargo rustup x86_64-w64-mingw32-gcc-posix x86_64-w64-mingw32-windres x86_64-w64-mingw32-strip makensis
[[ $'\n'$(rustup target list --installed)$'\n' == *$'\n'$triple$'\n'* ]] || rustup target add $triple

echo "== cargo build --release --target $triple"
start=$(date +%s)
cargo build --release --locked --target $triple
echo "build: $(($(date +%s) - start)) s"
built=$target/$triple/release/nianbao.exe
# The program as shipped: without the symbol table (cargo's release profile strips only
# debug information; the Linux package is stripped by cargo-deb).
exe=$target/packaging/nianbao.exe
mkdir -p "$(dirname "$exe")"
x86_64-w64-mingw32-strip -o "$exe" "$built"
headers=$(x86_64-w64-mingw32-objdump -p -h "$exe")
grep -q 'Subsystem.*(Windows GUI)' <<<"$headers" ||
  { echo "FAIL: nianbao.exe is not a GUI program (it would open a console window)"; exit 1; }
grep -q '\.rsrc' <<<"$headers" || { echo "FAIL: nianbao.exe has no resources (icon)"; exit 1; }

echo "== makensis"
setup=$target/packaging/nianbao-$version-setup.exe
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DEXE="$exe" -DROOT="$root" \
  -DOUTFILE="$setup" packaging/windows/nianbao.nsi
echo "nianbao.exe: $(stat -c %s "$exe") bytes; installer: $(stat -c %s "$setup") bytes"
[ $test = 1 ] || exit 0

# ---- smoke test under Wine ----
if command -v wine64 >/dev/null; then wine=wine64
elif [ -x /usr/lib/wine/wine64 ]; then wine=/usr/lib/wine/wine64
else need wine64; fi
wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver64)
need Xvfb xdotool import pdftotext
rm -rf "$out"
mkdir -p "$out"
prefix=$(mktemp -d)
display=:$((90 + RANDOM % 100))
export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" DISPLAY=$display
Xvfb "$display" -screen 0 1366x800x24 >"$out/xvfb.log" 2>&1 &
xvfb=$!
cleanup() {
  WINEPREFIX=$prefix "$wineserver" -k 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$prefix"
}
trap cleanup EXIT
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

echo "== Wine prefix ($($wine --version))"
$wine wineboot -i >"$out/wineboot.log" 2>&1
"$wineserver" -w
x86_64-w64-mingw32-gcc-posix -O2 -s -shared -o "$prefix/drive_c/windows/system32/bcryptprimitives.dll" \
  packaging/windows/bcryptprimitives-shim.c packaging/windows/bcryptprimitives-shim.def -ladvapi32

# Whether a PDF's text holds the report's title (read whole: no grep -q in a pipe, whose early
# exit would fail the pipe under pipefail).
pdf_has_title() {
  local text
  text=$(pdftotext "$1" - 2>/dev/null | tr -d ' \n') || return 1
  [[ $text == *政府信息公开工作年度报告* ]]
}
winpath() { echo "Z:$(echo "$1" | sed 's|/|\\|g')"; }
# The id of a window whose title matches the glob $1 (xdotool's own --name cannot match
# Chinese titles: it compares bytes in the C locale).
find_window() {
  local w
  for w in $(xdotool search --onlyvisible --name '.' 2>/dev/null); do
    # shellcheck disable=SC2053
    [[ $(xdotool getwindowname "$w" 2>/dev/null) == $1 ]] && { echo "$w"; return 0; }
  done
  return 1
}
# Waits up to $2 tenths of a second for a window whose title matches the glob $1.
wait_window() {
  for _ in $(seq "${2:-600}"); do find_window "$1" && return 0; sleep 0.1; done
  return 1
}

work=$(mktemp -d -p "$prefix")
report=$work/示例市某局2024年报.nianbao
cp assets/examples/example-city-2024.json "$report"

echo "== the command line (nianbao.exe check / render)"
$wine "$exe" check "$(winpath "$report")" >"$out/check.txt" 2>&1 && echo "check: no error"
head -n 3 "$out/check.txt"
$wine "$exe" render "$(winpath "$report")" -o "$(winpath "$work/cli.pdf")" >"$out/render.txt" 2>&1
pdf_has_title "$work/cli.pdf" ||
  { echo "FAIL: the PDF from nianbao.exe render lacks its title"; exit 1; }
echo "render: $(stat -c %s "$work/cli.pdf") bytes, text extracts"
cp "$work/cli.pdf" "$out/cli.pdf"

echo "== the installer, silently (/S), as a user without admin rights"
$wine "$setup" /S
"$wineserver" -w
appdata=$(find "$prefix/drive_c/users" -maxdepth 3 -type d -path '*/AppData/Local' | head -n 1)
installed=$appdata/Programs/nianbao
[ -f "$installed/nianbao.exe" ] || { echo "FAIL: not installed in %LOCALAPPDATA%\\Programs\\nianbao"; exit 1; }
ls -la "$installed" | tee "$out/installed.txt"
shortcut=$(find "$prefix/drive_c/users" -name '年报.lnk' | head -n 1)
[ -n "$shortcut" ] || { echo "FAIL: no Start-menu shortcut 年报.lnk"; exit 1; }
echo "shortcut: ${shortcut#"$prefix/"}"
reg_query() { $wine reg query "$1" /ve 2>/dev/null | tr -d '\r' | awk -F'REG_SZ' 'NF > 1 { sub(/^[ \t]+/, "", $2); print $2 }'; }
ext=$(reg_query 'HKCU\Software\Classes\.nianbao')
command=$(reg_query 'HKCU\Software\Classes\nianbao.report\shell\open\command')
echo "HKCU\\Software\\Classes\\.nianbao = $ext; open command = $command"
[ "$ext" = nianbao.report ] || { echo "FAIL: .nianbao is not associated"; exit 1; }
case "$command" in *'nianbao.exe" "%1"') ;; *) echo "FAIL: open command is '$command'"; exit 1 ;; esac

echo "== double-click a report: ShellExecute through the association (start)"
# Windows reads HKEY_CLASSES_ROOT as HKLM\Software\Classes merged with the user's
# HKCU\Software\Classes (where a per-user installer must write); Wine 8 does not merge them.
# So the test copies exactly what the installer wrote into HKLM, then lets ShellExecute find
# and run the registered command, as Explorer does on a double-click.
for key in .nianbao nianbao.report; do
  $wine reg export 'HKCU\Software\Classes\'"$key" "$(winpath "$work/$key.reg")" /y >/dev/null
  iconv -f UTF-16 -t UTF-8 "$work/$key.reg" | sed 's/HKEY_CURRENT_USER/HKEY_LOCAL_MACHINE/' |
    iconv -f UTF-8 -t UTF-16 >"$work/$key-hklm.reg"
  $wine reg import "$(winpath "$work/$key-hklm.reg")" >/dev/null 2>&1
done
[ "$(reg_query 'HKCR\.nianbao')" = nianbao.report ] || { echo "FAIL: HKCR lacks .nianbao"; exit 1; }
t0=$(date +%s.%N)
timeout 60 $wine start /unix "$report" >"$out/app.log" 2>&1
win=$(wait_window "示例市某局2024年报.nianbao — 年报") ||
  { echo "FAIL: the report did not open in a window"; cat "$out/app.log"; exit 1; }
t1=$(date +%s.%N)
echo "window after $(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }") s (Wine running already)"
sleep 3
import -window root "$out/double-click.png"
xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus "$win" || true
xdotool key --window "$win" F5
sleep 3
import -window root "$out/preview.png"

echo "== export the PDF from the app (文件 → 导出PDF, Ctrl+P, the system's save dialog)"
app_pdf=$work/export.pdf
xdotool key --window "$win" ctrl+p
if dialog=$(wait_window "导出PDF" 150) && [ "$dialog" != "$win" ]; then
  sleep 1
  import -window root "$out/export-dialog.png"
  xdotool windowactivate --sync "$dialog" 2>/dev/null || true
  # Tries: a click in the file name field, the path typed, Enter. Under Xvfb without a window
  # manager the click lands (the caret shows) but Wine 8 gets none of the typed keys, so this
  # step reports rather than fails; the dialog opening is shown in export-dialog.png, and the
  # PDF path itself is proven by nianbao.exe render above.
  eval "$(xdotool getwindowgeometry --shell "$dialog")"
  xdotool mousemove $((X + WIDTH * 58 / 100)) $((Y + HEIGHT - 42)) click --repeat 3 1
  xdotool key ctrl+a BackSpace
  xdotool type --delay 30 "$(winpath "$app_pdf")"
  xdotool key Return
  for _ in $(seq 150); do [ -s "$app_pdf" ] && break; sleep 0.1; done
fi
if [ -s "$app_pdf" ] && pdf_has_title "$app_pdf"; then
  echo "app export: $(stat -c %s "$app_pdf") bytes, text extracts"
  cp "$app_pdf" "$out/app-export.pdf"
else
  echo "app export: no PDF through the dialog under Wine (see $out/export-dialog.png); the CLI export above passed"
fi
sleep 1
import -window root "$out/after-export.png"
"$wineserver" -k || true
sleep 1

echo "== start-up time to the first frame, no file (median of 5, Wine running)"
$wine cmd /c exit 0
times=()
for i in 1 2 3 4 5; do
  t0=$(date +%s.%N)
  NIANBAO_TRACE_FRAMES=1 $wine "$installed/nianbao.exe" >"$out/start-$i.log" 2>&1 &
  pid=$!
  wait_window "*年报" 600 >/dev/null || { echo "FAIL: no window at start $i"; exit 1; }
  t1=$(date +%s.%N)
  times+=("$(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }")")
  [ "$i" = 1 ] && { sleep 3; import -window root "$out/start-no-file.png"; }
  $wine taskkill /f /im nianbao.exe >/dev/null 2>&1 || true
  wait "$pid" 2>/dev/null || true
done
echo "window after: ${times[*]} s; median $(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p) s"

echo "== uninstall (/S)"
$wine "$installed/uninstall.exe" /S
for _ in $(seq 300); do [ -e "$installed" ] || break; sleep 0.1; done
"$wineserver" -w
[ ! -e "$installed" ] || { echo "FAIL: left behind: $(ls -A "$installed")"; exit 1; }
[ -z "$(find "$prefix/drive_c/users" -name '年报.lnk')" ] || { echo "FAIL: the shortcut stays"; exit 1; }
$wine reg query 'HKCU\Software\Classes\nianbao.report' >/dev/null 2>&1 && { echo "FAIL: the association stays"; exit 1; }
$wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\nianbao' >/dev/null 2>&1 &&
  { echo "FAIL: the uninstall entry stays"; exit 1; }
echo "uninstalled: program, shortcut, association and uninstall entry gone"
echo "screenshots: $out/*.png"
echo "ok: $exe, $setup"
