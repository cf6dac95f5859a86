#!/bin/sh
# Debian packages the tests need: the shared libraries Qt loads even offscreen, and TrueType
# fonts for Chinese, Japanese (fonts-droid-fallback) and Korean (fonts-nanum) that the report
# embeds and the app draws with.
# `desktop` adds what building the desktop bundle needs: the libraries of Qt's X11 plugin
# (bundled, so the app starts on any X11 desktop) and desktop-file-utils (checks the launcher).
# Installs only what is missing, so on a machine that has them this is quick and offline.
set -eu
packages="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
          fonts-droid-fallback fonts-nanum"
if [ "${1:-}" = desktop ]; then
    packages="$packages libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0"
    packages="$packages libxcb-render-util0 libxcb-cursor0 libxcb-shape0 desktop-file-utils"
fi
missing=""
for package in $packages; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "Missing Debian packages:$missing; install them as root (apt-get install$missing)." >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends $missing
