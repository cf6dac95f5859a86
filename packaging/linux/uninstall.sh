#!/bin/sh
# Removes what install.sh put in place for the current user; the bundle folder itself and any
# review files are left alone (delete the folder to remove the program).
set -eu
BUNDLE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
BIN=$HOME/.local/bin

rm -f "$DATA/applications/reviewtool.desktop" "$DATA/mime/packages/reviewtool.xml"
rm -f "$DATA"/icons/hicolor/*/apps/reviewtool.png
rm -f "$DATA"/icons/hicolor/*/mimetypes/application-x-reviewtool-review.png
if [ -L "$BIN/reviewtool" ] && [ "$(readlink "$BIN/reviewtool")" = "$BUNDLE/reviewtool-desktop" ]; then
    rm -f "$BIN/reviewtool"
fi
command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
echo "reviewtool's launcher, icons and file type are removed; delete $BUNDLE to remove the program."
