"""Command: gui — the desktop app (also what `reviewtool` with no command opens)."""

import os
import sys
from pathlib import Path

import click

from reviewtool.core.errors import ReviewError
from reviewtool.cli.group import cli
from reviewtool.cli.common import REVIEW_FILE


@cli.command()
@click.argument("file", type=REVIEW_FILE, required=False)
def gui(file: Path | None) -> None:
    """Open the desktop app, and FILE in it if given."""
    launch(file)


def launch(file: Path | None = None) -> None:
    if not has_screen():
        raise ReviewError("The desktop app needs a graphical session and none was found "
                          "(DISPLAY is not set); use the commands instead (reviewtool --help).")
    # Qt is imported only here, so every other command starts without loading it.
    from reviewtool.gui.app import run

    raise SystemExit(run(file))


def has_screen() -> bool:
    """Whether Qt can show a window: on Linux and BSD that needs X11, Wayland or an explicit
    platform (Qt would otherwise abort the process with a core dump)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
