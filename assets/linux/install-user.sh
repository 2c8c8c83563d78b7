#!/usr/bin/env bash
# Installs nianbao for the current user on a Linux desktop (统信UOS, 麒麟, Debian, …):
# the binary, the menu entry, the icon, and the report file type, so that double-clicking
# a .nianbao file opens it in nianbao. Run from the repository after
# `cargo build --release`. Undo with: install-user.sh --remove
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
if [ "${1:-}" = "--remove" ]; then
  rm -f "$bin/nianbao" "$data/applications/nianbao.desktop" "$data/mime/packages/nianbao-mime.xml" \
    "$data/icons/hicolor/scalable/apps/nianbao.svg"
  for s in 32 48 64 128 256; do rm -f "$data/icons/hicolor/${s}x${s}/apps/nianbao.png"; done
else
  exe=${CARGO_TARGET_DIR:-$root/target}/release/nianbao
  [ -x "$exe" ] || { echo "先构建：cargo build --release" >&2; exit 1; }
  install -Dm755 "$exe" "$bin/nianbao"
  install -Dm644 "$here/nianbao.desktop" "$data/applications/nianbao.desktop"
  install -Dm644 "$here/nianbao-mime.xml" "$data/mime/packages/nianbao-mime.xml"
  install -Dm644 "$root/assets/nianbao.svg" "$data/icons/hicolor/scalable/apps/nianbao.svg"
  for s in 32 48 64 128 256; do
    install -Dm644 "$root/assets/icon-$s.png" "$data/icons/hicolor/${s}x${s}/apps/nianbao.png"
  done
fi
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
if [ "${1:-}" != "--remove" ] && command -v xdg-mime >/dev/null; then
  xdg-mime default nianbao.desktop application/x-nianbao-report
fi
echo "完成。"
