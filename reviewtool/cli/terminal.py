"""Text from review files and file names made safe for a terminal.

A file name or a title can hold control characters (ESC starting a terminal escape
sequence, BEL, a right-to-left override that reorders what follows): printed raw, they
would act on the user's terminal instead of being read. Each is shown as a visible
escape instead (`\\x1b`, `\\u202e`).
"""

import re

from reviewtool.core.normalize import escape_controls

# What json.dumps(ensure_ascii=False) leaves raw: DEL, C1 controls, bidirectional controls.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    return escape_controls(text)


def json_escape_controls(text: str) -> str:
    """JSON text with those characters as \\uXXXX escapes (valid JSON, same data)."""
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
