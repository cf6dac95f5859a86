"""The command line: parse, call core, print. Each module adds its commands to `cli`."""

from reviewtool.cli import agreement, claims, demo, documents, gui, judgements, report, sync, team  # noqa: F401  (they register their commands)
from reviewtool.cli.group import cli, main

__all__ = ["cli", "main"]
