"""Command: sync (the team folder)."""

from pathlib import Path

import click

from reviewtool.cli.common import AS_JSON, REVIEW_FILE, REVIEWER, print_json
from reviewtool.cli.group import cli
from reviewtool.cli.terminal import printable


@cli.command()
@click.argument("file", type=REVIEW_FILE)
@click.argument("folder", required=False, type=click.Path(path_type=Path, file_okay=False))
@REVIEWER
@AS_JSON
def sync(file: Path, folder: Path | None, reviewer: str | None, as_json: bool) -> None:
    """Sync FILE with the team FOLDER: merge every teammate's snapshot, publish yours.

    FOLDER is any shared folder (Dropbox, OneDrive, Syncthing, a network drive, a USB
    stick); it is remembered, so later syncs need only FILE. Keep FILE outside the folder.
    """
    from reviewtool.core.team.folder import sync_folder

    report = sync_folder(file, folder, reviewer=reviewer)
    if as_json:
        print_json(report.as_json())
        return
    for summary in report.merged:
        if summary.versions:
            click.echo("merged " + printable(str(summary)))
    for note in report.notes:
        click.echo(printable(note), err=True)
    click.echo(f"synced with {printable(str(report.folder))}: {report.headline()}"
               + ("; your snapshot published" if report.published else "; nothing new to publish"))
