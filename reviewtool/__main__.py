"""`python -m reviewtool` is the same as the `reviewtool` command."""

from .cli import main

main()
