#!/bin/sh
# macOS only: turns the PNGs drawn by packaging/icons.py (in FOLDER) into FOLDER/reviewtool.icns,
# which the PyInstaller configuration gives the app and the .review document type.
set -eu
FOLDER=$1
SET="$FOLDER/reviewtool.iconset"
mkdir -p "$SET"
for size in 16 32 128 256 512; do
    cp "$FOLDER/reviewtool-$size.png" "$SET/icon_${size}x${size}.png"
done
cp "$FOLDER/reviewtool-32.png" "$SET/icon_16x16@2x.png"
cp "$FOLDER/reviewtool-64.png" "$SET/icon_32x32@2x.png"
cp "$FOLDER/reviewtool-256.png" "$SET/icon_128x128@2x.png"
cp "$FOLDER/reviewtool-512.png" "$SET/icon_256x256@2x.png"
iconutil -c icns -o "$FOLDER/reviewtool.icns" "$SET"
