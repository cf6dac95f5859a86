#!/bin/sh
# Installs reviewtool into a virtual environment of its own, ./.venv, so that it works on a
# stock Debian or Ubuntu Python too (whose system Python refuses `pip install` as an
# "externally managed environment"). Extras go as arguments: `sh scripts/venv.sh test`.
#
#   sh scripts/venv.sh          reviewtool itself            → .venv/bin/reviewtool
#   sh scripts/venv.sh test     editable, with the test tools → .venv/bin/python -m pytest
#
# PYTHON chooses the interpreter (default python3; it must be 3.11 or newer).
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "reviewtool needs Python 3.11 or newer; $PYTHON is $("$PYTHON" -V 2>&1)." >&2
    exit 1
fi
# Debian and Ubuntu ship venv's pip bootstrap in a separate package.
if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
    package="python3-venv"
    if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
        echo "$PYTHON cannot create virtual environments; install $package as root." >&2
        exit 1
    fi
    $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "$package"
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ $# -gt 0 ]; then
    extras=$(echo "$*" | tr ' ' ',')
    .venv/bin/python -m pip install -q -e ".[$extras]"
else
    .venv/bin/python -m pip install -q .
fi
