#!/bin/sh
# Builds the desktop bundle (scripts/build-desktop.sh) and checks it where no Python can help:
# every run below has as its PATH a folder holding only the few shell tools install.sh uses,
# a private HOME, and no virtual environment or PYTHON* variable. Run by .ci/run when
# BUILD_DESKTOP=1; takes a few minutes.
#
#   sh tests/packaging/check-bundle.sh [BUNDLE]   (BUNDLE: check an existing bundle folder)
set -u
cd "$(dirname "$0")/../.."
if [ $# -gt 0 ]; then BUNDLE=$1; else BUNDLE=$(sh scripts/build-desktop.sh | tail -n 1); fi
BUNDLE=$(cd "$BUNDLE" && pwd)
EXE="$BUNDLE/reviewtool-desktop"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/tools" "$WORK/home" "$WORK/config/reviewtool"
for tool in basename cat cp dirname id ln mkdir readlink rm sed \
            update-mime-database update-desktop-database gtk-update-icon-cache xdg-mime gio; do
    found=$(command -v "$tool") && ln -s "$found" "$WORK/tools/$tool"
done
# The reviewer's name, as the app keeps it after its first run (otherwise it asks).
printf '[reviewer]\nname=Amara Okafor\n' > "$WORK/config/reviewtool/reviewtool.conf"

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAILED: $1"; }
bare() {  # run a command with nothing of the build machine's Python in reach
    env -i HOME="$WORK/home" PATH="$WORK/tools" XDG_CONFIG_HOME="$WORK/config" \
        XDG_DATA_HOME="$WORK/data" LANG=C.UTF-8 "$@"
}

if bare /bin/sh -c 'command -v python3 || command -v python' >/dev/null; then
    fail "the checks' environment has a Python on PATH"
else
    ok "no Python on PATH"
fi

out=$(bare "$EXE" --version 2>&1); code=$?
if [ $code -eq 0 ] && echo "$out" | grep -Eq '^reviewtool [0-9.]+ \(desktop bundle built [0-9-]+ '; then
    ok "--version: $out"
else
    fail "--version exited $code: $out"
fi

out=$(cd "$WORK" && bare "$EXE" demo "$WORK/demo" 2>&1); code=$?
if [ $code -eq 0 ] && echo "$out" | grep -q "merged team file: .*team.review (36 claims)" \
        && echo "$out" | grep -q "Cohen's kappa" \
        && head -c 5 "$WORK/demo/report.pdf" | grep -q '%PDF'; then
    ok "demo: team file, agreement and report.pdf in $WORK/demo"
else
    fail "demo exited $code: $out"
fi

out=$(bare "$EXE" check "$WORK/demo/team.review" 2>&1); code=$?
[ $code -eq 0 ] && ok "check of the demo review" || fail "check exited $code: $out"

out=$(bare "$EXE" check "$WORK/missing.review" 2>&1); code=$?
if [ $code -eq 1 ] && [ "$(echo "$out" | wc -l)" -eq 1 ] && ! echo "$out" | grep -q Traceback; then
    ok "a user error is one sentence and exit 1: $out"
else
    fail "a missing file gave exit $code: $out"
fi

# The app, offscreen: with no command it starts and shows its window; with `gui FILE` it
# opens the demo review; either way it keeps running until it is closed.
LOG="$WORK/data/reviewtool/reviewtool/reviewtool.log"  # Qt: $XDG_DATA_HOME/ORGANIZATION/APPLICATION
bare QT_QPA_PLATFORM=offscreen "$EXE" > "$WORK/app.out" 2>&1 &
app=$!
for _ in $(seq 1 120); do
    grep -q "main window shown" "$LOG" 2>/dev/null && break
    kill -0 $app 2>/dev/null || break
    sleep 0.5
done
if kill -0 $app 2>/dev/null && grep -q "main window shown" "$LOG" 2>/dev/null; then
    ok "with no command, the program is the app"
else
    fail "with no command the app did not start: $(cat "$WORK/app.out" "$LOG" 2>/dev/null)"
fi
kill $app 2>/dev/null
wait $app 2>/dev/null
rm -f "$LOG"

bare QT_QPA_PLATFORM=offscreen "$EXE" gui "$WORK/demo/team.review" > "$WORK/gui.out" 2>&1 &
app=$!
for _ in $(seq 1 120); do
    grep -q "opened .*team.review\|known error" "$LOG" 2>/dev/null && break
    kill -0 $app 2>/dev/null || break
    sleep 0.5
done
if kill -0 $app 2>/dev/null && grep -q "main window shown" "$LOG" \
        && grep -q "opened .*team.review" "$LOG" && ! grep -q Traceback "$WORK/gui.out"; then
    ok "the app shows its window and opens the demo review"
else
    fail "the app did not open the demo review: $(cat "$WORK/gui.out" "$LOG" 2>/dev/null)"
fi
kill $app 2>/dev/null
wait $app 2>/dev/null

# Desktop integration, per user: install, then uninstall leaves nothing behind.
DATA="$WORK/data"
out=$(bare "$BUNDLE/install.sh" 2>&1); code=$?
desktop="$DATA/applications/reviewtool.desktop"
if [ $code -eq 0 ] && grep -qF "Exec=\"$EXE\" gui %f" "$desktop" \
        && grep -q "^MimeType=application/x-reviewtool-review;" "$desktop" \
        && [ -f "$DATA/mime/packages/reviewtool.xml" ] \
        && [ -f "$DATA/icons/hicolor/48x48/apps/reviewtool.png" ] \
        && [ -f "$DATA/icons/hicolor/256x256/apps/reviewtool.png" ] \
        && [ "$(readlink "$WORK/home/.local/bin/reviewtool")" = "$EXE" ]; then
    ok "install.sh: launcher, file type, icons and command for this user"
else
    fail "install.sh exited $code: $out"
fi
if command -v desktop-file-validate >/dev/null; then
    out=$(desktop-file-validate "$desktop" 2>&1) && ok "the launcher is a valid .desktop file" \
        || fail "desktop-file-validate: $out"
fi
if [ -x "$WORK/tools/gio" ] && [ -x "$WORK/tools/update-mime-database" ]; then
    type=$(bare gio info -a standard::content-type "$WORK/demo/team.review" 2>&1)
    echo "$type" | grep -q "application/x-reviewtool-review" \
        && ok "the desktop sees a .review file as application/x-reviewtool-review" \
        || fail "file type of team.review: $type"
fi
out=$(bare "$BUNDLE/uninstall.sh" 2>&1); code=$?
left=$(find "$DATA" "$WORK/home/.local/bin" -name 'reviewtool*' -o -name 'application-x-reviewtool*' 2>/dev/null \
       | grep -v "$DATA/reviewtool")
if [ $code -eq 0 ] && [ -z "$left" ]; then
    ok "uninstall.sh removes what install.sh added"
else
    fail "uninstall.sh exited $code and left: $left $out"
fi

echo "desktop bundle: $passed passed, $failed failed"
[ $failed -eq 0 ]
