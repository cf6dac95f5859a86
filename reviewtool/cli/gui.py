"""Command: gui — the desktop app (also what `reviewtool` with no command opens)."""

from pathlib import Path

import click

from . import cli
from .common import REVIEW_FILE


@cli.command()
@click.argument("file", type=REVIEW_FILE, required=False)
def gui(file: Path | None) -> None:
    """Open the desktop app, and FILE in it if given."""
    launch(file)


def launch(file: Path | None = None) -> None:
    # Qt is imported only here, so every other command starts without loading it.
    from ..gui.app import run

    raise SystemExit(run(file))
