"""Helpers shared by the command modules."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from reviewtool.cli.terminal import json_escape_controls
from reviewtool.core.store.reviewfile import ReviewFile

REVIEW_FILE = click.Path(path_type=Path, dir_okay=False)
REVIEWER = click.option("--reviewer", help="Name to record on this work (default: the name given to 'new').")
AS_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


@contextmanager
def open_review(path: Path, *, readonly: bool = False) -> Iterator[ReviewFile]:
    review = ReviewFile.open(path, readonly=readonly)
    try:
        yield review
    finally:
        review.close()


def print_json(data) -> None:
    """JSON on standard output; the control characters JSON leaves as they are (C1 controls,
    bidirectional overrides) are written as \\u escapes, the same data, inert in a terminal."""
    click.echo(json_escape_controls(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)))
