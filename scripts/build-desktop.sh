#!/usr/bin/env bash
# Builds the desktop bundle with PyInstaller: one folder holding the app, Python, Qt (as
# separate shared libraries), the forms, migrations, layouts, fonts and licence texts, runnable
# without any Python installed, plus a .tar.gz of it and the Linux desktop integration
# (install.sh / uninstall.sh). Works from a stock Debian/Ubuntu Python: everything is installed
# into a private virtual environment, build/desktop-venv.
#
#   sh scripts/build-desktop.sh        (PYTHON=python3.12 to choose the interpreter)
#
# The last line printed is the bundle folder's path.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=build/desktop-venv
NAME=reviewtool-desktop

# Qt's X11 libraries, to bundle them; without them the bundle uses the desktop's own.
sh scripts/system-packages.sh desktop >&2 \
    || echo "note: building without them; the bundle will rely on the desktop's X11 libraries" >&2
# A private virtual environment with reviewtool from its wheel (with its data folders) and
# PyInstaller; the same script makes the README's .venv.
VENV=$VENV sh scripts/venv.sh --wheel desktop >&2

# From inside build/, so that Python finds the installed reviewtool, not the source tree.
cd build
desktop-venv/bin/python ../packaging/bundle_info.py bundle-info >&2
QT_QPA_PLATFORM=offscreen desktop-venv/bin/python ../packaging/icons.py icons >&2
desktop-venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath ../dist --workpath pyinstaller ../packaging/reviewtool-desktop.spec >&2
cd ..

BUNDLE="$ROOT/dist/$NAME"
# Desktop integration, installed per user by the bundle's own scripts.
mkdir -p "$BUNDLE/share/icons"
cp packaging/linux/install.sh packaging/linux/uninstall.sh "$BUNDLE/"
cp packaging/linux/reviewtool.desktop packaging/linux/reviewtool-mime.xml "$BUNDLE/share/"
cp build/icons/reviewtool-*.png "$BUNDLE/share/icons/"
cp packaging/linux/README.txt "$BUNDLE/README.txt"
ln -sfn "_internal/reviewtool/_data/bundle/licenses" "$BUNDLE/licenses"
chmod +x "$BUNDLE/install.sh" "$BUNDLE/uninstall.sh"

VERSION=$("$BUNDLE/$NAME" --version | sed 's/^reviewtool \([^ ]*\).*/\1/')
ARCHIVE="dist/$NAME-$VERSION-linux-$(uname -m).tar.gz"
tar -czf "$ARCHIVE" -C dist "$NAME"
echo "archive: $ROOT/$ARCHIVE ($(du -sh "$ARCHIVE" | cut -f1))" >&2
echo "$BUNDLE"
