"""Text from review files and file names made safe for a terminal.

A file name or a title can hold control characters (ESC starting a terminal escape
sequence, BEL, a right-to-left override that reorders what follows): printed raw, they
would act on the user's terminal instead of being read. Each is shown as a visible
escape instead (`\\x1b`, `\\u202e`).
"""

from reviewtool.core.normalize import escape_controls


def printable(text: str) -> str:
    return escape_controls(text)
