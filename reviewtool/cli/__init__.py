"""The command line: parse, call core, print. Each module adds its commands to `cli`."""

from reviewtool.cli import claims, demo, documents, gui, judgements, report, team  # noqa: F401  (they register their commands)
from reviewtool.cli.group import cli, main

__all__ = ["cli", "main"]
