"""Invoke the command line in-process, as a user would from a shell."""

from click.testing import CliRunner

from reviewtool.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
