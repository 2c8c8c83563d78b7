#!/usr/bin/env bash
# Builds the Linux package (target/debian/nianbao_VERSION-1_ARCH.deb) with cargo-deb and tests it
# the way a user meets it: lintian, desktop-file-validate, dpkg -i, the report file type and its
# default program, double-clicking a report (xdg-open) in a virtual X display with a
# screenshot, the command line, and dpkg -r leaving nothing behind.
#
#   packaging/deb.sh              build and test (the package is removed again at the end)
#   packaging/deb.sh --no-test    build only
#
# Needs (Debian 12 / 统信UOS / 麒麟): cargo-deb (cargo install cargo-deb --locked), and for the
# test lintian desktop-file-utils xdg-utils shared-mime-info libfile-mimeinfo-perl xvfb xdotool
# imagemagick poppler-utils. Installing the package needs root (run as root or with sudo).
# Screenshots and logs go to $OUT (default target/packaging-test/deb).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
out=${OUT:-$target/packaging-test/deb}
test=1
[ "${1:-}" = "--no-test" ] && test=0

need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "缺少 $tool（见本脚本开头的依赖说明）" >&2; exit 1; }
  done
}
need cargo cargo-deb dpkg-deb
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

start=$(date +%s)
deb=$(cargo deb --locked | tail -n 1)
[ -f "$deb" ] || { echo "cargo deb did not name its package: $deb" >&2; exit 1; }
echo "built $deb in $(($(date +%s) - start)) s: $(stat -c %s "$deb") bytes," \
  "installed size $(dpkg-deb -f "$deb" Installed-Size) KiB"
[ $test = 1 ] || exit 0

need lintian desktop-file-validate xdg-mime xdg-open Xvfb xdotool import pdftotext
rm -rf "$out"
mkdir -p "$out"

echo "== desktop-file-validate"
desktop-file-validate assets/linux/nianbao.desktop
echo "== lintian (overrides, each with its reason: packaging/linux/lintian-overrides)"
lintian --fail-on error,warning --display-info "$deb" | tee "$out/lintian.txt"

echo "== contents"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' | grep -v '/$' | sort > "$out/files.txt"
cat "$out/files.txt"
for f in /usr/bin/nianbao /usr/share/applications/nianbao.desktop \
  /usr/share/mime/packages/nianbao.xml /usr/share/icons/hicolor/scalable/apps/nianbao.svg \
  /usr/share/icons/hicolor/256x256/apps/nianbao.png /usr/share/doc/nianbao/copyright; do
  grep -qx "$f" "$out/files.txt" || { echo "FAIL: the package lacks $f"; exit 1; }
done

if dpkg -s nianbao >/dev/null 2>&1; then
  echo "FAIL: nianbao is installed already; remove it first (dpkg -r nianbao)" >&2
  exit 1
fi
echo "== dpkg -i"
as_root dpkg -i "$deb"

# A user of their own: a fresh home, so nothing of this machine's user is read or left behind.
user_home=$(mktemp -d)
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1366x800x24 >"$out/xvfb.log" 2>&1 &
xvfb=$!
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$user_home"
  if dpkg -s nianbao >/dev/null 2>&1; then as_root dpkg -r nianbao >/dev/null || true; fi
}
trap cleanup EXIT
as_user() {
  env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$user_home" DISPLAY="$display" LANG=C.UTF-8 \
    NIANBAO_TRACE_FRAMES=1 "$@"
}

# The id of a window whose title matches the glob $1 (xdotool's own --name cannot match
# Chinese titles: it compares bytes in the C locale).
find_window() {
  local w
  for w in $(DISPLAY=$display xdotool search --onlyvisible --name '.' 2>/dev/null); do
    # shellcheck disable=SC2053
    [[ $(DISPLAY=$display xdotool getwindowname "$w" 2>/dev/null) == $1 ]] && { echo "$w"; return 0; }
  done
  return 1
}
wait_window() {
  for _ in $(seq 300); do find_window "$1" && return 0; sleep 0.1; done
  return 1
}
# Whether a PDF's text holds the report's title (read whole: no grep -q in a pipe, whose early
# exit would fail the pipe under pipefail).
pdf_has_title() {
  local text
  text=$(pdftotext "$1" - 2>/dev/null | tr -d ' \n') || return 1
  [[ $text == *政府信息公开工作年度报告* ]]
}

report="$user_home/示例市某局2024年报.nianbao"
cp assets/examples/example-city-2024.json "$report"

echo "== the report file type"
type=$(as_user xdg-mime query filetype "$report")
echo "xdg-mime query filetype: $type"
[ "$type" = application/x-nianbao-report ] || { echo "FAIL: a .nianbao file is $type"; exit 1; }
default=$(as_user xdg-mime query default application/x-nianbao-report)
echo "xdg-mime query default: $default"
[ "$default" = nianbao.desktop ] || { echo "FAIL: reports open with '$default'"; exit 1; }
gio_type=$(as_user gio info -a standard::content-type "$report" 2>/dev/null | awk '/content-type/ {print $2}' || true)
echo "gio (GNOME, 统信UOS/麒麟 file managers use the same database): ${gio_type:-no gio}"

echo "== the command line"
as_user nianbao check "$report" >"$out/check.txt" && echo "nianbao check: no error"
as_user nianbao render "$report" -o "$user_home/示例.pdf" >/dev/null
pdf_has_title "$user_home/示例.pdf" && echo "nianbao render: $(stat -c %s "$user_home/示例.pdf") bytes, text extracts"

echo "== double-click (xdg-open) a report"
for _ in $(seq 50); do xdotool getdisplaygeometry --display "$display" >/dev/null 2>&1 && break; sleep 0.1; done
t0=$(date +%s.%N)
as_user xdg-open "$report" >"$out/app.log" 2>&1 &
title="示例市某局2024年报.nianbao — 年报"
win=$(wait_window "$title") || { echo "FAIL: no window titled $title"; cat "$out/app.log"; exit 1; }
t1=$(date +%s.%N)
app=$(pgrep -n -x nianbao || true)
echo "window \"$title\" after $(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }") s; $(grep -m1 'after start' "$out/app.log" || true)"
sleep 2
DISPLAY=$display import -window root "$out/double-click.png"
# 打印预览 in the form tree (a click: without a window manager the window has no keyboard focus).
DISPLAY=$display xdotool mousemove --window "$win" 60 362 click 1
sleep 2
DISPLAY=$display import -window root "$out/preview.png"
echo "screenshots: $out/double-click.png $out/preview.png"
[ -n "$app" ] && kill "$app"
app=""
sleep 0.5

echo "== the menu entry starts the app without a file (新建年报)"
as_user gio launch /usr/share/applications/nianbao.desktop >"$out/app-menu.log" 2>&1 ||
  as_user nianbao >"$out/app-menu.log" 2>&1 &
win=$(wait_window "*年报") || { echo "FAIL: the menu entry opened no window"; exit 1; }
sleep 2
DISPLAY=$display import -window root "$out/menu-start.png"
app=$(pgrep -n -x nianbao || true)
[ -n "$app" ] && kill "$app"
app=""
echo "screenshot: $out/menu-start.png"

echo "== dpkg -r leaves nothing behind"
as_root dpkg -r nianbao
left=""
while read -r f; do [ -e "$f" ] && left="$left $f"; done <"$out/files.txt"
for d in /usr/share/doc/nianbao /usr/share/lintian/overrides/nianbao; do [ -e "$d" ] && left="$left $d"; done
[ -z "$left" ] || { echo "FAIL: left behind:$left"; exit 1; }
type=$(as_user xdg-mime query filetype "$report")
[ "$type" != application/x-nianbao-report ] || { echo "FAIL: the file type is still registered"; exit 1; }
grep -rqs nianbao /usr/share/applications/mimeinfo.cache && { echo "FAIL: mimeinfo.cache still names nianbao"; exit 1; }
echo "removed; a .nianbao file is now $type"
echo "ok: $deb"
