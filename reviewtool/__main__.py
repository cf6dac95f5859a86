"""`python -m reviewtool` is the same as the `reviewtool` command."""

from reviewtool.cli import main

main()
