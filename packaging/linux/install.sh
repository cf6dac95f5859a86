#!/bin/sh
# Installs reviewtool for the current user (no root needed): the launcher in the application
# menu, the icon at its usual sizes, the *.review file type opening in the app, and the
# `reviewtool` command in ~/.local/bin. The bundle stays where it is; run uninstall.sh to undo.
set -eu
BUNDLE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
BIN=$HOME/.local/bin

mkdir -p "$DATA/applications" "$DATA/mime/packages" "$BIN"
sed "s|@BUNDLE@|$BUNDLE|g" "$BUNDLE/share/reviewtool.desktop" > "$DATA/applications/reviewtool.desktop"
cp "$BUNDLE/share/reviewtool-mime.xml" "$DATA/mime/packages/reviewtool.xml"
for png in "$BUNDLE"/share/icons/reviewtool-*.png; do
    size=$(basename "$png" .png | sed 's/reviewtool-//')
    mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps" "$DATA/icons/hicolor/${size}x${size}/mimetypes"
    cp "$png" "$DATA/icons/hicolor/${size}x${size}/apps/reviewtool.png"
    cp "$png" "$DATA/icons/hicolor/${size}x${size}/mimetypes/application-x-reviewtool-review.png"
done
ln -sfn "$BUNDLE/reviewtool-desktop" "$BIN/reviewtool"

# Refresh the desktop's caches where the tools are present (they are on a desktop system).
command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
command -v xdg-mime >/dev/null && xdg-mime default reviewtool.desktop application/x-reviewtool-review || true

echo "reviewtool is installed for $(id -un): in the application menu, as the 'reviewtool' command"
echo "(in $BIN), and *.review files open in it. To remove it: $BUNDLE/uninstall.sh"
