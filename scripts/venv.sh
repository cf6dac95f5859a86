#!/bin/sh
# Installs reviewtool into a virtual environment of its own, ./.venv, so that it works on a
# stock Debian or Ubuntu Python too (whose system Python refuses `pip install` as an
# "externally managed environment"). Extras go as arguments: `sh scripts/venv.sh test`.
#
#   sh scripts/venv.sh                  reviewtool itself             → .venv/bin/reviewtool
#   sh scripts/venv.sh test             editable, with the test tools → .venv/bin/python -m pytest
#   sh scripts/venv.sh --wheel desktop  from its wheel, with extras (the desktop bundle's build)
#
# PYTHON chooses the interpreter (default python3; 3.11 or newer), VENV the folder (.venv).
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
wheel=""
if [ "${1:-}" = --wheel ]; then wheel=1; shift; fi

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

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
extras=$(echo "$*" | tr ' ' ',')
if [ -n "$wheel" ]; then
    # Built afresh even when this version is installed already: the code may have changed.
    "$VENV/bin/python" -m pip install -q --force-reinstall --no-deps .
    "$VENV/bin/python" -m pip install -q ".${extras:+[$extras]}"
elif [ -n "$extras" ]; then
    "$VENV/bin/python" -m pip install -q -e ".[$extras]"
else
    "$VENV/bin/python" -m pip install -q .
fi
